/**
 * Fault: Azure DevOps is slower than Teams' invoke deadline (about 5 s). A Renew or Revoke click
 * must still be answered in time, with a "still working" card, and the card must be updated
 * through the connector (PUT) when the work finishes. Real HTTP to /api/messages, the real
 * botbuilder adapter, the ADO simulator's latency injection and the fake connector on loopback.
 */
import {
  DEFAULT_CARD_ACTION_DEADLINE_MS,
  resolveTeamsSettings,
} from '../../../src/channels/teams/teams-settings';
import { actionActivity } from '../../support/teams-activity';
import {
  activityContext,
  ALICE,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const DEADLINE_MS = 800;
/** Per Azure DevOps call; a renewal makes at least three rounds of calls (list, update, list). */
const LATENCY_MS = 2000;

async function listCardFor(h: TeamsHarness, place = PERSONAL_ALICE) {
  await h.message(ALICE, place, 'pat list');
  if (place.kind === 'personal') return cardOf(h.connector.messages(place.id).at(-1));
  const neutral = cardOf(h.connector.messages().at(-1));
  return (await h.press(ALICE, place, neutral.refresh.action)).body.value;
}

async function timedPress(
  h: TeamsHarness,
  place: typeof PERSONAL_ALICE,
  action: { verb: string; data: Record<string, unknown> },
  replyToId: string,
) {
  const started = Date.now();
  const answer = await h.post(actionActivity(activityContext(h), ALICE, place, action, { replyToId }));
  return { answer, ms: Date.now() - started };
}

describe('card actions when Azure DevOps is slow', () => {
  let h: TeamsHarness;
  let slowId: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ channel: { cardActionDeadlineMs: DEADLINE_MS } });
    slowId = h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'slow-one',
      validTo: at(5),
    }).authorizationId;
    h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name: 'to-revoke', validTo: at(9) });
    h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name: 'quick-one', validTo: at(6) });
    await h.signIn(ALICE);
  });
  afterEach(() => h.ado.setLatency(0));
  afterAll(() => h.close());

  it('answers Renew with "still working" in time, then updates the card when the renewal is done', async () => {
    const card = await listCardFor(h);
    h.connector.clear();
    h.ado.setLatency(LATENCY_MS);
    const { answer, ms } = await timedPress(
      h,
      PERSONAL_ALICE,
      findAction(card, '30 days', 'slow-one'),
      'act-list-1',
    );
    expect(answer.status).toBe(200);
    // Well before Teams' deadline, and before the work could have finished (≥ 3 × LATENCY_MS).
    expect(ms).toBeLessThan(2 * LATENCY_MS);
    expect(cardText(answer.body.value)).toContain('Still working: Azure DevOps is slow to answer.');
    expect(cardText(answer.body.value)).toContain("I'll update this card when it's done.");
    expect(h.ado.getPat(slowId)?.validTo.getTime()).toBe(at(5).getTime());

    await h.channel.idle();
    const updates = h.connector.calls.filter((c) => c.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      method: 'PUT',
      conversationId: PERSONAL_ALICE.id,
      activityId: 'act-list-1',
    });
    const updated = cardText(cardOf(updates[0].body));
    expect(updated).toMatch(/Renewed `?slow-one`?/);
    expect(h.ado.getPat(slowId)?.validTo.getTime()).toBeGreaterThan(at(29).getTime());
  }, 30_000);

  it('asks Revoke… at once from the kept list, and a slow Yes answers in time and updates the card', async () => {
    const card = await listCardFor(h);
    h.connector.clear();
    h.ado.setLatency(LATENCY_MS);
    h.ado.resetRequests();
    const asked = await timedPress(h, PERSONAL_ALICE, findAction(card, 'Revoke…', 'to-revoke'), 'act-list-2');
    // The question needs no Azure DevOps call: the card's kept list names the PAT.
    expect(asked.ms).toBeLessThan(LATENCY_MS);
    expect(h.ado.requestCount()).toBe(0);
    expect(cardText(asked.answer.body.value)).toContain('Revoke `to-revoke` in contoso?');
    const { answer, ms } = await timedPress(
      h,
      PERSONAL_ALICE,
      findAction(asked.answer.body.value, 'Revoke'),
      'act-list-2',
    );
    expect(ms).toBeLessThan(LATENCY_MS);
    expect(cardText(answer.body.value)).toContain('Still working');
    await h.channel.idle();
    const update = h.connector.calls.find((c) => c.kind === 'update');
    expect(update?.activityId).toBe('act-list-2');
    expect(cardText(cardOf(update?.body))).toContain('Revoked `to-revoke` in contoso.');
    expect(cardText(cardOf(update?.body))).toContain('slow-one');
  }, 30_000);

  it('in a channel, does not replace the shared card: offers "Show my PATs" instead', async () => {
    const card = await listCardFor(h, CHANNEL);
    h.connector.clear();
    h.ado.setLatency(LATENCY_MS);
    const { answer, ms } = await timedPress(
      h,
      CHANNEL,
      findAction(card, 'Renew 90 days', 'slow-one'),
      'act-channel',
    );
    expect(ms).toBeLessThan(2 * LATENCY_MS);
    expect(cardText(answer.body.value)).toContain('Still working');
    expect(findAction(answer.body.value, 'Show my PATs').verb).toBe('pat.list');
    await h.channel.idle();
    expect(h.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(0);
  }, 30_000);

  it('answers as usual (no "still working") when Azure DevOps is quick', async () => {
    const card = await listCardFor(h);
    h.connector.clear();
    const { answer } = await timedPress(
      h,
      PERSONAL_ALICE,
      findAction(card, '30 days', 'quick-one'),
      'act-list-3',
    );
    expect(cardText(answer.body.value)).toMatch(/Renewed `?quick-one/);
    await h.channel.idle();
    expect(h.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(0);
  });
});

describe('production deadline', () => {
  it('answers "still working" before Teams gives up (~5 s) by default', () => {
    expect(DEFAULT_CARD_ACTION_DEADLINE_MS).toBeLessThan(5000);
    expect(DEFAULT_CARD_ACTION_DEADLINE_MS).toBeGreaterThanOrEqual(2000);
  });

  it('uses it when nothing else is configured, with the real harness answering a 6 s call in under 5.5 s', async () => {
    const h = await startTeamsHarness();
    try {
      expect(h.channel.settings.cardActionDeadlineMs).toBe(DEFAULT_CARD_ACTION_DEADLINE_MS);
      expect(resolveTeamsSettings(h.config).cardActionDeadlineMs).toBe(DEFAULT_CARD_ACTION_DEADLINE_MS);
      h.ado.addPat({ ownerOid: ALICE.oid, org: 'contoso', name: 'default-deadline', validTo: at(5) });
      await h.signIn(ALICE);
      const card = await listCardFor(h);
      h.ado.inject({ latencyMs: 6000, match: { method: 'GET' }, times: 2 });
      const { answer, ms } = await timedPress(
        h,
        PERSONAL_ALICE,
        findAction(card, '30 days', 'default-deadline'),
        'act-d',
      );
      expect(cardText(answer.body.value)).toContain('Still working');
      expect(ms).toBeGreaterThanOrEqual(DEFAULT_CARD_ACTION_DEADLINE_MS - 50);
      expect(ms).toBeLessThan(5500);
      await h.channel.idle();
      expect(h.connector.calls.some((c) => c.kind === 'update' && c.activityId === 'act-d')).toBe(true);
    } finally {
      await h.close();
    }
  }, 40_000);
});
