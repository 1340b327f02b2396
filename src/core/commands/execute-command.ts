/**
 * The one dispatcher: runs a parsed command through the core use cases and says what happened
 * as a `CommandOutcome`. Teams (src/channels/teams/commands.ts) and Slack
 * (src/channels/slack/run-command.ts) only supply the context and render the outcome. Known
 * failures become `problem` or `needs_signin`; anything else is thrown for the channel's one
 * error funnel.
 */
import { runAdminCommand } from '../admin/admin-command';
import type { AdminDeps } from '../admin/admin-deps';
import { effectiveOrgs, orgsCapNotice } from '../orgs';
import type { User, UserStore } from '../store';
import { changeOrgsChecked } from '../use-cases/change-orgs-checked';
import { accessTokenFor } from '../use-cases/find-pats';
import { listPats } from '../use-cases/list-pats';
import { renewPat, type RenewPatResult } from '../use-cases/renew-pat';
import { findReplaceable, type ReplaceMode } from '../use-cases/recreate-pat';
import { revokePat, type RevokePatResult } from '../use-cases/revoke-pat';
import { replaceOfferMessage } from '../replace-messages';
import type { CommandOutcome } from './command-outcome';
import {
  runConversationCommand,
  type CommandConversation,
  type ConversationCommandDeps,
} from './conversation-commands';
import { failureOutcome, isUseCaseFailure } from './failure-outcome';
import { helpEntries } from './help-entries';
import type { ParsedCommand } from './parsed-command';

export interface CommandDeps extends ConversationCommandDeps {
  users: Pick<UserStore, 'setOrgs'>;
  signOut(userId: string): Promise<void>;
  /** The organisation watch (absent: `pat admin` is not available here). */
  admin?: AdminDeps;
}

export interface CommandContext {
  user: User;
  /** How people type commands here: `pat` (Teams) or `/pat` (Slack). */
  prefix: string;
  /** The configured default organisations and the per-user cap (MAX_ORGS_PER_USER). */
  defaultOrgs: readonly string[];
  maxOrgs: number;
  sandbox: boolean;
  /** Lists asked for in this conversation are shown privately by the channel (Teams channels, group chats). */
  privateLists?: boolean;
  /** False in channels and group chats where the platform cannot show a private dialog (Teams). */
  personal?: boolean;
  /** Where the command was typed (subscriptions are kept per channel). */
  conversation: CommandConversation;
  /** Long reads (`pat admin expiring`): how far they got, for a progress message. */
  onProgress?: (done: number, total: number) => void;
}

/** The use cases' renew result as an outcome. */
export function renewOutcome(result: RenewPatResult, shared = false): CommandOutcome {
  if (result.kind === 'failed' && result.replace) {
    const { pat, message } = result.replace;
    return { kind: 'replace_offer', pat, mode: 'recreate', message, shared };
  }
  if (isUseCaseFailure(result)) return failureOutcome(result);
  switch (result.kind) {
    case 'already':
      return { ...result, kind: 'renewed', changed: false, capped: false };
    case 'renewed':
      return {
        kind: 'renewed',
        pat: result.pat,
        message: result.message,
        warnings: result.warnings,
        changed: true,
        capped: result.capped,
      };
  }
}

/** The use cases' revoke result as an outcome. */
export function revokeOutcome(result: RevokePatResult): CommandOutcome {
  if (isUseCaseFailure(result)) return failureOutcome(result);
  switch (result.kind) {
    case 'confirm':
      return { kind: 'revoke_confirm', pat: result.pat, message: result.message };
    case 'revoked':
    case 'already_revoked':
      return {
        kind: 'revoked',
        pat: result.pat,
        message: result.message,
        already: result.kind === 'already_revoked',
      };
  }
}

async function list(deps: CommandDeps, ctx: CommandContext, org?: string): Promise<CommandOutcome> {
  const { user } = ctx;
  const orgs = org ? [org] : effectiveOrgs(user.orgs, ctx.defaultOrgs, ctx.maxOrgs);
  if (ctx.privateLists) {
    const access = await accessTokenFor(deps, user.id);
    return access.kind === 'auth'
      ? { kind: 'needs_signin', outcome: access.outcome }
      : { kind: 'list_private', orgs };
  }
  const result = await listPats(deps, { userId: user.id, orgs });
  if (result.kind === 'auth') return { kind: 'needs_signin', outcome: result.outcome };
  if (result.kind === 'failed') return { kind: 'problem', error: result.error };
  const capNotice = org ? null : orgsCapNotice(user.orgs, ctx.defaultOrgs, ctx.maxOrgs, ctx.prefix);
  return { kind: 'list', pats: result.pats, failures: result.failures, orgs, capNotice };
}

