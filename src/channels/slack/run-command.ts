/**
 * `/pat …` after the parser: runs the command with the core dispatcher
 * (core/commands/execute-command.ts) and renders its outcome as blocks. Replies that need no I/O
 * come from `quickReply` (they can go in the ack itself).
 */
import { allOrgsFailed } from '../../core/org-failures';
import { helpEntries } from '../../core/commands/help-entries';
import type { ParsedCommand } from '../../core/commands/parsed-command';
import { resolveTimeZone } from '../../core/format-date';
import { invalidInputMessage } from '../../core/messages';
import type { User } from '../../core/store';
import type { CommandOutcome } from '../../core/commands/command-outcome';
import { executeCommand, type CommandContext, type CommandDeps } from '../../core/commands/execute-command';
import { listPats } from '../../core/use-cases/list-pats';
import { authFailureMessage, errorMessage } from './auth-replies';
import { runChannelCommand } from './channel-commands';
import { adminViewMessage } from './blocks/admin-message';
import { helpMessage } from './blocks/help';
import { patListMessage } from './blocks/pat-list';
import { problemMessage } from './blocks/problem-message';
import { signInPromptMessage } from './blocks/signin-prompt';
import { textMessage } from './blocks/text-message';
import { patRows, type SigningContext } from './pat-action-values';
import { outcomeMessage, type OutcomeContext } from './pat-outcomes';
import { remindMeReply } from './remind-command';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import { resolveSlackUser, type SlackIds } from './slack-user';
import { orgsCapNotice } from '../../core/orgs';
import { failureLineFor, forSlack } from './slack-wording';

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
}

/** Replies computed without any I/O (help, parse errors, not-yet-available commands). */
export function quickReply(parsed: ParsedCommand, command = '/pat', sandbox = false): SlackMessage | null {
  switch (parsed.kind) {
    case 'help':
      return helpMessage(helpEntries({ prefix: command, sandbox }));
    case 'invalid':
      return problemMessage({
        text: invalidInputMessage({ ...parsed, reason: forSlack(parsed.reason, command) }, command),
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
  return { key: s.deps.actionKey, ownerId: user.id, now: s.deps.clock.now() };
}

/** The list outcome as a Slack message, at `page`. */
function listMessage(
  s: SlackServices,
  user: User,
  outcome: Extract<CommandOutcome, { kind: 'list' }>,
  page: number,
): SlackMessage {
  const { orgs, failures, capNotice } = outcome;
  return patListMessage({
    rows: patRows(signingFor(s, user), outcome.pats, user.timezone),
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
  if (result.kind === 'failed') return { message: errorMessage(result.error), needsSignIn: false };
  const { organizations, maxOrgsPerUser } = s.deps.config.ado;
  const capNotice = notices.capped
    ? orgsCapNotice(user.orgs, organizations, maxOrgsPerUser, s.options.command)
    : null;
  const outcome = { kind: 'list' as const, pats: result.pats, failures: result.failures, orgs, capNotice };
  return { message: listMessage(s, user, outcome, page), needsSignIn: false };
}

function orgsText(orgs: readonly string[], own: boolean): string {
  if (orgs.length === 0)
    return "I don't look in any Azure DevOps organisation yet. Add one with `/pat orgs add <org>`.";
  const list = orgs.map((o) => `\`${o}\``).join(', ');
  return own
    ? `I look in ${list} for you. Change it with \`/pat orgs add <org>\` or \`/pat orgs remove <org>\`.`
    : `I look in ${list} (the default). Choose your own with \`/pat orgs add <org>\`.`;
}

/** The core dispatcher's ports and context for a Slack user. */
function dispatch(s: SlackServices, user: User): { deps: CommandDeps; ctx: CommandContext } {
  const { ado, sandbox } = s.deps.config;
  return {
    deps: {
      ...s.useCases,
      users: s.deps.store.users,
      signOut: (id) => s.deps.identity.signOut(id),
      admin: s.deps.admin,
    },
    ctx: {
      user,
      prefix: s.options.command,
      defaultOrgs: ado.organizations,
      maxOrgs: ado.maxOrgsPerUser,
      sandbox,
    },
  };
}

async function signInReply(s: SlackServices, ids: SlackIds, user: User): Promise<SlackMessage> {
  const url = await s.deps.identity.slackSignInUrl(ids);
  const reason = user.entraAccount
    ? `You're signed in${user.entraAccount.username ? ` as ${user.entraAccount.username}` : ''}. Use this link to sign in with another Microsoft account.`
    : 'Link your Microsoft account so I can manage your PATs as you.';
  return signInPromptMessage({ reason, url });
}

/** Commands about this conversation or Slack itself. */
async function channelCommand(
  s: SlackServices,
  input: CommandInput,
  user: User,
  command: Extract<CommandOutcome, { kind: 'channel' }>['command'],
  typed: string,
): Promise<{ message: SlackMessage; needsSignIn: boolean }> {
  switch (command.kind) {
    case 'signin':
      return { message: await signInReply(s, input.ids, user), needsSignIn: false };
    case 'remind':
      return remindMeReply(s, input.ids, user, typed);
    default:
      return runChannelCommand(s, input, user, command, typed);
  }
}

/** The one Slack renderer of a command's outcome. */
async function render(
  s: SlackServices,
  ctx: OutcomeContext,
  outcome: Exclude<CommandOutcome, { kind: 'channel' }>,
): Promise<SlackMessage> {
  const command = s.options.command;
  switch (outcome.kind) {
    case 'list':
      return listMessage(s, ctx.user, outcome, 0);
    case 'orgs_shown':
      return textMessage(orgsText(outcome.orgs, outcome.own));
    case 'orgs_changed':
      return textMessage(outcome.message);
    case 'admin':
      return adminViewMessage(outcome.view, command);
    case 'signed_out':
      return textMessage(
        "Signed out: I've forgotten your Microsoft sign-in.",
        `Run ${command} signin to link your account again.`,
      );
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
  const quick = quickReply(parsed, s.options.command, s.deps.config.sandbox);
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
  const { deps, ctx } = dispatch(s, user);
  const outcome = await executeCommand(deps, ctx, parsed);
  if (outcome.kind === 'channel') {
    const reply = await channelCommand(s, input, user, outcome.command, typed);
    if (reply.needsSignIn) await remember();
    return { message: reply.message, personal: true };
  }
  if (outcome.kind === 'needs_signin') await remember();
  const outcomeCtx = { s, ids, user, signing: signingFor(s, user), pendingCommand: typed };
  return { message: await render(s, outcomeCtx, outcome), personal: true };
}
