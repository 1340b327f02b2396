/**
 * What everyone else in a channel or group chat sees when someone asks for their PATs: a neutral
 * card. Teams replaces it with the asker's own list through `refresh.userIds` (Universal Actions
 * user-specific views); anyone who presses the button gets their own list, never the asker's.
 */
import { card, execute, plain, text, type AdaptiveCard } from './card-types';
import { VERBS } from './verbs';

export interface PrivateListCardModel {
  askerName: string;
  askerTeamsId: string;
  /** Signed list action for the asker. */
  listToken: string;
  pageSize: number;
}

export function privateListCard(model: PrivateListCardModel): AdaptiveCard {
  const action = execute('Show my PATs', VERBS.list, { t: model.listToken, shown: model.pageSize });
  return card(
    [
      text(`${plain(model.askerName)} asked for their PATs.`, { weight: 'Bolder' }),
      text('A PAT list is private: only its owner sees it here. Press the button to see your own.', {
        isSubtle: true,
      }),
    ],
    {
      actions: [action],
      refresh: { action, userIds: [model.askerTeamsId] },
      fallbackText: `${model.askerName} asked for their PATs. Only they see the list.`,
    },
  );
}
