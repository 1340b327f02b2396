/** The confirmation step before a PAT is revoked. */
import { card, execute, plain, text, type AdaptiveCard } from './card-types';
import { VERBS } from './verbs';

export interface RevokeConfirmModel {
  /** The core's question (revokeConfirmMessage). */
  question: string;
  /** Signed confirm_revoke action. */
  confirmToken: string;
  /** Signed list action: Cancel goes back to the list. */
  listToken: string;
  pageSize: number;
}

export function revokeConfirmCard(model: RevokeConfirmModel): AdaptiveCard {
  return card([text(plain(model.question), { weight: 'Bolder' })], {
    actions: [
      execute('Revoke', VERBS.confirmRevoke, { t: model.confirmToken }, { style: 'destructive' }),
      execute('Cancel', VERBS.list, { t: model.listToken, shown: model.pageSize }),
    ],
    fallbackText: model.question,
  });
}
