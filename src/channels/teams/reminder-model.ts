/** Signs the buttons of a reminder card for its recipient (the PAT's owner). */
import { tokensPageUrl } from '../../core/messages';
import type { PatReminder } from '../../core/notifier';
import type { User } from '../../core/store';
import { ALL_PATS } from './action-values';
import { orgsOf, type BotContext } from './bot-context';
import { canRenew, canSnooze, type ReminderCardModel } from './cards/reminder-card';

/** The reminder card's model; `owner` null when the user record is gone (default orgs). */
export function reminderModel(
  bc: BotContext,
  ownerId: string,
  owner: User | null,
  reminder: PatReminder,
): ReminderCardModel {
  const { pat } = reminder;
  const base = { o: ownerId, g: pat.org, p: pat.patId };
  const orgs = orgsOf(bc, owner ?? { orgs: null });
  return {
    reminder,
    buttons: {
      renew: canRenew(reminder) ? bc.signer.sign({ ...base, v: 'renew' }) : null,
      snooze: canSnooze(reminder)
        ? {
            oneDay: bc.signer.sign({ ...base, v: 'snooze', d: 1 }),
            threeDays: bc.signer.sign({ ...base, v: 'snooze', d: 3 }),
          }
        : null,
      list: bc.signer.sign({ v: 'list', o: ownerId, g: orgs[0] ?? 'none', p: ALL_PATS }),
      replace: canRenew(reminder)
        ? { mode: 'rotate', token: bc.signer.sign({ ...base, v: 'rotate' }) }
        : { mode: 'recreate', token: bc.signer.sign({ ...base, v: 'recreate' }) },
      replaceAll:
        reminder.kind === 'global-dead'
          ? bc.signer.sign({ v: 'replace_all', o: ownerId, g: orgs[0] ?? 'none', p: ALL_PATS })
          : null,
    },
    tokensPageUrl: tokensPageUrl(pat.org),
    pageSize: bc.settings.pageSize,
    renewDays: bc.deps.config.ado.renewDefaultDays,
    minRenewDate: new Date(bc.deps.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10),
  };
}
