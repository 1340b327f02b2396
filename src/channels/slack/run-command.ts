/**
 * `/pat …` after the parser: runs the command with the core dispatcher
 * (core/commands/execute-command.ts) and renders its outcome as blocks. Replies that need no I/O
 * come from `quickReply` (they can go in the ack itself).
 */
import { isDeadGlobal } from '../../core/dead-globals';
import { allOrgsFailed } from '../../core/org-failures';
import { helpEntries } from '../../core/commands/help-entries';
import type { ParsedCommand } from '../../core/commands/parsed-command';
import { resolveTimeZone } from '../../core/format-date';
import { commandText, invalidInputMessage } from '../../core/messages';
import type { User } from '../../core/store';
import type { CommandOutcome } from '../../core/commands/command-outcome';
import { executeCommand, type CommandContext, type CommandDeps } from '../../core/commands/execute-command';
import { listPats } from '../../core/use-cases/list-pats';
import { authFailureMessage, errorMessage } from './auth-replies';
import { conversationMessage, slackConversation, slackRemindNow } from './channel-commands';
import { adminViewMessage } from './blocks/admin-message';
import { helpMessage } from './blocks/help';
import { patListMessage } from './blocks/pat-list';
import { problemMessage } from './blocks/problem-message';
import { textMessage } from './blocks/text-message';
import { patRows, replaceAllValue, type SigningContext } from './pat-action-values';
import { outcomeMessage, type OutcomeContext } from './pat-outcomes';
import type { SlackServices } from './slack-services';
import { progressResponse } from './progress-response';
import type { SlackMessage } from './slack-types';
import { resolveSlackUser, type SlackIds } from './slack-user';
import { orgsCapNotice } from '../../core/orgs';
import { failureLineFor } from './slack-wording';

export interface CommandInput {
  ids: SlackIds;
  channelId: string;
  responseUrl: string;
  /** What was typed after `/pat`. */
  text: string;
  /** Slack's `channel_name` (`directmessage`, `mpdm-…`, or the channel's name). */
  channelName?: string;
}

export interface CommandReply {
  message: SlackMessage;
  /** About the person's own PATs or account: ephemeral except in their DM with patbot. */
  personal: boolean;
  /** A progress message was posted on the response_url: the reply replaces it. */
  replaceOriginal?: boolean;
}

/** Replies computed without any I/O (help, parse errors, not-yet-available commands). */
export function quickReply(
  parsed: ParsedCommand,
  command = '/pat',
  sandbox = false,
  renewDays?: number,
): SlackMessage | null {
  switch (parsed.kind) {
    case 'help':
      return helpMessage(helpEntries({ prefix: command, sandbox, renewDays }));
    case 'invalid':
      return problemMessage({
        text: invalidInputMessage(parsed, command),
        nextStep:
          parsed.code === 'input.unknown_command'
            ? undefined
            : `Type ${command} help for everything I can do.`,
      });
    case 'status':
      return textMessage(`${command} status is for administrators and is not available in Slack yet.`);
    default:
      return null;
  }
}

export function signingFor(s: SlackServices, user: User): SigningContext {
  return {
    key: s.deps.actionKey,
    ownerId: user.id,
    now: s.deps.clock.now(),
    renewDays: s.deps.config.ado.renewDefaultDays,
  };
}

/** The list outcome as a Slack message, at `page`. */
function listMessage(
  s: SlackServices,
  user: User,
  outcome: Extract<CommandOutcome, { kind: 'list' }>,
  page: number,
): SlackMessage {
  const { orgs, failures, capNotice } = outcome;
  const signing = signingFor(s, user);
  const rows = patRows(signing, outcome.pats, user.timezone);
  return patListMessage({
    rows,
    replaceAllValue: rows.some((r) => isDeadGlobal(r.view)) ? replaceAllValue(signing, orgs) : undefined,
    page,
    pageSize: s.options.pageSize,
    orgs,
    failureLine: failureLineFor(failures, s.options.command),
    allFailed: allOrgsFailed(orgs, failures),
    failedOrgs: failures.map((f) => f.org),
    notices: capNotice ? [capNotice] : [],
    timeZoneLabel: resolveTimeZone(user.timezone).label,
  });
}

