/**
 * The Renew buttons of a PAT, the same on list rows and reminders: **Renew N days** renews at
 * once for the default length (RENEW_DEFAULT_DAYS; the organisation's policy may store less, and
 * the answer says so), and **Other…** opens the other choices: the other fixed lengths, the
 * longest the organisation allows, or a date. Every button carries the same signed value. Pure.
 */
import { execute, plain, showCardBody, text, type CardElement } from './card-types';
import { renewDateInputId, VERBS } from './verbs';

/** The fixed lengths a card offers, as `d` values (the default is the one-click button). */
const FIXED_DAYS = [30, 90] as const;

export interface RenewActionsModel {
  name: string;
  patId: string;
  /** The signed value (a row value or a renew value). */
  token: string;
  /** RENEW_DEFAULT_DAYS. */
  defaultDays: number;
  /** Earliest date the date picker offers (yyyy-mm-dd). */
  minDate: string;
}

/** The one-click button's title, e.g. `Renew 90 days`. */
export function renewTitle(days: number): string {
  return `Renew ${days} day${days === 1 ? '' : 's'}`;
}

export function renewActions(model: RenewActionsModel): CardElement[] {
  const { token } = model;
  const others = FIXED_DAYS.filter((d) => d !== model.defaultDays).map((d) =>
    execute(`${d} days`, VERBS.renew, { t: token, d: String(d) }),
  );
  return [
    execute(renewTitle(model.defaultDays), VERBS.renew, { t: token }, { style: 'positive' }),
    {
      type: 'Action.ShowCard',
      title: 'Other…',
      card: showCardBody([
        text(`Renew ${plain(model.name)} for:`, { size: 'Small' }),
        {
          type: 'ActionSet',
          actions: [...others, execute('Longest allowed', VERBS.renew, { t: token, d: 'max' })],
        },
        {
          type: 'Input.Date',
          id: renewDateInputId(model.patId),
          label: 'Or until a date',
          min: model.minDate,
        },
        {
          type: 'ActionSet',
          actions: [execute('Renew until this date', VERBS.renew, { t: token, d: 'date' })],
        },
      ]),
    },
  ];
}
