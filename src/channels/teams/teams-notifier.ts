/**
 * The core `Notifier` for Teams: the sweep's direct reminders go to the person's personal chat
 * with the bot (a reminder card, or the sign-in notice), channel digests to the stored channel
 * or group chat with the owners @mentioned. Posts through the proactive sender; failures are
 * values (see ./delivery-failure). Handles Teams users and conversations only.
 */
import type { ConversationReference } from 'botbuilder';
import type {
  ChannelDigest,
  DeliveryResult,
  DigestOwner,
  DirectReminder,
  Notifier,
  TokenEventAlert,
} from '../../core/notifier';
import type { PlatformIdentity, StoredConversation } from '../../core/store';
import type { BotContext } from './bot-context';
import type { AdaptiveCard } from './cards/card-types';
import { adminNoticeCard, channelAlertCard, tokenEventCard } from './cards/admin-card';
import { digestCard, mentionOf, plainOwner, type OwnerRef } from './cards/digest-card';
import { reminderCard } from './cards/reminder-card';
import { revokeDueCard } from './cards/revoke-due-card';
import { signInNeededCard } from './cards/signin-needed-card';
import { deliveryFailure, noConversation } from './delivery-failure';
import type { ProactiveSender } from './proactive-sender';
import { cardActivity } from './replies';
import { reminderModel } from './reminder-model';
import { chatWithBotLink } from './sign-in-prompt';

export interface TeamsNotifierDeps {
  bc: BotContext;
  sender: ProactiveSender;
}

type Reference = Partial<ConversationReference>;

function isReference(value: unknown): value is Reference {
  const r = value as Reference | null;
  return typeof r?.serviceUrl === 'string' && typeof r.conversation?.id === 'string';
}

/** The owner's Teams identity, preferring the channel's tenant. */
function teamsIdentity(identities: readonly PlatformIdentity[], tenantId: string | undefined) {
  const teams = identities.filter(
    (i): i is Extract<PlatformIdentity, { platform: 'teams' }> => i.platform === 'teams',
  );
  return teams.find((i) => i.tenantId === tenantId) ?? teams[0];
}

/** What every send needs: the bot's context, the proactive sender and the notifier's logger. */
interface NotifierContext {
  bc: BotContext;
  sender: ProactiveSender;
  log: BotContext['log'];
}

export function createTeamsNotifier({ bc, sender }: TeamsNotifierDeps): Notifier {
  const ctx: NotifierContext = { bc, sender, log: bc.log.child({ component: 'teams-notifier' }) };
  return {
    sendDirect: (userId, reminder, to) => sendDirect(ctx, userId, reminder, to),
    sendChannelDigest: (conversationKey, digest) => sendChannelDigest(ctx, conversationKey, digest),
    sendAdminDirect: (userId, message) =>
      sendPersonalCard(
        ctx,
        userId,
        message.kind === 'token-event'
          ? tokenEventCard(message, replaceValue(ctx, userId, message))
          : adminNoticeCard(message),
      ),
    sendChannelAlert: (conversationKey, alert) =>
      sendToChannel(ctx, conversationKey, channelAlertCard(alert)),
    sendAdminChannel: (conversationKey, notice) =>
      sendToChannel(ctx, conversationKey, adminNoticeCard(notice)),
  };
}

/** The owner's signed value for the alert's **Create replacement** (null when the PAT is unknown). */
function replaceValue(ctx: NotifierContext, ownerId: string, alert: TokenEventAlert): string | null {
  const r = alert.replacement;
  return r?.patId ? ctx.bc.signer.sign({ o: ownerId, g: r.org, p: r.patId, v: 'recreate' }) : null;
}

/** A reminder card (or the sign-in notice) in the person's personal chat with the bot. */
/** `to`: the personal conversation the sweep already looked up (not read again). */
async function sendDirect(
  ctx: NotifierContext,
  userId: string,
  reminder: DirectReminder,
  to?: StoredConversation,
): Promise<DeliveryResult> {
  const { bc } = ctx;
  const { store } = bc.deps;
  try {
    const personal =
      to && to.platform === 'teams' && to.kind === 'personal' && to.userId === userId
        ? to
        : await store.conversations.personalFor(userId, 'teams');
    if (!personal) return noConversation('This person has no chat with patbot in Teams.');
    if (personal.status !== 'active' || !isReference(personal.reference)) {
      return noConversation("I can no longer post in this person's chat with patbot.", personal.key);
    }
    const card =
      reminder.kind === 'signin-needed'
        ? signInNeededCard({ notice: reminder, chatLink: chatWithBotLink(bc) })
        : reminder.kind === 'revoke-due'
          ? revokeDueCard(
              reminder,
              bc.signer.sign({ v: 'revoke', o: userId, g: reminder.org, p: reminder.patId }),
            )
          : reminderCard(reminderModel(bc, userId, await store.users.get(userId), reminder));
    return await post(ctx, personal.key, personal.reference, card);
  } catch (err) {
    return deliveryFailure(err);
  }
}

