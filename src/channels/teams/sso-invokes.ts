/**
 * Teams SSO, handled by patbot rather than teams-ai's TeamsSso (see docs/teams.md): the
 * `signin/tokenExchange` invoke goes to the identity module's on-behalf-of exchange; 200 on
 * success, 412 when Teams should fall back to the sign-in button (consent, conditional access,
 * invalid token). `signin/verifyState` arrives after the fallback popup: the OAuthCard is sent
 * again so Teams retries the exchange, now with consent.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotContext } from './bot-context';
import { messageCard } from './cards/message-card';
import { runCommandText } from './commands';
import { sendCard, sendInvokeResponse } from './replies';
import { promptSignIn } from './sign-in-prompt';
import { conversationKind, resolveTurnUser, type TurnUser } from './turn-user';

const exchangeSchema = z.object({
  id: z.string().min(1).max(500),
  connectionName: z.string().max(200).optional(),
  token: z.string().min(1).max(20_000),
});

const verifyStateSchema = z.object({ state: z.string().max(4000).optional() }).passthrough();

const SIGNED_IN =
  "You're signed in. I act as you in Azure DevOps, only for what you ask. Type `pat list` to see your PATs.";

export async function handleTokenExchange(bc: BotContext, ctx: TurnContext): Promise<void> {
  const parsed = exchangeSchema.safeParse(ctx.activity.value);
  const who = await resolveTurnUser(bc.deps.store, ctx.activity);
  if (!parsed.success || !who) {
    return sendInvokeResponse(ctx, 400, { failureDetail: 'The token exchange request is not valid.' });
  }
  const { id, connectionName = '' } = parsed.data;
  const outcome = await bc.deps.identity.exchangeTeamsSsoToken({
    userId: who.user.id,
    ssoToken: parsed.data.token,
  });
  if (outcome.kind === 'ok') {
    bc.logOf(ctx).info({ event: 'teams.sso.exchanged' }, 'Teams SSO token exchanged');
    await sendInvokeResponse(ctx, 200, { id, connectionName });
    // Teams sends the same exchange from every open client: confirm and re-run only once.
    const now = bc.deps.clock.now();
    const first = await bc.deps.store.nonces.use(
      `teams-sso:${who.user.id}:${id}`,
      new Date(now.getTime() + 15 * 60_000),
      now,
    );
    if (first) await afterSignIn(bc, ctx, who);
    return;
  }
  bc.logOf(ctx).info(
    { event: 'teams.sso.failed', code: outcome.error.code, kind: outcome.kind },
    'Teams SSO exchange failed',
  );
  await sendInvokeResponse(ctx, 412, { id, connectionName, failureDetail: outcome.error.code });
  if (outcome.kind === 'claims_challenge') {
    // Teams' own consent prompt cannot carry claims: offer the popup with them.
    await promptSignIn(bc, ctx, { outcome, kind: conversationKind(ctx.activity), userId: who.user.id });
  } else if (outcome.kind === 'unavailable') {
    await sendCard(
      ctx,
      messageCard({ text: outcome.error.message, nextStep: outcome.error.nextStep, tone: 'attention' }),
    );
  }
}

export async function handleVerifyState(bc: BotContext, ctx: TurnContext): Promise<void> {
  const parsed = verifyStateSchema.safeParse(ctx.activity.value ?? {});
  const who = await resolveTurnUser(bc.deps.store, ctx.activity);
  await sendInvokeResponse(ctx, parsed.success && who ? 200 : 400);
  if (!parsed.success || !who) return;
  const access = await bc.deps.tokenProvider.getAccessToken(who.user.id);
  if (access.kind === 'ok') return afterSignIn(bc, ctx, who);
  // Consent was given in the popup: send the card again so Teams retries the SSO exchange.
  await promptSignIn(bc, ctx, { outcome: access, kind: conversationKind(ctx.activity), userId: who.user.id });
}

/** Confirms, then runs the command that was waiting for the sign-in (outside the invoke). */
async function afterSignIn(bc: BotContext, ctx: TurnContext, who: TurnUser): Promise<void> {
  const pending = await bc.pending.take(who.user.id);
  if (!pending) {
    await ctx.sendActivity(SIGNED_IN);
    return;
  }
  bc.background.run(pending.reference, async (later) => {
    const fresh = (await bc.deps.store.users.get(who.user.id)) ?? who.user;
    await runCommandText(bc, later, {
      who: { ...who, user: fresh },
      kind: conversationKind(later.activity),
      text: pending.text,
    });
  });
}
