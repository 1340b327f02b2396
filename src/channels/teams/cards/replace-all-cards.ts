/**
 * Replace all's dialog cards (dead all-organisations PATs): the organisation choice (asked once),
 * then each new PAT's secret in turn with "Next". The secret appears only in these `task/continue`
 * answers; no button sends it back (`associatedInputs: 'none'` on Next). Pure.
 */
import { formatCount } from '../../../core/format-number';
import { card, plain, text, type AdaptiveCard, type CardElement } from './card-types';
import { DIALOG_VERBS, secretDialogCard, type SecretDialogModel } from './secret-dialog-card';

/** Id of the organisations choice (comma-separated values, Adaptive Cards' multi-select). */
export const ORGS_INPUT = 'orgs';

export function replaceAllChoiceCard(
  names: readonly string[],
  orgs: readonly string[],
  defaults: readonly string[],
  token: string,
): AdaptiveCard {
  const shown = names.slice(0, 10).map((n) => `\`${plain(n)}\``);
  const more = names.length > shown.length ? `, and ${names.length - shown.length} more` : '';
  return card(
    [
      text(`${formatCount(names.length, 'PAT')} stopped working on 1 Dec 2026: ${shown.join(', ')}${more}.`, {
        weight: 'Bolder',
      }),
      text(
        'I make one new PAT for each of them in every organisation you pick, with the same scopes, and show each one once.',
      ),
      {
        type: 'Input.ChoiceSet',
        id: ORGS_INPUT,
        label: 'Organisations',
        style: 'expanded',
        isMultiSelect: true,
        isRequired: true,
        value: defaults.join(','),
        choices: orgs.map((o) => ({ title: o, value: o })),
      },
    ],
    {
      actions: [
        {
          type: 'Action.Submit',
          title: 'Create',
          style: 'positive',
          data: { verb: DIALOG_VERBS.replaceAllStep, t: token, i: 0 },
        },
      ],
    },
  );
}

/** One step's secret, with "Next (k of n)" or, on the last, "I've copied it". */
export function replaceAllSecretCard(
  model: SecretDialogModel,
  next: { token: string; orgs: string; step: number; total: number } | null,
): AdaptiveCard {
  const content = secretDialogCard(model);
  if (!next) return content;
  const label = `Next (${next.step + 1} of ${next.total})`;
  const nextAction: CardElement = {
    type: 'Action.Submit',
    title: label,
    style: 'positive',
    associatedInputs: 'none',
    data: { verb: DIALOG_VERBS.replaceAllStep, t: next.token, orgs: next.orgs, i: next.step },
  };
  return { ...content, actions: [nextAction] };
}

/** Replace all's step failed: say why and go on. */
export function replaceAllFailedCard(
  message: string,
  nextStep: string | undefined,
  next: { token: string; orgs: string; step: number; total: number } | null,
): AdaptiveCard {
  const body = [text(plain(message), { weight: 'Bolder' })];
  if (nextStep) body.push(text(plain(nextStep), { spacing: 'Small' }));
  const actions: CardElement[] = next
    ? [
        {
          type: 'Action.Submit',
          title: `Next (${next.step + 1} of ${next.total})`,
          associatedInputs: 'none',
          data: { verb: DIALOG_VERBS.replaceAllStep, t: next.token, orgs: next.orgs, i: next.step },
        },
      ]
    : [
        {
          type: 'Action.Submit',
          title: 'Close',
          associatedInputs: 'none',
          data: { verb: DIALOG_VERBS.copied },
        },
      ];
  return card(body, { actions });
}

/** The list card's Replace all button (opens the dialog: `task/fetch`). */
export function replaceAllAction(token: string): CardElement {
  return {
    type: 'Action.Submit',
    title: 'Replace all',
    data: { msteams: { type: 'task/fetch' }, verb: DIALOG_VERBS.replaceAll, t: token },
  };
}
