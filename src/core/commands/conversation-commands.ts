/**
 * The commands about the conversation or the person's account, run by the core dispatcher
 * (execute-command.ts): `subscribe`, `unsubscribe`, `subscriptions` (keyed on the channel the
 * channel adapter names), `snooze`, `remind me` (sandbox) and `signin`. Each returns a
 * `CommandOutcome`; Teams and Slack only supply the conversation and render.
 */
import type { SweepSummary } from '../reminders/sweep-summary';
import { remindNowText } from '../reminders/remind-now';
import type { SnoozeStore, User } from '../store';
import { listSubscriptions, snoozePat, subscribe, unsubscribe } from '../subscriptions';
import type { SubscriptionDeps } from '../subscriptions';
import type { PatUseCaseDeps } from '../use-cases/deps';
import { accessTokenFor } from '../use-cases/find-pats';
import type { CommandOutcome } from './command-outcome';
import { failureOutcome, isUseCaseFailure } from './failure-outcome';
import type { ParsedCommand } from './parsed-command';

/** The conversation a command was typed in, as the channel adapter knows it. */
export interface CommandConversation {
  /** The channel or group chat (ConversationStore key); null in a personal chat or DM. */
  key: string | null;
  /** Records the conversation (e.g. for the channel digest) before a subscription is stored. */
  remember?(): Promise<void>;
}

export interface ConversationCommandDeps extends PatUseCaseDeps {
  subscriptionStore: SubscriptionDeps['store'];
  snoozes: SnoozeStore;
  /** Reminder thresholds, to say which reminders still come after a snooze. */
  thresholdsDays?: readonly number[];
  /** Sandbox only: the caller's reminder sweep now (undefined elsewhere; null for an unknown user). */
  remindNow?: (userId: string) => Promise<SweepSummary | null>;
}

export interface ConversationCommandContext {
  user: User;
  prefix: string;
  /** The organisations to look in for this user. */
  orgs: readonly string[];
  conversation: CommandConversation;
}

export type ConversationCommand = Extract<
  ParsedCommand,
  { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' | 'snooze' | 'remind' | 'signin' }
>;

async function subscriptionCommand(
  deps: ConversationCommandDeps,
  ctx: ConversationCommandContext,
  command: Extract<ConversationCommand, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' }>,
): Promise<CommandOutcome> {
  const { key, remember } = ctx.conversation;
  if (key === null) return { kind: 'needs_channel', command: command.kind };
  const store = { store: deps.subscriptionStore, prefix: ctx.prefix };
  const userId = ctx.user.id;
  if (command.kind === 'subscribe') {
    await remember?.();
    const result = await subscribe(store, { conversationKey: key, userId, pattern: command.pattern ?? null });
    if (result.kind === 'failed') return { kind: 'problem', error: result.error };
    return {
      kind: 'subscribed',
      message: result.message,
      replaced: result.replaced,
      signedIn: result.signedIn,
    };
  }
  if (command.kind === 'unsubscribe') {
    const result = await unsubscribe(store, { conversationKey: key, userId });
    if (result.kind === 'failed') return { kind: 'problem', error: result.error };
    return { kind: 'unsubscribed', message: result.message, removed: result.kind === 'unsubscribed' };
  }
  const result = await listSubscriptions(store, { conversationKey: key, userId });
  if (result.kind === 'failed') return { kind: 'problem', error: result.error };
  return { kind: 'subscriptions_listed', subscriptions: result.subscriptions, message: result.message };
}

async function snooze(
  deps: ConversationCommandDeps,
  ctx: ConversationCommandContext,
  command: Extract<ConversationCommand, { kind: 'snooze' }>,
): Promise<CommandOutcome> {
  const result = await snoozePat(deps, {
    userId: ctx.user.id,
    orgs: ctx.orgs,
    target: command.target,
    days: command.days,
    timeZone: ctx.user.timezone,
  });
  if (isUseCaseFailure(result)) return failureOutcome(result);
  return { kind: 'snoozed', message: result.message, patId: result.patId, until: result.until };
}

async function remindMe(
  deps: ConversationCommandDeps,
  ctx: ConversationCommandContext,
): Promise<CommandOutcome> {
  if (!deps.remindNow)
    return { kind: 'reminded', sent: 0, message: remindNowText('sandbox-only', ctx.prefix) };
  const access = await accessTokenFor(deps, ctx.user.id);
  if (access.kind === 'auth') return { kind: 'needs_signin', outcome: access.outcome };
  const summary = await deps.remindNow(ctx.user.id);
  return { kind: 'reminded', sent: summary?.remindersSent ?? 0, message: remindNowText(summary, ctx.prefix) };
}

/** `signin`: whether I can act for them now, and as which account. */
async function signIn(
  deps: ConversationCommandDeps,
  ctx: ConversationCommandContext,
): Promise<CommandOutcome> {
  const access = await accessTokenFor(deps, ctx.user.id);
  return {
    kind: 'signin',
    account: ctx.user.entraAccount?.username ?? null,
    linked: ctx.user.entraAccount != null,
    failure: access.kind === 'auth' ? access.outcome : null,
  };
}

export function runConversationCommand(
  deps: ConversationCommandDeps,
  ctx: ConversationCommandContext,
  command: ConversationCommand,
): Promise<CommandOutcome> {
  switch (command.kind) {
    case 'snooze':
      return snooze(deps, ctx, command);
    case 'remind':
      return remindMe(deps, ctx);
    case 'signin':
      return signIn(deps, ctx);
    default:
      return subscriptionCommand(deps, ctx, command);
  }
}
