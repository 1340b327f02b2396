/**
 * The dialog (task module) cards of Recreate and Rotate. The secret appears only here: in the
 * `task/continue` answer to the person's own `task/fetch` invoke, never in a message. The
 * dialog's buttons send no input back that could hold it (`associatedInputs: 'none'`, and the
 * secret is a TextBlock, not an input). Pure.
 */
import { COPY_INSTRUCTIONS } from '../../../core/replace-messages';
import { card, plain, text, type AdaptiveCard, type CardElement } from './card-types';

/** The data verbs of the dialog's Action.Submit buttons (routed as `task/submit`). */
export const DIALOG_VERBS = {
  /** Opens the dialog (`task/fetch`) from a list row, a reminder or the typed command's card. */
  recreate: 'pat.recreate',
  rotate: 'pat.rotate',
  /** "I've copied it": closes the dialog. */
  copied: 'pat.copied',
  /** Rotate: revoke the old PAT now. */
  revokeOld: 'pat.revokeOld',
  /** Rotate: remind me to revoke it in N days. */
  remindRevoke: 'pat.remindRevoke',
  /** A dead all-organisations PAT: create its replacement in the organisation picked. */
  recreateIn: 'pat.recreateIn',
  /** Replace all (dead all-organisations PATs): open the choice; create one PAT per step. */
  replaceAll: 'pat.replaceAll',
  replaceAllStep: 'pat.replaceAllStep',
} as const;

/** Id of the organisation choice for an all-organisations PAT's replacement. */
export const ORG_INPUT = 'org';

/** Id of the "in N days" input of Rotate's reminder choice. */
export const REMIND_DAYS_INPUT = 'remindDays';

export interface SecretDialogModel {
  title: string;
  /** What was created, until when (no secret). */
  message: string;
  notes: string[];
  secret: string;
  /** Rotate: the signed values of "Revoke the old one now" and "Remind me…", and the default days. */
  rotate?: {
    revokeToken: string;
    remindToken: string;
    oldName: string;
    replacementName: string;
    days: number;
  };
}

function submit(
  title: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): CardElement {
  return { type: 'Action.Submit', title, data, associatedInputs: 'none', ...extra };
}

/** The task module's `value` for a card: title, size and the card as an attachment. */
export function dialogTaskInfo(title: string, content: AdaptiveCard) {
  return {
    title: title.slice(0, 100),
    width: 'medium' as const,
    height: 'medium' as const,
    card: { contentType: 'application/vnd.microsoft.card.adaptive', content },
  };
}

function rotateChoices(rotate: NonNullable<SecretDialogModel['rotate']>): CardElement[] {
  return [
    text(`When nothing uses \`${plain(rotate.oldName)}\` any more, revoke it.`, { spacing: 'Medium' }),
    {
      type: 'Input.Number',
      id: REMIND_DAYS_INPUT,
      label: 'Remind me in (days)',
      min: 1,
      max: 30,
      value: rotate.days,
    },
    {
      type: 'ActionSet',
      actions: [
        submit(
          'Revoke the old one now',
          { verb: DIALOG_VERBS.revokeOld, t: rotate.revokeToken },
          { style: 'destructive' },
        ),
        {
          ...submit('Remind me to revoke it', {
            verb: DIALOG_VERBS.remindRevoke,
            t: rotate.remindToken,
            n: rotate.oldName,
            r: rotate.replacementName,
          }),
          associatedInputs: 'auto',
        },
      ],
    },
  ];
}

export function secretDialogCard(model: SecretDialogModel): AdaptiveCard {
  const body: CardElement[] = [
    text(plain(model.message), { weight: 'Bolder' }),
    ...model.notes.map((n) => text(plain(n), { color: 'Warning', spacing: 'Small' })),
    {
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [
        {
          type: 'TextBlock',
          text: model.secret,
          fontType: 'Monospace',
          wrap: true,
          size: 'Medium',
          id: 'secret',
        },
      ],
    },
    text(plain(COPY_INSTRUCTIONS), { size: 'Small', spacing: 'Small' }),
    ...(model.rotate ? rotateChoices(model.rotate) : []),
  ];
  return card(body, {
    actions: [submit("I've copied it", { verb: DIALOG_VERBS.copied }, { style: 'positive' })],
    fallbackText: 'Your new PAT is in this dialog.',
  });
}

/** An all-organisations PAT: which organisation the new one is for (they can no longer be global). */
export function orgChoiceDialogCard(name: string, orgs: readonly string[], token: string): AdaptiveCard {
  return card(
    [
      text(
        `\`${plain(name)}\` worked in all your organisations. Azure DevOps no longer makes such PATs, so the new one is for one organisation.`,
      ),
      {
        type: 'Input.ChoiceSet',
        id: ORG_INPUT,
        label: 'Organisation',
        style: 'expanded',
        isRequired: true,
        value: orgs[0],
        choices: orgs.map((o) => ({ title: o, value: o })),
      },
    ],
    {
      actions: [
        {
          type: 'Action.Submit',
          title: 'Create',
          style: 'positive',
          data: { verb: DIALOG_VERBS.recreateIn, t: token },
        },
      ],
    },
  );
}

/** A dialog that only says something (a refusal, an error, "run it in your personal chat"). */
export function noticeDialogCard(message: string, nextStep?: string): AdaptiveCard {
  const body = [text(plain(message), { weight: 'Bolder' })];
  if (nextStep) body.push(text(plain(nextStep), { spacing: 'Small' }));
  return card(body, { actions: [submit('Close', { verb: DIALOG_VERBS.copied })] });
}

/** The button that opens the Recreate / Rotate dialog (an Action.Submit with `task/fetch`). */
export function replaceAction(mode: 'recreate' | 'rotate', token: string): CardElement {
  return {
    type: 'Action.Submit',
    title: mode === 'rotate' ? 'Rotate' : 'Create replacement',
    data: {
      msteams: { type: 'task/fetch' },
      verb: mode === 'rotate' ? DIALOG_VERBS.rotate : DIALOG_VERBS.recreate,
      t: token,
    },
  };
}

/** The card a typed `pat recreate|rotate <name>` answers with: what will happen and the button. */
export function replaceOfferCard(message: string, mode: 'recreate' | 'rotate', token: string): AdaptiveCard {
  return card([text(plain(message))], {
    actions: [{ ...replaceAction(mode, token), style: 'positive' }],
    fallbackText: message,
  });
}
