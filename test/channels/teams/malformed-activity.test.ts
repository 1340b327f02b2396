/**
 * Attack: malformed activities at POST /api/messages (`{}`, no type, no conversation, …), through
 * real HTTP and the real botbuilder adapter. Each gets 400 with a coded body; the log has a
 * warning with the field, never an error or a botbuilder stack.
 */
import {
  activityContext,
  ALICE,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { messageActivity } from '../../support/teams-activity';

describe.each([
  ['sandbox (no BOT_ID)', false],
  ['with BOT_ID and a valid channel token', true],
])('malformed activities, %s', (_name, auth) => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ auth });
  });
  afterAll(() => h.close());

  const good = () => messageActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'pat help');
  const without = (key: string) => {
    const a: Record<string, unknown> = { ...good() };
    delete a[key];
    return a;
  };
  const cases: Array<[string, () => Record<string, unknown>]> = [
    ['{}', () => ({})],
    ['no type', () => without('type')],
    ['a numeric type', () => ({ ...good(), type: 42 })],
    ['no conversation', () => without('conversation')],
    ['a conversation without id', () => ({ ...good(), conversation: { conversationType: 'personal' } })],
    ['no serviceUrl', () => without('serviceUrl')],
    ['no from', () => without('from')],
    ['from as a string', () => ({ ...good(), from: 'alice' })],
  ];

  it.each(cases)('%s gets 400 with a coded error body and no stack in the logs', async (_what, make) => {
    const before = h.logs.lines().length;
    const answer = await h.post(make() as never);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: 'bad_request',
      message: expect.stringMatching(/Bot Framework activity/),
    });
    const logged = h.logs.lines().slice(before);
    expect(logged.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(JSON.stringify(logged)).not.toMatch(/\bat .*node_modules|botbuilder|"stack"/);
    expect(logged.some((l) => l.msg === 'Teams activity refused: malformed')).toBe(true);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('still answers a well-formed activity (control)', async () => {
    const answer = await h.post(good());
    expect(answer.status).toBe(200);
  });
});
