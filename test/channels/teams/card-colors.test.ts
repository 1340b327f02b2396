/**
 * Every colour patbot's cards use passes WCAG AA (4.5:1) on Teams' light theme, and every help and
 * hint string goes through the card builders with its placeholders visible (no dropped `<name>`,
 * no literal `&lt;`). Slack, by contrast, must escape `<` as `&lt;`.
 */
import { helpEntries } from '../../../src/core/commands/help-entries';
import { contrastRatio, WCAG_AA_TEXT } from '../../../src/core/contrast';
import { NO_ORGS_MESSAGE, unknownCommandMessage } from '../../../src/core/messages';
import { noOrgsError } from '../../../src/core/use-cases/find-pats';
import { helpMessage } from '../../../src/channels/slack/blocks/help';
import { problemMessage } from '../../../src/channels/slack/blocks/problem-message';
import { helpCard } from '../../../src/channels/teams/cards/help-card';
import { messageCard } from '../../../src/channels/teams/cards/message-card';
import {
  MESSAGE_COLORS,
  TEAMS_LIGHT_THEME,
  TONE_COLORS,
} from '../../../src/channels/teams/cards/teams-colors';
import { errorCard } from '../../../src/channels/teams/error-card';
import { forTeams } from '../../../src/channels/teams/teams-wording';

const HINTS = [
  NO_ORGS_MESSAGE,
  noOrgsError().userText,
  'That did not work. Try `pat snooze <name> <days>`.',
  'Change it with `pat orgs add <org>` or `pat orgs remove <org>`.',
  unknownCommandMessage('pat lsit', 'pat list'),
];

describe('Teams card colours', () => {
  const used = [...new Set([...Object.values(TONE_COLORS), ...Object.values(MESSAGE_COLORS)])];

  it.each(used)('%s passes 4.5:1 on the light theme', (name) => {
    const ratio = contrastRatio(TEAMS_LIGHT_THEME.foreground[name], TEAMS_LIGHT_THEME.background);
    expect(ratio).toBeGreaterThanOrEqual(WCAG_AA_TEXT);
  });

  it('leaves out the names that fail (yellow Warning, light green Good)', () => {
    for (const name of ['Warning', 'Good'] as const) {
      expect(contrastRatio(TEAMS_LIGHT_THEME.foreground[name], TEAMS_LIGHT_THEME.background)).toBeLessThan(
        WCAG_AA_TEXT,
      );
      expect(used).not.toContain(name);
    }
  });
});

describe('help and hint strings through the builders', () => {
  it('Teams help card: every usage shows ‹placeholders›', () => {
    const json = JSON.stringify(helpCard(helpEntries({ admin: true }), 'personal'));
    expect(json).not.toMatch(/<[a-z|-]+>|&lt;|&gt;/);
    for (const e of helpEntries({ admin: true })) {
      for (const [, word] of e.usage.matchAll(/<([^>]+)>/g)) expect(json).toContain(`‹${word}›`);
    }
  });

  it.each(HINTS)('Teams message cards keep the placeholders of %j', (hint) => {
    const json = JSON.stringify(messageCard({ text: hint, nextStep: hint }));
    expect(json).not.toMatch(/&lt;|<[a-z|-]+>/);
    for (const [, word] of hint.matchAll(/<([^>]+)>/g)) expect(json).toContain(`‹${word}›`);
  });

  it('Teams error cards too', () => {
    const json = JSON.stringify(errorCard(noOrgsError()));
    expect(json).toContain('`pat orgs add ‹org›`');
    expect(json).not.toMatch(/&lt;|<org>/);
  });

  it('keeps Teams mentions as they are', () => {
    expect(forTeams('<at>Alice</at>: run `pat renew <name>`')).toBe('<at>Alice</at>: run `pat renew ‹name›`');
  });

  it('Slack escapes < as &lt; in help and hints (Slack requires it)', () => {
    const help = JSON.stringify(helpMessage(helpEntries({ prefix: '/pat' })));
    expect(help).toContain('/pat renew &lt;name&gt;');
    expect(help).toContain('/pat orgs [add|remove &lt;org&gt;]');
    expect(help).not.toMatch(/<(name|days|org)>/);
    for (const hint of HINTS) {
      const json = JSON.stringify(problemMessage({ text: hint, nextStep: hint }));
      expect(json).not.toMatch(/<(name|days|org)>/);
      if (hint.includes('<org>')) expect(json).toContain('&lt;org&gt;');
    }
  });
});
