/**
 * `pat list` in Teams, through the real /api/messages, after the 1 Dec 2026 retirement: the dead
 * all-organisations PATs come first under "Stopped working on 1 Dec 2026", each still with
 * Create replacement, then "Your other PATs". A global PAT its own date ended before the
 * retirement is an ordinary expired PAT.
 */
import {
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const WED = new Date('2026-12-09T10:00:00.000Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Teams: pat list groups the dead all-organisations PATs', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness();
    const add = (name: string, days: number, global: boolean) =>
      h.ado.addPat({
        ownerOid: ALICE.oid,
        ...(global ? { global: true } : { org: 'contoso' }),
        name,
        scope: 'vso.code',
        validTo: new Date(WED.getTime() + days * DAY_MS),
      });
    add('zeta-everywhere', 300, true);
    add('alpha-everywhere', 100, true);
    add('deploy-key', 40, false);
    add('old-global', -20, true); // its own date ended it on 19 Nov
    add('nightly', -2, false);
    h.entra.setAccessTokenLifetime(60);
    h.clock.set(WED);
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());

  it('shows them first under the heading, then the other PATs', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const card = cardOf(h.connector.messages().at(-1));
    const lines = (card.body as Json[])
      .map((b) =>
        b.type === 'TextBlock' ? b.text : b.type === 'Container' ? cardText(b).split('\n')[0] : '',
      )
      .filter((l) => l);
    const start = lines.indexOf('Stopped working on 1 Dec 2026');
    expect(start).toBe(1);
    expect(lines.slice(start + 2, start + 5)).toEqual([
      'alpha-everywhere',
      'zeta-everywhere',
      'Your other PATs',
    ]);
    const others = lines.slice(start + 5, start + 8).sort();
    expect(others).toEqual(['deploy-key', 'nightly', 'old-global']);
    expect(lines[start + 1]).toContain('Azure DevOps retired such PATs');
    const text = cardText(card);
    expect(text.match(/Stopped working on 1 Dec 2026/g)).toHaveLength(1);
    // Each dead global PAT keeps its own Create replacement.
    const deadRows = (card.body as Json[]).filter(
      (b) => b.type === 'Container' && /everywhere/.test(cardText(b)),
    );
    for (const row of deadRows) {
      const set = row.items.find((i: Json) => i.type === 'ActionSet');
      expect(set.actions.map((a: Json) => a.title)).toEqual(['Create replacement', 'Revoke…']);
    }
  });

  it('no heading when no dead all-organisations PAT is listed', async () => {
    h.clock.set(new Date('2026-11-20T10:00:00.000Z'));
    await h.signIn(ALICE);
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const text = cardText(cardOf(h.connector.messages().at(-1)));
    expect(text).toContain('alpha-everywhere');
    expect(text).not.toContain('Stopped working on 1 Dec 2026');
    expect(text).not.toContain('Your other PATs');
  });
});
