/** Bot Framework activity JSON as Teams sends it, for driving the bot over HTTP. */
import { randomUUID } from 'node:crypto';

export interface TeamsPerson {
  /** Entra object id. */
  oid: string;
  name: string;
  /** Teams user id (`29:…`). */
  teamsId: string;
  upn: string;
}

export type Place =
  | { kind: 'personal'; id: string }
  | { kind: 'channel'; id: string; teamId: string }
  | { kind: 'groupChat'; id: string };

export interface ActivityContext {
  serviceUrl: string;
  botId: string;
  tenantId: string;
}

// Bot Framework activity JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActivityJson = Record<string, any>;

function conversationOf(place: Place, tenantId: string): ActivityJson {
  if (place.kind === 'personal') return { id: place.id, conversationType: 'personal', tenantId };
  if (place.kind === 'channel')
    return {
      id: `${place.id};messageid=${Date.now()}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId,
    };
  return { id: place.id, conversationType: 'groupChat', isGroup: true, tenantId };
}

function base(ctx: ActivityContext, who: TeamsPerson, place: Place): ActivityJson {
  return {
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: ctx.serviceUrl,
    channelId: 'msteams',
    from: { id: who.teamsId, name: who.name, aadObjectId: who.oid },
    conversation: conversationOf(place, ctx.tenantId),
    recipient: { id: `28:${ctx.botId}`, name: 'patbot' },
    channelData: {
      tenant: { id: ctx.tenantId },
      ...(place.kind === 'channel' ? { team: { id: place.teamId }, channel: { id: place.id } } : {}),
    },
    locale: 'en-GB',
    localTimezone: 'Europe/Berlin',
  };
}

/** A typed message; in channels and group chats with the bot @mentioned, as Teams sends it. */
export function messageActivity(
  ctx: ActivityContext,
  who: TeamsPerson,
  place: Place,
  text: string,
): ActivityJson {
  const activity = base(ctx, who, place);
  if (place.kind === 'personal') return { ...activity, type: 'message', text };
  const mention = '<at>patbot</at>';
  return {
    ...activity,
    type: 'message',
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: { id: `28:${ctx.botId}`, name: 'patbot' } }],
  };
}

/** An `Action.Execute` press on a card (the `data` as on the card, plus any inputs). */
export function actionActivity(
  ctx: ActivityContext,
  who: TeamsPerson,
  place: Place,
  action: { verb: string; data: Record<string, unknown> },
  options: { trigger?: 'manual' | 'automatic'; replyToId?: string } = {},
): ActivityJson {
  return {
    ...base(ctx, who, place),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId ?? 'act-card',
    value: { action: { type: 'Action.Execute', ...action }, trigger: options.trigger ?? 'manual' },
  };
}

export function invokeActivity(
  ctx: ActivityContext,
  who: TeamsPerson,
  place: Place,
  name: string,
  value: unknown,
): ActivityJson {
  return { ...base(ctx, who, place), type: 'invoke', name, value };
}

export function installActivity(
  ctx: ActivityContext,
  who: TeamsPerson,
  place: Place,
  action: 'add' | 'remove',
): ActivityJson {
  return { ...base(ctx, who, place), type: 'installationUpdate', action };
}

export function membersActivity(
  ctx: ActivityContext,
  who: TeamsPerson,
  place: Place,
  change: {
    added?: Array<{ id: string; aadObjectId?: string }>;
    removed?: Array<{ id: string; aadObjectId?: string }>;
  },
): ActivityJson {
  return {
    ...base(ctx, who, place),
    type: 'conversationUpdate',
    ...(change.added ? { membersAdded: change.added } : {}),
    ...(change.removed ? { membersRemoved: change.removed } : {}),
  };
}
