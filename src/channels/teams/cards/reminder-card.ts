/**
 * The 1:1 reminder about one of the person's own PATs (sent by the reminder sweep): the PAT's
 * name, organisation, expiry in the person's zone, days left and the threshold words, then one
 * click to act: Renew (the default length at once; Other… for 30 days, longest, a date), Rotate,
 * Snooze (1 / 3 days), "Show all my PATs". Expired PATs and all-organisation PATs get "Create
 * replacement" (a dialog) instead of Renew. Pure.
 */
import type { PatReminder } from '../../../core/notifier';
import { formatCount } from '../../../core/format-number';
import { daysLeftTone } from '../../../core/status-label';
import { TONE_COLORS } from './teams-colors';
import { card, execute, openUrl, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { renewActions } from './renew-actions';
import { replaceAllAction } from './replace-all-cards';
import { replaceAction } from './secret-dialog-card';
import { VERBS } from './verbs';

/** Signed values for the card's buttons (null hides a button). */
export interface ReminderButtons {
  /** Signed renew action for the owner (same value as the list card's Renew). */
  renew: string | null;
  /** Signed snooze actions for the owner: 1 day and 3 days. */
  snooze: { oneDay: string; threeDays: string } | null;
  /** Signed "list my PATs" action for the owner. */
  list: string;
  /** Create replacement (when Renew cannot help) or Rotate: opens the dialog; null hides it. */
  replace?: { mode: 'recreate' | 'rotate'; token: string } | null;
  /** Replace all (a dead all-organisations PAT): the dialog for every such PAT at once. */
  replaceAll?: string | null;
}

export interface ReminderCardModel {
  reminder: PatReminder;
  buttons: ReminderButtons;
  /** Where to create a replacement PAT (the organisation's tokens page). */
  tokensPageUrl: string;
  /** Rows of the list "Show all my PATs" opens. */
  pageSize: number;
  /** What the one-click Renew asks for (RENEW_DEFAULT_DAYS). */
  renewDays: number;
  /** Earliest date Other… offers (yyyy-mm-dd). */
  minRenewDate: string;
}

/** Whether Renew can help: not expired, and not ended by the all-organisations retirement. */
export function canRenew(reminder: PatReminder): boolean {
  return reminder.kind === 'threshold' && reminder.pat.daysLeft >= 0 && !reminder.pat.endsAtGlobalRetirement;
}

/** Whether Snooze makes sense: only for threshold reminders (the others are sent once). */
export function canSnooze(reminder: PatReminder): boolean {
  return reminder.kind === 'threshold' && reminder.pat.daysLeft >= 0;
}

function headline(reminder: PatReminder): CardElement {
  const { pat } = reminder;
  const color =
    reminder.kind === 'threshold' ? TONE_COLORS[daysLeftTone(pat.daysLeft)] : TONE_COLORS.attention;
  return text(`${plain(pat.name)} ${plain(reminder.thresholdLabel)}`, {
    size: 'Medium',
    weight: 'Bolder',
    color,
  });
}

function daysLeftFact(days: number): string {
  if (days < 0) return `expired ${formatCount(-days, 'day')} ago`;
  if (days === 0) return 'expires today';
  return formatCount(days, 'day');
}

function explanation(reminder: PatReminder): string | null {
  if (reminder.kind === 'expired') return "Expired PATs can't be extended: create a replacement.";
  if (reminder.kind === 'global-dead') {
    return 'Azure DevOps stopped every PAT that works in all organisations on 1 Dec 2026. Create replacement makes a PAT for one of your organisations, with the same scopes.';
  }
  if (reminder.kind === 'global-retirement' || reminder.pat.endsAtGlobalRetirement) {
    return 'Azure DevOps retires PATs that work in all organisations on 1 Dec 2026, whatever their expiry date. Create a PAT for one organisation instead.';
  }
  return null;
}

export function reminderCard(model: ReminderCardModel): AdaptiveCard {
  const { reminder, buttons } = model;
  const { pat } = reminder;
  const expired = pat.daysLeft < 0;
  const body: CardElement[] = [
    headline(reminder),
    text(plain(reminder.text), { spacing: 'Small' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'PAT', value: plain(pat.name) },
        { title: 'Organisation', value: pat.allOrgs ? 'all organisations' : plain(pat.org) },
        { title: expired ? 'Expired' : 'Expires', value: `${pat.expiresOn} (${pat.relative})` },
        { title: 'Days left', value: daysLeftFact(pat.daysLeft) },
      ],
    },
  ];
  const why = explanation(reminder);
  if (why) body.push(text(why, { size: 'Small', isSubtle: true }));
  body.push(text(`Dates in ${reminder.timeZoneLabel}.`, { size: 'Small', isSubtle: true }));

  const actions: CardElement[] = [];
  if (buttons.renew && canRenew(reminder)) {
    actions.push(
      ...renewActions({
        name: pat.name,
        patId: pat.patId,
        token: buttons.renew,
        defaultDays: model.renewDays,
        minDate: model.minRenewDate,
      }),
    );
  }
  if (buttons.replace) actions.push(replaceAction(buttons.replace.mode, buttons.replace.token));
  if (buttons.replaceAll && reminder.kind === 'global-dead')
    actions.push(replaceAllAction(buttons.replaceAll));
  else if (!canRenew(reminder)) actions.push(openUrl('Create a new PAT', model.tokensPageUrl));
  if (buttons.snooze && canSnooze(reminder)) {
    actions.push(execute('Snooze 1 day', VERBS.snooze, { t: buttons.snooze.oneDay, n: pat.name }));
    actions.push(execute('Snooze 3 days', VERBS.snooze, { t: buttons.snooze.threeDays, n: pat.name }));
  }
  actions.push(execute('Show all my PATs', VERBS.list, { t: buttons.list, shown: model.pageSize }));
  return card(body, { actions, fallbackText: reminder.text });
}
