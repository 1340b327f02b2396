/**
 * Typed commands (`pat …`) in personal chats, group chats and channels: parse with the core,
 * run the core use case, answer with a card. A PAT list is shown only to its owner: in shared
 * conversations everyone else sees a neutral card (see cards/private-list-card.ts).
 */
import type { AuthFailure } from '../../core/use-cases/deps';
import type { TurnContext } from 'botbuilder';
import { helpEntries } from '../../core/commands/help-entries';
import { parseCommand } from '../../core/commands/parse-command';
import type { ParsedCommand } from '../../core/commands/parsed-command';
import { code, invalidInputMessage } from '../../core/messages';
import type { ConversationKind } from '../../core/store';
import { listPats } from '../../core/use-cases/list-pats';
import { renewPat } from '../../core/use-cases/renew-pat';
import { revokePat } from '../../core/use-cases/revoke-pat';
import { changeOrgsChecked } from '../../core/use-cases/change-orgs-checked';
import { orgsOf, type BotContext } from './bot-context';
import { helpCard } from './cards/help-card';
import { listCard } from './cards/list-card';
import { messageCard } from './cards/message-card';
import { privateListCard } from './cards/private-list-card';
import { revokeConfirmCard } from './cards/revoke-confirm-card';
import { errorCard, problemCard } from './error-card';
import { listModel, listToken } from './list-model';
import { sendCard, sendText } from './replies';
import { remindMeCommand } from './remind-command';
import { promptSignIn, signInElsewhereCard } from './sign-in-prompt';
import {
  snoozeCommand,
  subscribeCommand,
  subscriptionsCommand,
  unsubscribeCommand,
} from './subscription-commands';
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

export async function runCommand(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  command: ParsedCommand,
): Promise<void> {
  const { who } = turn;
  const user = who.user;
  switch (command.kind) {
    case 'list':
      return list(bc, ctx, turn, command.org);
    case 'renew': {
      const result = await renewPat(bc.useCases, {
        userId: user.id,
        orgs: orgsOf(bc, user),
        target: command.target,
        duration: command.duration,
        timeZone: user.timezone,
      });
      if (result.kind === 'auth') return askToSignIn(bc, ctx, turn, result.outcome);
      if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
      const tone = result.kind === 'renewed' ? (result.capped ? 'warning' : 'good') : 'default';
      const warnings = 'warnings' in result ? result.warnings : [];
      return sendCard(ctx, messageCard({ text: [result.message, ...warnings].join(' '), tone }));
    }
    case 'revoke': {
      const orgs = orgsOf(bc, user);
      const result = await revokePat(bc.useCases, { userId: user.id, orgs, target: command.target });
      if (result.kind === 'auth') return askToSignIn(bc, ctx, turn, result.outcome);
      if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
      if (result.kind === 'confirm') {
        const confirmToken = bc.signer.sign({
          v: 'confirm_revoke',
          o: user.id,
          g: result.pat.org,
          p: result.pat.id,
        });
        return sendCard(
          ctx,
          revokeConfirmCard({
            question: result.message,
            confirmToken,
            listToken: listToken(bc, user, orgs),
            pageSize: bc.settings.pageSize,
          }),
        );
      }
      return sendCard(ctx, messageCard({ text: result.message }));
    }
    case 'help':
      return sendCard(
        ctx,
        helpCard(
          helpEntries({ sandbox: bc.deps.config.sandbox }),
          turn.kind === 'personal' ? 'personal' : 'shared',
        ),
      );
    case 'signin':
      return signIn(bc, ctx, turn);
    case 'signout':
      await bc.deps.identity.signOut(user.id);
      return sendText(
        ctx,
        'Signed out: I no longer act for you in Azure DevOps. Type `pat signin` to link your account again.',
      );
    case 'orgs':
      return orgs(bc, ctx, turn, command);
    case 'subscribe':
      return subscribeCommand(bc, ctx, turn, command.pattern);
    case 'unsubscribe':
      return unsubscribeCommand(bc, ctx, turn);
    case 'subscriptions':
      return subscriptionsCommand(bc, ctx, turn);
    case 'snooze':
      return snoozeCommand(bc, ctx, turn, command);
    case 'remind':
      return remindMeCommand(bc, ctx, turn);
    case 'status':
      return sendText(ctx, `${code(`pat ${command.kind}`)} ${LATER}`);
    case 'invalid':
      return sendCard(
        ctx,
        problemCard({
          text: invalidInputMessage(command),
          nextStep:
            command.code === 'input.unknown_command'
              ? undefined
              : `Type ${code('pat help')} for everything I can do.`,
        }),
      );
  }
}

