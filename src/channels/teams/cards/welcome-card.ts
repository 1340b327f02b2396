/** The first card in a new personal chat. */
import { card, execute, text, type AdaptiveCard } from './card-types';
import { VERBS } from './verbs';

export interface WelcomeCardModel {
  /** Signed list action for this person. */
  listToken: string;
  pageSize: number;
}

export function welcomeCard(model: WelcomeCardModel): AdaptiveCard {
  return card(
    [
      text('patbot keeps your Azure DevOps PATs from expiring by surprise.', { weight: 'Bolder' }),
      text(
        'List, renew and revoke your own PATs here, with your own Microsoft sign-in. No admin rights needed.',
        {
          isSubtle: true,
        },
      ),
      text('Type `pat help` for every command.', { size: 'Small' }),
    ],
    {
      actions: [execute('List my PATs', VERBS.list, { t: model.listToken, shown: model.pageSize })],
      fallbackText:
        'patbot manages your Azure DevOps PATs. Type `pat list` to see them, `pat help` for more.',
    },
  );
}