/** Any card in the person's personal chat with the bot (admin watch alerts). */
async function sendPersonalCard(
  ctx: NotifierContext,
  userId: string,
  card: AdaptiveCard,
): Promise<DeliveryResult> {
  try {
    const personal = await ctx.bc.deps.store.conversations.personalFor(userId, 'teams');
    if (!personal) return noConversation('This person has no chat with patbot in Teams.');
    if (personal.status !== 'active' || !isReference(personal.reference)) {
      return noConversation("I can no longer post in this person's chat with patbot.", personal.key);
    }
    return await post(ctx, personal.key, personal.reference, card);
  } catch (err) {
    return deliveryFailure(err);
  }
}

/** Any card in a stored channel or group chat (admin watch one-line alerts). */
async function sendToChannel(
  ctx: NotifierContext,
  conversationKey: string,
  card: AdaptiveCard,
): Promise<DeliveryResult> {
  try {
    const conversation = await ctx.bc.deps.store.conversations.get(conversationKey);
    if (!conversation || conversation.platform !== 'teams' || conversation.kind === 'personal') {
      return noConversation('That is not a Teams channel or group chat patbot knows.', conversationKey);
    }
    if (conversation.status !== 'active' || !isReference(conversation.reference)) {
      return noConversation('I can no longer post in that conversation.', conversationKey);
    }
    return await post(ctx, conversationKey, conversation.reference, card);
  } catch (err) {
    return deliveryFailure(err, conversationKey);
  }
}

/** The digest card in the stored channel or group chat, with the owners @mentioned. */
async function sendChannelDigest(
  ctx: NotifierContext,
  conversationKey: string,
  digest: ChannelDigest,
): Promise<DeliveryResult> {
  try {
    const conversation = await ctx.bc.deps.store.conversations.get(conversationKey);
    if (!conversation || conversation.platform !== 'teams' || conversation.kind === 'personal') {
      return noConversation('That is not a Teams channel or group chat patbot knows.', conversationKey);
    }
    if (conversation.status !== 'active' || !isReference(conversation.reference)) {
      return noConversation('I can no longer post in that conversation.', conversationKey);
    }
    const reference = conversation.reference;
    const card = await digestCardFor(ctx.bc, digest, reference.conversation?.tenantId);
    return await post(ctx, conversationKey, reference, card);
  } catch (err) {
    return deliveryFailure(err, conversationKey);
  }
}

async function digestCardFor(
  bc: BotContext,
  digest: ChannelDigest,
  tenantId: string | undefined,
): Promise<AdaptiveCard> {
  const owners = await ownerRefs(
    bc,
    [...digest.entries.map((e) => e.owner), ...digest.unreadable.map((u) => u.owner)],
    tenantId,
  );
  const ref = (owner: DigestOwner): OwnerRef => owners.get(owner.userId) ?? plainOwner(owner.displayName);
  return digestCard({
    entries: digest.entries.map((entry) => ({
      entry,
      owner: ref(entry.owner),
      renew: renewFor(bc, entry),
    })),
    unreadable: digest.unreadable.map((u) => ref(u.owner)),
    timeZoneLabel: digest.timeZoneLabel,
    text: digest.text,
  });
}

async function post(
  ctx: NotifierContext,
  key: string,
  reference: Reference,
  card: AdaptiveCard,
): Promise<DeliveryResult> {
  try {
    await ctx.sender.sendToConversation(reference, cardActivity(card));
    return { ok: true };
  } catch (err) {
    const failure = deliveryFailure(err, key);
    ctx.log.warn(
      { code: failure.error.code, permanent: failure.permanent, conversationKey: key },
      'Teams post failed',
    );
    return failure;
  }
}

/** Each owner once: an @mention of their Teams identity, or their plain name when they have none. */
async function ownerRefs(
  bc: BotContext,
  owners: readonly DigestOwner[],
  tenantId: string | undefined,
): Promise<Map<string, OwnerRef>> {
  const refs = new Map<string, OwnerRef>();
  for (const owner of owners) {
    if (refs.has(owner.userId)) continue;
    const identity = teamsIdentity(await bc.deps.store.users.identities(owner.userId), tenantId);
    const name = owner.displayName ?? 'a subscriber';
    refs.set(
      owner.userId,
      identity
        ? mentionOf(identity.teamsUserId ?? identity.aadObjectId, name)
        : plainOwner(owner.displayName),
    );
  }
  return refs;
}

/** The signed Renew payload for a threshold entry that can still be renewed (else null). */
function renewFor(bc: BotContext, entry: ChannelDigest['entries'][number]): string | null {
  const { pat } = entry;
  if (entry.kind !== 'threshold' || pat.daysLeft < 0 || pat.endsAtGlobalRetirement) return null;
  try {
    return bc.signer.sign({ v: 'renew', o: entry.owner.userId, g: pat.org, p: pat.patId });
  } catch {
    return null;
  }
}