async function list(bc: BotContext, ctx: TurnContext, turn: CommandTurn, org?: string): Promise<void> {
  const user = turn.who.user;
  const orgs = org ? [org] : orgsOf(bc, user);
  if (turn.kind !== 'personal') {
    // Shared conversation: check sign-in first, then post the neutral card; Teams asks for the
    // asker's own view (refresh) and only they see their list.
    const access = await bc.deps.tokenProvider.getAccessToken(user.id);
    if (access.kind !== 'ok') return askToSignIn(bc, ctx, turn, access);
    return sendCard(
      ctx,
      privateListCard({
        askerName: turn.who.name,
        askerTeamsId: turn.who.teamsUserId,
        listToken: listToken(bc, user, orgs),
        pageSize: bc.settings.pageSize,
      }),
    );
  }
  const result = await listPats(bc.useCases, { userId: user.id, orgs });
  if (result.kind === 'auth') return askToSignIn(bc, ctx, turn, result.outcome);
  if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
  return sendCard(
    ctx,
    listCard(listModel(bc, { owner: user, pats: result.pats, failures: result.failures, orgs })),
  );
}

async function signIn(bc: BotContext, ctx: TurnContext, turn: CommandTurn): Promise<void> {
  const user = turn.who.user;
  const access = await bc.deps.tokenProvider.getAccessToken(user.id);
  if (access.kind === 'ok') {
    const as = user.entraAccount?.username ? ` as ${user.entraAccount.username}` : '';
    return sendText(ctx, `You're signed in${as}. Type ${code('pat list')} to see your PATs.`);
  }
  if (turn.kind === 'channel')
    return sendCard(ctx, signInElsewhereCard(bc, 'Teams cannot sign you in inside a channel.'));
  return promptSignIn(bc, ctx, { outcome: access, kind: turn.kind, userId: user.id });
}

async function orgs(
  bc: BotContext,
  ctx: TurnContext,
  turn: CommandTurn,
  command: Extract<ParsedCommand, { kind: 'orgs' }>,
): Promise<void> {
  const user = turn.who.user;
  const current = orgsOf(bc, user);
  const listText = (list: string[]) => (list.length > 0 ? list.join(', ') : 'no organisation');
  if (command.action === 'show') {
    const source = user.orgs && user.orgs.length > 0 ? '' : ' (the default)';
    return sendText(
      ctx,
      `I look in ${listText(current)}${source}. Change it with ${code('pat orgs add <org>')} or ${code('pat orgs remove <org>')}.`,
    );
  }
  const result = await changeOrgsChecked(bc.useCases, {
    userId: user.id,
    chosen: user.orgs,
    defaults: bc.deps.config.ado.organizations,
    action: command.action,
    org: command.org,
    max: bc.deps.config.ado.maxOrgsPerUser,
  });
  if (result.kind === 'auth') return askToSignIn(bc, ctx, turn, result.outcome);
  if (result.kind === 'failed') return sendCard(ctx, errorCard(result.error));
  if (!result.change.refused) await bc.deps.store.users.setOrgs(user.id, result.change.next);
  await sendText(ctx, result.change.message);
}
