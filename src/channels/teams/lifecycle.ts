/**
 * Installs, uninstalls and membership changes: remember conversation references when the bot
 * arrives (welcome card in a personal chat), forget them when it leaves, and drop a removed
 * person's subscription in that conversation.
 */
import type { ChannelAccount, TurnContext } from 'botbuilder';
import { orgsOf, type BotContext } from './bot-context';
import { welcomeCard } from './cards/welcome-card';
import {
  captureConversation,
  conversationKey,
  baseConversationId,
  forgetConversation,
} from './conversation-capture';
import { listToken } from './list-model';
import { sendCard } from './replies';
import { conversationKind, resolveTurnUser, tenantIdOf } from './turn-user';

async function arrived(bc: BotContext, ctx: TurnContext): Promise<void> {
  const kind = conversationKind(ctx.activity);
  const who = kind === 'personal' ? await resolveTurnUser(bc.deps.store, ctx.activity) : null;
  const { isNew } = await captureConversation(bc.deps.store, ctx.activity, who?.user.id ?? null);
  if (who && isNew) {
    await sendCard(
      ctx,
      welcomeCard({
        listToken: listToken(bc, who.user, orgsOf(bc, who.user)),
        pageSize: bc.settings.pageSize,
      }),
    );
  }
}

export async function handleInstallationUpdate(bc: BotContext, ctx: TurnContext): Promise<void> {
  const action = String(ctx.activity.action ?? '');
  if (action.startsWith('remove')) {
    await forgetConversation(bc.deps.store, ctx.activity);
    bc.logOf(ctx).info(
      { event: 'teams.uninstalled', kind: conversationKind(ctx.activity) },
      'app removed: conversation forgotten',
    );
    return;
  }
  if (action.startsWith('add')) await arrived(bc, ctx);
}

async function forgetMember(bc: BotContext, ctx: TurnContext, member: ChannelAccount): Promise<void> {
  const aadObjectId = member.aadObjectId;
  const tenantId = tenantIdOf(ctx.activity);
  if (!aadObjectId || !tenantId) return;
  const user = await bc.deps.store.users.findByIdentity({ platform: 'teams', tenantId, aadObjectId });
  if (!user) return;
  const key = conversationKey(baseConversationId(ctx.activity.conversation.id));
  await bc.deps.store.subscriptions.remove(key, user.id);
}

export async function handleConversationUpdate(bc: BotContext, ctx: TurnContext): Promise<void> {
  const botId = ctx.activity.recipient?.id;
  const added = ctx.activity.membersAdded ?? [];
  const removed = ctx.activity.membersRemoved ?? [];
  if (removed.some((m) => m.id === botId)) {
    await forgetConversation(bc.deps.store, ctx.activity);
    bc.logOf(ctx).info({ event: 'teams.bot_removed' }, 'bot removed: conversation forgotten');
    return;
  }
  for (const member of removed) await forgetMember(bc, ctx, member);
  if (added.some((m) => m.id === botId)) await arrived(bc, ctx);
}
