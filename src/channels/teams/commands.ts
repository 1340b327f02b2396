/**
 * Typed commands (`pat …`) in personal chats, group chats and channels: parse with the core, run
 * it with the core dispatcher (core/commands/execute-command.ts), render its outcome as a card.
 * A PAT list is shown only to its owner: in shared conversations everyone else sees a neutral
 * card (see cards/private-list-card.ts).
 */
import type { AuthFailure } from '../../core/use-cases/deps';
import type { TurnContext } from 'botbuilder';
import type { CommandOutcome } from '../../core/commands/command-outcome';
import { executeCommand, type CommandContext, type CommandDeps } from '../../core/commands/execute-command';
import { parseCommand } from '../../core/commands/parse-command';
import type { ParsedCommand } from '../../core/commands/parsed-command';
import { code, invalidInputMessage } from '../../core/messages';
import type { ConversationKind } from '../../core/store';
import { orgsOf, type BotContext } from './bot-context';
import { adminViewCard } from './cards/admin-card';
import { helpCard } from './cards/help-card';
import { listCard } from './cards/list-card';
import { messageCard } from './cards/message-card';
import { privateListCard } from './cards/private-list-card';
import { revokeConfirmCard } from './cards/revoke-confirm-card';
import { replaceOfferCard } from './cards/secret-dialog-card';
import { personalChatOnlyMessage } from '../../core/replace-messages';
import { errorCard, problemCard } from './error-card';
import { listModelWithView, listToken } from './list-model';
import { sendCard, sendText } from './replies';
import { progressMessage } from './progress-message';
import { promptSignIn } from './sign-in-prompt';
import { conversationKeyOf } from './conversation-capture';
import { renderConversationOutcome } from './conversation-replies';
import type { TurnUser } from './turn-user';

export interface CommandTurn {
  who: TurnUser;
  kind: ConversationKind;
  /** The text as typed (mention removed): re-run after sign-in. */
  text: string;
}

const LATER = 'is not available in Teams yet. For now, `pat list` shows what expires when.';

/** Asks the person to sign in, remembering the command so it runs after they have. */
function askToSignIn(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  outcome: AuthFailure,
): Promise<void> {
  return promptSignIn(bc, ctx, {
    outcome,
    kind: turn.kind,
    userId: turn.who.user.id,
    pendingText: turn.text,
  });
}

export async function runCommandText(bc: BotContext, ctx: TurnContext, turn: CommandTurn): Promise<void> {
  await runCommand(bc, ctx, turn, parseCommand(turn.text));
}

/** The core dispatcher's ports, from the bot's. */
function commandDeps(bc: BotContext): CommandDeps {
  return {
    ...bc.useCases,
    users: bc.deps.store.users,
    signOut: (userId) => bc.deps.identity.signOut(userId),
    subscriptionStore: bc.deps.store,
    snoozes: bc.deps.store.snoozes,
    thresholdsDays: bc.deps.config.reminders.thresholdsDays,
    remindNow: bc.deps.remindNow,
    admin: bc.deps.admin,
  };
}

function commandContext(bc: BotContext, ctx: TurnContext, turn: CommandTurn): CommandContext {
  const { ado, sandbox } = bc.deps.config;
  return {
    user: turn.who.user,
    prefix: 'pat',
    defaultOrgs: ado.organizations,
    maxOrgs: ado.maxOrgsPerUser,
    sandbox,
    privateLists: turn.kind !== 'personal',
    personal: turn.kind === 'personal',
    // Channels and group chats are captured on every turn (conversation-capture.ts).
    conversation: { key: turn.kind === 'personal' ? null : conversationKeyOf(ctx.activity) },
  };
}

export async function runCommand(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  command: ParsedCommand,
): Promise<void> {
  if (command.kind === 'admin' && command.action === 'expiring') {
    // Reading every person's PATs can take a while: show how far it got, then the result.
    const progress = progressMessage(ctx, bc.settings.progress);
    const outcome = await executeCommand(
      commandDeps(bc),
      { ...commandContext(bc, ctx, turn), onProgress: progress.onProgress },
      command,
    );
    if (outcome.kind === 'admin') return progress.finish(adminViewCard(outcome.view));
    await progress.stop();
    return render(bc, ctx, turn, outcome);
  }
  const outcome = await executeCommand(commandDeps(bc), commandContext(bc, ctx, turn), command);
  return render(bc, ctx, turn, outcome);
}