/** The list message for a user, at `page` (also used by the pager and after sign-in). */
export async function listReply(
  s: SlackServices,
  ids: SlackIds,
  user: User,
  orgs: string[],
  page: number,
  pendingCommand?: string,
  notices: { capped: boolean } = { capped: true },
): Promise<{ message: SlackMessage; needsSignIn: boolean }> {
  const result = await listPats(s.useCases, { userId: user.id, orgs });
  if (result.kind === 'auth') {
    return {
      message: await authFailureMessage(s, ids, user, result.outcome, pendingCommand),
      needsSignIn: true,
    };
  }
  if (result.kind === 'failed')
    return { message: errorMessage(result.error, s.options.command), needsSignIn: false };
  const { organizations, maxOrgsPerUser } = s.deps.config.ado;
  const capNotice = notices.capped
    ? orgsCapNotice(user.orgs, organizations, maxOrgsPerUser, s.options.command)
    : null;
  const outcome = { kind: 'list' as const, pats: result.pats, failures: result.failures, orgs, capNotice };
  return { message: listMessage(s, user, outcome, page), needsSignIn: false };
}

function orgsText(orgs: readonly string[], own: boolean, prefix: string): string {
  const add = commandText(prefix, 'orgs add <org>');
  if (orgs.length === 0) return `I don't look in any Azure DevOps organisation yet. Add one with ${add}.`;
  const list = orgs.map((o) => `\`${o}\``).join(', ');
  return own
    ? `I look in ${list} for you. Change it with ${add} or ${commandText(prefix, 'orgs remove <org>')}.`
    : `I look in ${list} (the default). Choose your own with ${add}.`;
}

/** The core dispatcher's ports and context for a Slack user in this conversation. */
function dispatch(
  s: SlackServices,
  input: CommandInput,
  user: User,
): { deps: CommandDeps; ctx: CommandContext } {
  const { ado, sandbox, reminders } = s.deps.config;
  const { store } = s.deps;
  return {
    deps: {
      ...s.useCases,
      users: store.users,
      signOut: (id) => s.deps.identity.signOut(id),
      subscriptionStore: store,
      snoozes: store.snoozes,
      thresholdsDays: reminders.thresholdsDays,
      remindNow: slackRemindNow(s, input.ids),
      admin: s.deps.admin,
    },
    ctx: {
      user,
      prefix: s.options.command,
      defaultOrgs: ado.organizations,
      maxOrgs: ado.maxOrgsPerUser,
      sandbox,
      conversation: slackConversation(s, input),
    },
  };
}

/** The one Slack renderer of a command's outcome. */
async function render(s: SlackServices, ctx: OutcomeContext, outcome: CommandOutcome): Promise<SlackMessage> {
  const command = s.options.command;
  switch (outcome.kind) {
    case 'list':
      return listMessage(s, ctx.user, outcome, 0);
    case 'orgs_shown':
      return textMessage(orgsText(outcome.orgs, outcome.own, command));
    case 'orgs_changed':
      return textMessage(outcome.message);
    case 'admin':
      return adminViewMessage(outcome.view);
    case 'signed_out':
      return textMessage(
        "Signed out: I've forgotten your Microsoft sign-in.",
        `Run ${command} signin to link your account again.`,
      );
    case 'needs_channel':
    case 'subscribed':
    case 'unsubscribed':
    case 'subscriptions_listed':
    case 'snoozed':
    case 'reminded':
    case 'signin':
      return conversationMessage(s, ctx.ids, outcome);
    case 'help':
    case 'invalid':
    case 'not_available':
    case 'list_private':
      return textMessage(`Type ${command} help for everything I can do.`);
    default:
      return (await outcomeMessage(ctx, outcome)) as SlackMessage;
  }
}

/** Runs a parsed command with the core dispatcher and renders its outcome. */
export async function runCommand(
  s: SlackServices,
  input: CommandInput,
  parsed: ParsedCommand,
): Promise<CommandReply> {
  const quick = quickReply(
    parsed,
    s.options.command,
    s.deps.config.sandbox,
    s.deps.config.ado.renewDefaultDays,
  );
  if (quick) return { message: quick, personal: false };
  const { ids } = input;
  const user = await s.profiles.ensure(await resolveSlackUser(s.deps.store, ids), ids);
  const typed = `${s.options.command} ${input.text.trim()}`.trim();
  const remember = (): Promise<void> =>
    s.pending.remember(ids, {
      text: input.text,
      responseUrl: input.responseUrl,
      channelId: input.channelId,
      channelName: input.channelName,
    });
  const { deps, ctx } = dispatch(s, input, user);
  // Reading every person's PATs can take a while: show how far it got, then the result.
  const progress =
    parsed.kind === 'admin' && parsed.action === 'expiring'
      ? progressResponse(s.respond, input.responseUrl, s.options.progress)
      : null;
  const outcome = await executeCommand(deps, { ...ctx, onProgress: progress?.onProgress }, parsed);
  const replaceOriginal = progress ? await progress.stop() : false;
  if (outcome.kind === 'needs_signin') await remember();
  const outcomeCtx = { s, ids, user, signing: signingFor(s, user), pendingCommand: typed };
  return { message: await render(s, outcomeCtx, outcome), personal: true, replaceOriginal };
}
