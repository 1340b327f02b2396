/**
 * A bug is not a "failed" result: when the Azure DevOps client throws something that is not a
 * known failure (here a TypeError, as a malformed answer would cause), the use case rethrows it,
 * the one funnel logs it with the HTTP request's correlation id, and the error card shows the
 * reference of that same id, so support can find the log line from what the person quotes.
 */
import { errorReference } from '../../../src/errors';
import {
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  findAction,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

describe('Teams: unexpected errors', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'nightly',
      validTo: new Date(NOW.getTime() + 5 * DAY_MS),
    });
    await h.signIn(ALICE);
  });
  afterAll(async () => h.close());

  function failureLine(): Record<string, unknown> {
    const lines = h.logs.lines().filter((l) => l.msg === 'request failed unexpectedly');
    expect(lines).toHaveLength(1);
    return lines[0];
  }

  /** The id the HTTP edge gave the request (a fresh UUID: the harness sends no X-Request-Id), not the activity's. */
  function isRequestId(correlationId: string): boolean {
    const activityIds = h.connector.messages().map((m) => String((m as { replyToId?: string }).replyToId));
    return /^[0-9a-f-]{36}$/.test(correlationId) && !activityIds.includes(correlationId);
  }

  it('a command: logged once with the request id, and the card names the same reference', async () => {
    const list = h.tokensApi.list.bind(h.tokensApi);
    h.tokensApi.list = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'patTokens')");
    };
    try {
      await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    } finally {
      h.tokensApi.list = list;
    }
    const line = failureLine();
    const correlationId = String(line.correlationId);
    expect(isRequestId(correlationId)).toBe(true);
    expect(line).toMatchObject({ errorCode: 'internal', ref: errorReference(correlationId) });
    expect(JSON.stringify(line.err)).toContain('patTokens');
    const text = cardText(cardOf(h.connector.messages().at(-1)));
    expect(text).toContain('Something went wrong on my side.');
    expect(text).toContain(errorReference(correlationId));
    expect(text).not.toContain('patTokens');
  });

  it('a card action: the Renew button answers with the error card and the logged reference', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat list');
    const action = findAction(cardOf(h.connector.messages().at(-1)), '30 days', 'nightly');
    const before = h.logs.lines().length;
    const get = h.tokensApi.get.bind(h.tokensApi);
    h.tokensApi.get = async () => {
      throw new TypeError('validTo.getTime is not a function');
    };
    let answer;
    try {
      answer = await h.press(ALICE, PERSONAL_ALICE, action);
    } finally {
      h.tokensApi.get = get;
    }
    const lines = h.logs
      .lines()
      .slice(before)
      .filter((l) => l.msg === 'request failed unexpectedly');
    expect(lines).toHaveLength(1);
    const correlationId = String(lines[0].correlationId);
    expect(isRequestId(correlationId)).toBe(true);
    expect(cardText(answer.body.value)).toContain(errorReference(correlationId));
  });
});
