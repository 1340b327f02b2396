/**
 * `pat remind me` (sandbox mode): the reminder sweep for ONE person, now, whatever the working
 * hours, so someone trying patbot sees a reminder arrive without waiting for the hourly sweep in
 * 09:00–17:00. It is the real sweep turn (plan, ledger claim, send, record): each reminder still
 * goes out once per PAT and threshold, and channel digests are left to the scheduled sweep.
 */
import type { SweepDeps } from './sweep-context';
import { resolveSweepOptions, type SweepOptions } from './sweep-options';
import { SweepTally, type SweepSummary } from './sweep-summary';
import { userTurn } from './sweep';
import type { WorkingHours } from './working-hours';

/** Every minute of every day. */
export const ALWAYS_OPEN: WorkingHours = { startMinute: 0, endMinute: 24 * 60, days: [0, 1, 2, 3, 4, 5, 6] };

/** Runs the caller's sweep turn now; `null` when there is no such user. */
export async function remindNow(
  deps: SweepDeps,
  sweepOptions: SweepOptions,
  userId: string,
): Promise<SweepSummary | null> {
  const user = await deps.store.users.get(userId);
  if (!user) return null;
  const options = resolveSweepOptions({ ...sweepOptions, workingHours: ALWAYS_OPEN });
  const startedMs = performance.now();
  const now = deps.clock.now();
  const tally = new SweepTally(now);
  const logger = deps.logger.child({ component: 'reminder-sweep', instanceId: options.instanceId, userId });
  await userTurn({ ...deps, logger, options, now, tally }, user, false, null);
  const summary = tally.finish(deps.clock.now(), false, performance.now() - startedMs);
  logger.info(
    { remindersSent: summary.remindersSent, undeliverable: summary.undeliverable },
    'remind me: done',
  );
  return summary;
}

/** What `pat remind me` answers (`prefix`: `pat` in Teams, `/pat` in Slack). */
export function remindNowText(summary: SweepSummary | null | 'sandbox-only', prefix = 'pat'): string {
  if (summary === 'sandbox-only') {
    return `\`${prefix} remind me\` is only for trying patbot in sandbox mode. Here reminders come on their own, in your working hours, as a PAT's expiry gets close.`;
  }
  const sent = summary?.remindersSent ?? 0;
  if (sent > 0)
    return `Sent you ${sent} ${sent === 1 ? 'reminder' : 'reminders'} just now, in your chat with patbot.`;
  if (summary && summary.undeliverable > 0) {
    return `${summary.undeliverable} ${summary.undeliverable === 1 ? 'reminder is' : 'reminders are'} due, but I have no chat with you to send ${summary.undeliverable === 1 ? 'it' : 'them'} to. Message patbot directly, then try \`${prefix} remind me\` again.`;
  }
  if (!summary || summary.usersFailed > 0) {
    return `I couldn't check your PATs just now. Try \`${prefix} list\` to see what is wrong.`;
  }
  return `Nothing new is due: each reminder goes out once per PAT and threshold, and you have had every one that is due now. \`${prefix} list\` shows what expires when.`;
}
