/**
 * The sweep's step for Rotate's "Remind me to revoke in N days": each due item of the user
 * becomes one direct message (ledgered, so exactly once) and is then removed.
 */
import { revokeReminderDueMessage } from '../replace-messages';
import type { LedgerKey, RevokeReminder, StoredConversation } from '../store';
import { deliverDirect } from './deliver';
import { dmTarget } from './ledger-keys';
import type { SweepContext } from './sweep-context';

/** Due items read per user per sweep. */
const BATCH = 20;

export function revokeDueKey(item: RevokeReminder): LedgerKey {
  return {
    patId: item.patId,
    threshold: `revoke-due@${item.dueAt.toISOString()}`,
    target: dmTarget(item.userId),
  };
}

/** Sends the user's due revoke reminders to `dm` (or counts them undeliverable when there is none). */
export async function deliverRevokeReminders(
  ctx: SweepContext,
  userId: string,
  dm: StoredConversation | null,
): Promise<void> {
  const due = await ctx.store.revokeReminders.dueFor(userId, ctx.now, BATCH);
  if (due.length === 0) return;
  if (!dm) {
    ctx.tally.undeliverable += due.length;
    return;
  }
  for (const item of due) {
    const key = revokeDueKey(item);
    const outcome = await deliverDirect(
      ctx,
      userId,
      key,
      {
        kind: 'revoke-due',
        org: item.org,
        patId: item.patId,
        patName: item.patName,
        replacementName: item.replacementName,
        text: revokeReminderDueMessage(item.patName, item.replacementName, item.org),
      },
      dm,
    );
    if (outcome === 'failed') return;
    const sent = outcome === 'sent' || (await ctx.store.ledger.get(key))?.status === 'sent';
    if (sent) await ctx.store.revokeReminders.remove(userId, item.patId);
  }
}
