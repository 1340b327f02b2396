/**
 * Handlers log through the request's logger (probot's `context.log`): a line a Teams turn or a
 * Slack listener writes carries the correlation id the HTTP edge gave that request
 * (`x-request-id`), so one request's lines can be found together.
 */
import { ACTION } from '../../src/channels/slack/action-ids';
import { interactiveForm, signedHeaders } from '../../src/sandbox/slack/slack-signing';
import { buttonClick, SIGNING_SECRET, startSlackHarness, type SlackHarness } from '../support/slack-harness';
import {
  activityContext,
  ALICE,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness';
import { messageActivity } from '../support/teams-activity';

const linesWith = (lines: Array<Record<string, unknown>>, msg: string) => lines.filter((l) => l.msg === msg);

describe('Teams: a turn logs with the request correlation id', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(() => h.close());

  it('the turn gate refusal carries the x-request-id of its request', async () => {
    const activity = messageActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'pat list');
    delete (activity.from as Record<string, unknown>).aadObjectId;
    const answer = await h.post(activity, { headers: { 'x-request-id': 'req-teams-gate-1' } });
    expect(answer.status).toBe(200);
    const refused = linesWith(h.logs.lines(), 'Teams activity refused before any handler');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      correlationId: 'req-teams-gate-1',
      component: 'teams',
      code: 'auth.no_identity',
    });
  });
});

describe('Slack: the receiver and listeners log with the request correlation id', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(() => h.close());

  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('a refused signature is logged with its request id', async () => {
    const body = interactiveForm(buttonClick({ user: 'UALICE', actionId: ACTION.cancel, value: 'x' }));
    const headers = {
      ...form,
      ...signedHeaders(body, 'not-the-signing-secret'),
      'x-request-id': 'req-slack-sig-1',
    };
    expect((await h.post(body, headers)).status).toBe(401);
    const refused = linesWith(h.logs.lines(), 'Slack request refused: signature verification failed');
    expect(refused.map((l) => l.correlationId)).toEqual(['req-slack-sig-1']);
  });

  it("a button listener's refusal is logged with its request id", async () => {
    const body = interactiveForm(buttonClick({ user: 'UALICE', actionId: ACTION.cancel, value: 'tampered' }));
    const headers = { ...form, ...signedHeaders(body, SIGNING_SECRET), 'x-request-id': 'req-slack-button-1' };
    expect((await h.post(body, headers)).status).toBe(200);
    const refused = linesWith(h.logs.lines(), 'Slack button refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ correlationId: 'req-slack-button-1', action: ACTION.cancel });
  });
});
