/**
 * `/pat …` after the parser: runs the command through the core use cases and returns the reply.
 * Replies that need no I/O come from `quickReply` (they can go in the ack itself).
 */
import { allOrgsFailed } from '../../core/org-failures';
import { helpEntries } from '../../core/commands/help-entries';
import type { ParsedCommand } from '../../core/commands/parsed-command';
import { resolveTimeZone } from '../../core/format-date';
import { invalidInputMessage } from '../../core/messages';
import type { User } from '../../core/store';
import { listPats } from '../../core/use-cases/list-pats';
import { renewPat } from '../../core/use-cases/renew-pat';
import { revokePat } from '../../core/use-cases/revoke-pat';
import { changeOrgsChecked } from '../../core/use-cases/change-orgs-checked';
import { authFailureMessage, errorMessage } from './auth-replies';
import { runChannelCommand } from './channel-commands';
import { helpMessage } from './blocks/help';
import { patListMessage } from './blocks/pat-list';
import { problemMessage } from './blocks/problem-message';
import { signInPromptMessage } from './blocks/signin-prompt';
import { textMessage } from './blocks/text-message';
import { patRows, type SigningContext } from './pat-action-values';
import { renewOutcomeMessage, revokeOutcomeMessage } from './pat-outcomes';
import { remindMeReply } from './remind-command';
import type { SlackServices } from './slack-services';
import type { SlackMessage } from './slack-types';
import { orgsCapNoticeFor, orgsFor, resolveSlackUser, type SlackIds } from './slack-user';
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
  return {
    key: s.deps.actionKey,
    ownerId: user.id,
    now: s.deps.clock.now(),
    ttlSeconds: s.options.actionTtlSeconds,
  };
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
  const signing = signingFor(s, user);
  const capNotice = notices.capped ? orgsCapNoticeFor(user, s.deps.config) : null;
  const message = patListMessage({
    rows: patRows(signing, result.pats, user.timezone),
    page,
    pageSize: s.options.pageSize,
    orgs,
    failureLine: failureLineFor(result.failures, s.options.command),
    allFailed: allOrgsFailed(orgs, result.failures),
    failedOrgs: result.failures.map((f) => f.org),
    notices: capNotice ? [forSlack(capNotice, s.options.command)] : [],
    timeZoneLabel: resolveTimeZone(user.timezone).label,
  });
  return { message, needsSignIn: false };
}

function orgsText(orgs: readonly string[], own: boolean): string {
  if (orgs.length === 0)
    return "I don't look in any Azure DevOps organisation yet. Add one with `/pat orgs add <org>`.";
  const list = orgs.map((o) => `\`${o}\``).join(', ');
  return own
    ? `I look in ${list} for you. Change it with \`/pat orgs add <org>\` or \`/pat orgs remove <org>\`.`
    : `I look in ${list} (the default). Choose your own with \`/pat orgs add <org>\`.`;
}

/** Runs a parsed command. Never throws for expected failures (they become replies). */
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

  switch (parsed.kind) {
    case 'list': {
      const orgs = parsed.org ? [parsed.org] : orgsFor(user, s.deps.config);
      const reply = await listReply(s, ids, user, orgs, 0, typed, { capped: !parsed.org });
      if (reply.needsSignIn) await remember();
      return { message: reply.message, personal: true };
    }
    case 'renew': {
      const result = await renewPat(s.useCases, {
        userId: user.id,
        orgs: orgsFor(user, s.deps.config),
        target: parsed.target,
        duration: parsed.duration,
        timeZone: user.timezone,
      });
      if (result.kind === 'auth') await remember();
      const ctx = { s, ids, user, signing: signingFor(s, user), pendingCommand: typed };
      return { message: await renewOutcomeMessage(ctx, result), personal: true };
    }
    case 'revoke': {
      const result = await revokePat(s.useCases, {
        userId: user.id,
        orgs: orgsFor(user, s.deps.config),
        target: parsed.target,
        confirmed: false,
      });
      if (result.kind === 'auth') await remember();
      const ctx = { s, ids, user, signing: signingFor(s, user), pendingCommand: typed };
      return { message: await revokeOutcomeMessage(ctx, result), personal: true };
    }
    case 'signin': {
      const url = await s.deps.identity.slackSignInUrl(ids);
      const reason = user.entraAccount
        ? `You're signed in${user.entraAccount.username ? ` as ${user.entraAccount.username}` : ''}. Use this link to sign in with another Microsoft account.`
        : 'Link your Microsoft account so I can manage your PATs as you.';
      return { message: signInPromptMessage({ reason, url }), personal: true };
    }
    case 'signout': {
      await s.deps.identity.signOut(user.id);
      return {
        message: textMessage(
          "Signed out: I've forgotten your Microsoft sign-in.",
          `Run ${s.options.command} signin to link your account again.`,
        ),
        personal: true,
      };
    }
    case 'subscribe':
    case 'unsubscribe':
    case 'subscriptions':
    case 'snooze': {
      const reply = await runChannelCommand(s, input, user, parsed, typed);
      if (reply.needsSignIn) await remember();
      return { message: reply.message, personal: true };
    }
    case 'remind': {
      const reply = await remindMeReply(s, ids, user, typed);
      if (reply.needsSignIn) remember();
      return { message: reply.message, personal: true };
    }
    case 'orgs': {
      const current = user.orgs ?? [];
      if (parsed.action === 'show') {
        return {
          message: textMessage(orgsText(orgsFor(user, s.deps.config), current.length > 0)),
          personal: true,
        };
      }
      const result = await changeOrgsChecked(s.useCases, {
        userId: user.id,
        chosen: user.orgs,
        defaults: s.deps.config.ado.organizations,
        action: parsed.action,
        org: parsed.org,
        max: s.deps.config.ado.maxOrgsPerUser,
      });
      if (result.kind === 'auth') {
        remember();
        return { message: await authFailureMessage(s, ids, user, result.outcome, typed), personal: true };
      }
      if (result.kind === 'failed') return { message: errorMessage(result.error), personal: true };
      if (!result.change.refused) await s.deps.store.users.setOrgs(user.id, result.change.next);
      return { message: textMessage(forSlack(result.change.message, s.options.command)), personal: true };
    }
    default:
      return {
        message: textMessage(`Type ${s.options.command} help for everything I can do.`),
        personal: false,
      };
  }
}
