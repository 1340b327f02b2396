/**
 * Progress on a long `pat admin expiring` through the real Teams endpoint: with a slow Azure
 * DevOps (simulator latency) a "Read N of M people…" card is posted, updated in place
 * (updateActivity), and finally replaced by the list; a fast run posts only the list.
 */
import {
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

describe('Teams: progress on a long pat admin expiring', () => {
  let h: TeamsHarness;
  const PEOPLE = 30;

  beforeAll(async () => {
    h = await startTeamsHarness({ channel: { progress: { afterMs: 250, everyMs: 100 } } });
    h.entra.setAccessTokenLifetime(60);
    h.ado.addCollectionAdmin('contoso', ALICE.oid);
    for (let i = 0; i < PEOPLE - 2; i++) {
      const oid = `44444444-4444-4444-8444-${String(i).padStart(12, '0')}`;
      h.ado.addMember('contoso', { oid, name: `person${i}@contoso.example` });
      h.ado.addPat({
        ownerOid: oid,
        org: 'contoso',
        name: `key-${i}`,
        validTo: new Date(NOW.getTime() + 5 * DAY_MS),
      });
    }
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());
  beforeEach(() => h.connector.clear());

  const text = (body: unknown): string => {
    const c = cardOf(body);
    return c ? cardText(c) : String((body as { text?: string }).text);
  };

  it('shows "Read N of M people…" while reading, updates it, and replaces it with the list', async () => {
    h.ado.setLatency(80);
    try {
      await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    } finally {
      h.ado.setLatency(0);
    }
    const sends = h.connector.calls.filter(
      (c) => c.conversationId === PERSONAL_ALICE.id && c.method === 'POST',
    );
    const updates = h.connector.calls.filter((c) => c.kind === 'update');
    expect(sends).toHaveLength(1);
    expect(text(sends[0].body)).toMatch(new RegExp(`^Read \\d+ of ${PEOPLE} people…`));
    expect(updates.length).toBeGreaterThanOrEqual(2);
    const progress = updates.slice(0, -1).map((u) => text(u.body));
    for (const p of progress) expect(p).toMatch(new RegExp(`^Read \\d+ of ${PEOPLE} people…`));
    const counts = [text(sends[0].body), ...progress].map((p) => Number(/^Read (\d+)/.exec(p)?.[1]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBeGreaterThan(counts[0]);
    const final = updates.at(-1)!;
    expect(final.activityId).toBe(updates[0].activityId);
    expect(text(final.body)).toContain(`${PEOPLE - 2} PATs in contoso expire in the next 14 days`);
    expect(text(final.body)).toContain('person0@contoso.example: "key-0" expires');
  });

  it('a fast run posts only the list', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    const sends = h.connector.calls.filter(
      (c) => c.conversationId === PERSONAL_ALICE.id && c.method === 'POST',
    );
    expect(h.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(0);
    expect(sends).toHaveLength(1);
    expect(text(sends[0].body)).toContain('PATs in contoso expire in the next 14 days');
  });
});