function orgsShownText(outcome: Extract<CommandOutcome, { kind: 'orgs_shown' }>): string {
  const listed = outcome.orgs.length > 0 ? outcome.orgs.join(', ') : 'no organisation';
  const source = outcome.own ? '' : ' (the default)';
  return `I look in ${listed}${source}. Change it with ${code('pat orgs add <org>')} or ${code('pat orgs remove <org>')}.`;
}

/** The one Teams renderer of a command's outcome. */
async function render(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  outcome: CommandOutcome,
): Promise<void> {
  const user = turn.who.user;
  switch (outcome.kind) {
    case 'list':
      return sendCard(ctx, listCard(await listModelWithView(bc, { owner: user, ...outcome })));
    case 'list_private':
      return sendCard(
        ctx,
        privateListCard({
          askerName: turn.who.name,
          askerTeamsId: turn.who.teamsUserId,
          listToken: listToken(bc, user, outcome.orgs),
          pageSize: bc.settings.pageSize,
        }),
      );
    case 'renewed': {
      const tone = outcome.changed ? (outcome.capped ? 'warning' : 'good') : 'default';
      return sendCard(ctx, messageCard({ text: [outcome.message, ...outcome.warnings].join(' '), tone }));
    }
    case 'ambiguous':
      return sendCard(ctx, messageCard({ text: outcome.message, tone: 'default' }));
    case 'revoke_confirm':
      return sendCard(ctx, revokeConfirm(bc, user, outcome));
    case 'replace_offer':
      return outcome.shared
        ? sendText(ctx, personalChatOnlyMessage('pat', outcome.mode, outcome.pat.name))
        : sendCard(ctx, replaceOffer(bc, user, outcome));
    case 'revoked':
    case 'orgs_changed':
      return outcome.kind === 'revoked'
        ? sendCard(ctx, messageCard({ text: outcome.message }))
        : sendText(ctx, outcome.message);
    case 'orgs_shown':
      return sendText(ctx, orgsShownText(outcome));
    case 'signed_out':
      return sendText(
        ctx,
        'Signed out: I no longer act for you in Azure DevOps. Type `pat signin` to link your account again.',
      );
    case 'help':
      return sendCard(ctx, helpCard(outcome.entries, turn.kind === 'personal' ? 'personal' : 'shared'));
    case 'not_available':
      return sendText(ctx, `${code(`pat ${outcome.command}`)} ${LATER}`);
    case 'admin':
      return sendCard(ctx, adminViewCard(outcome.view));
    case 'invalid':
      return sendCard(ctx, invalidCard(outcome.command));
    case 'needs_signin':
      return askToSignIn(bc, ctx, turn, outcome.outcome);
    case 'problem':
      return sendCard(ctx, errorCard(outcome.error));
    default:
      return renderConversationOutcome(bc, ctx, turn, outcome);
  }
}

function invalidCard(command: Extract<CommandOutcome, { kind: 'invalid' }>['command']) {
  return problemCard({
    text: invalidInputMessage(command),
    nextStep:
      command.code === 'input.unknown_command'
        ? undefined
        : `Type ${code('pat help')} for everything I can do.`,
  });
}

function revokeConfirm(
  bc: BotContext,
  user: TurnUser['user'],
  outcome: Extract<CommandOutcome, { kind: 'revoke_confirm' }>,
) {
  const confirmToken = bc.signer.sign({
    v: 'confirm_revoke',
    o: user.id,
    g: outcome.pat.org,
    p: outcome.pat.id,
  });
  return revokeConfirmCard({
    question: outcome.message,
    confirmToken,
    listToken: listToken(bc, user, orgsOf(bc, user)),
    pageSize: bc.settings.pageSize,
  });
}

/** The typed command's answer: what will happen, and the button whose dialog creates the PAT. */
function replaceOffer(
  bc: BotContext,
  user: TurnUser['user'],
  outcome: Extract<CommandOutcome, { kind: 'replace_offer' }>,
) {
  const token = bc.signer.sign({ v: outcome.mode, o: user.id, g: outcome.pat.org, p: outcome.pat.id });
  return replaceOfferCard(outcome.message, outcome.mode, token);
}
