/** `pat help`: every command with one example (the core's help table). */
import type { HelpEntry } from '../../../core/commands/help-entries';
import { forTeams } from '../teams-wording';
import { card, plain, text, type AdaptiveCard } from './card-types';

export function helpCard(entries: readonly HelpEntry[], where: 'personal' | 'shared'): AdaptiveCard {
  const intro =
    where === 'shared'
      ? 'Mention me first, e.g. `@patbot pat list`. Lists are shown only to the person who asked.'
      : 'Type a command, e.g. `pat list`.';
  return card(
    [
      text('What I can do', { size: 'Medium', weight: 'Bolder' }),
      text(intro, { isSubtle: true }),
      {
        type: 'FactSet',
        facts: entries.map((e) => ({
          title: forTeams(e.usage),
          value: forTeams(`${plain(e.description)}. Example: ${e.example}`),
        })),
      },
    ],
    {
      fallbackText: forTeams(
        entries.map((e) => `${e.usage}: ${e.description} (e.g. ${e.example})`).join('\n'),
      ),
    },
  );
}
