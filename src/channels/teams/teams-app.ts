/**
 * The teams-ai `Application`: routes Teams activities to patbot's handlers. teams-ai's own
 * authentication is not used (see docs/teams.md): the SSO invokes are routed here like any other.
 */
import { turnLog } from './turn-log';
import type { TurnContext } from 'botbuilder';
// Deep imports: the package index also loads teams-ai's AI stack (planners, OpenAI client,
// tokenizers), ≈ 18 MB of RSS patbot never uses. Application itself still loads part of it.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { reportUnexpected } from '../../core/unexpected-error';
import type { BotContext } from './bot-context';
import { handleCardAction } from './card-actions';
import { welcomeCard } from './cards/welcome-card';
import { runCommandText } from './commands';
import { captureConversation } from './conversation-capture';
import { errorCard } from './error-card';
import { handleConversationUpdate, handleInstallationUpdate } from './lifecycle';
import { listToken } from './list-model';
import { orgsOf } from './bot-context';
import { sendText, sendCard, sendCardResponse, sendInvokeResponse } from './replies';
import { correlationIdOf } from './turn-correlation';
import { handleTokenExchange, handleVerifyState } from './sso-invokes';
import { registerReplaceAll } from './replace-all-dialog';
import { registerTaskModules } from './task-modules';
import { conversationKind, resolveTurnUser } from './turn-user';

const isInvoke = (name: string) => async (ctx: TurnContext) =>
  ctx.activity.type === 'invoke' && ctx.activity.name === name;

async function handleMessage(bc: BotContext, ctx: TurnContext): Promise<void> {
  const text = (ctx.activity.text ?? '').trim();
  const who = await resolveTurnUser(bc.deps.store, ctx.activity);
  if (!who) return;
  const kind = conversationKind(ctx.activity);
  const { isNew } = await captureConversation(
    bc.deps.store,
    ctx.activity,
    kind === 'personal' ? who.user.id : null,
  );
  if (kind === 'personal' && isNew) {
    await sendCard(
      ctx,
      welcomeCard({
        listToken: listToken(bc, who.user, orgsOf(bc, who.user)),
        pageSize: bc.settings.pageSize,
      }),
    );
    if (text === '') return;
  }
  if (text === '') {
    // Action.Submit from an old card, or an attachment without text.
    return sendText(ctx, 'Type `pat help` to see what I can do.');
  }
  await runCommandText(bc, ctx, { who, kind, text });
}

/**
 * Runs a handler: the Teams end of the one error funnel. An unexpected error is logged once with
 * the request's correlation id (core/unexpected-error.ts) and answered with an error card that
 * names the same id; nothing internal is shown.
 */
function guarded(bc: BotContext, handler: (bc: BotContext, ctx: TurnContext) => Promise<void>) {
  return async (ctx: TurnContext): Promise<void> => {
    try {
      await handler(bc, ctx);
    } catch (err) {
      const correlationId = correlationIdOf(ctx);
      const coded = reportUnexpected(turnLog(ctx, bc.log), err, correlationId, { type: ctx.activity.type });
      if (ctx.activity.type === 'invoke') {
        if (ctx.activity.name === 'adaptiveCard/action')
          await sendCardResponse(ctx, errorCard(coded, correlationId));
        else await sendInvokeResponse(ctx, 500, { failureDetail: 'internal' });
      } else if (ctx.activity.type === 'message') {
        await sendCard(ctx, errorCard(coded, correlationId));
      }
    }
  };
}

export function createTeamsApp(bc: BotContext, adapter: TeamsAdapter): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: bc.settings.botId ?? undefined,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.addRoute(isInvoke('signin/tokenExchange'), guarded(bc, handleTokenExchange), true);
  app.addRoute(isInvoke('signin/verifyState'), guarded(bc, handleVerifyState), true);
  app.addRoute(isInvoke('adaptiveCard/action'), guarded(bc, handleCardAction), true);
  registerTaskModules(app, bc);
  registerReplaceAll(app, bc);
  app.activity('installationUpdate', guarded(bc, handleInstallationUpdate));
  app.activity('conversationUpdate', guarded(bc, handleConversationUpdate));
  app.activity('message', guarded(bc, handleMessage));
  return app;
}