/** `pat recreate|rotate <name>`: finds the PAT; the channel's button or modal creates the new one. */
async function replaceOffer(
  deps: CommandDeps,
  ctx: CommandContext,
  target: string,
  mode: ReplaceMode,
  orgs: string[],
): Promise<CommandOutcome> {
  const result = await findReplaceable(deps, { userId: ctx.user.id, orgs, target, mode });
  switch (result.kind) {
    case 'auth':
      return { kind: 'needs_signin', outcome: result.outcome };
    case 'failed':
      return { kind: 'problem', error: result.error };
    case 'ambiguous':
      return { kind: 'ambiguous', message: result.message };
    case 'found':
      return {
        kind: 'replace_offer',
        pat: result.pat,
        mode,
        message: replaceOfferMessage(result.pat, mode, deps.clock.now(), ctx.user.timezone),
        shared: ctx.personal === false,
      };
  }
}

async function orgs(
  deps: CommandDeps,
  ctx: CommandContext,
  command: Extract<ParsedCommand, { kind: 'orgs' }>,
): Promise<CommandOutcome> {
  const { user } = ctx;
  if (command.action === 'show') {
    const own = (user.orgs ?? []).length > 0;
    return { kind: 'orgs_shown', orgs: effectiveOrgs(user.orgs, ctx.defaultOrgs, ctx.maxOrgs), own };
  }
  const result = await changeOrgsChecked(deps, {
    userId: user.id,
    chosen: user.orgs,
    defaults: ctx.defaultOrgs,
    action: command.action,
    org: command.org,
    max: ctx.maxOrgs,
  });
  if (result.kind === 'auth') return { kind: 'needs_signin', outcome: result.outcome };
  if (result.kind === 'failed') return { kind: 'problem', error: result.error };
  if (!result.change.refused) await deps.users.setOrgs(user.id, result.change.next);
  return { kind: 'orgs_changed', message: result.change.message };
}

export async function executeCommand(
  commandDeps: CommandDeps,
  ctx: CommandContext,
  command: ParsedCommand,
): Promise<CommandOutcome> {
  // The use cases word their next steps with this channel's prefix.
  const deps: CommandDeps = { ...commandDeps, prefix: ctx.prefix };
  const { user } = ctx;
  const userOrgs = (): string[] => effectiveOrgs(user.orgs, ctx.defaultOrgs, ctx.maxOrgs);
  switch (command.kind) {
    case 'list':
      return list(deps, ctx, command.org);
    case 'renew':
      return renewOutcome(
        await renewPat(deps, {
          userId: user.id,
          orgs: userOrgs(),
          target: command.target,
          duration: command.duration,
          timeZone: user.timezone,
        }),
        ctx.personal === false,
      );
    case 'revoke':
      return revokeOutcome(
        await revokePat(deps, { userId: user.id, orgs: userOrgs(), target: command.target }),
      );
    case 'recreate':
    case 'rotate':
      return replaceOffer(deps, ctx, command.target, command.kind, userOrgs());
    case 'orgs':
      return orgs(deps, ctx, command);
    case 'signout':
      await deps.signOut(user.id);
      return { kind: 'signed_out' };
    case 'help':
      return {
        kind: 'help',
        entries: helpEntries({ prefix: ctx.prefix, sandbox: ctx.sandbox, renewDays: deps.renewDefaultDays }),
      };
    case 'status':
      return { kind: 'not_available', command: 'status' };
    case 'admin': {
      if (!deps.admin) return { kind: 'not_available', command: 'admin' };
      const result = await runAdminCommand({ ...deps.admin, prefix: ctx.prefix }, user.id, command, {
        shared: ctx.privateLists === true,
        conversationKey: ctx.conversation.key,
        remember: ctx.conversation.remember,
        onProgress: ctx.onProgress,
      });
      if (result.kind === 'auth') return { kind: 'needs_signin', outcome: result.outcome };
      if (result.kind === 'failed') return { kind: 'problem', error: result.error };
      return { kind: 'admin', view: result.view };
    }
    case 'invalid':
      return { kind: 'invalid', command };
    default:
      return runConversationCommand(deps, { ...ctx, orgs: userOrgs() }, command);
  }
}
