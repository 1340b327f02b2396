/**
 * Attack: unmatched or malformed Slack interactions (unknown action_id, garbage values, shortcuts,
 * message actions, unknown view callbacks, JSON posted as a form, a non-JSON `payload`, missing
 * fields), correctly signed, through real HTTP and the real Bolt receiver. None may get a 500:
 * an ack (200), 404 for what patbot does not handle, or 400 for what is not a Slack payload.
 * The generator is seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { ACTION } from '../../../src/channels/slack/action-ids';
import { signedHeaders } from '../../../src/sandbox/slack/slack-signing';
import { SIGNING_SECRET, startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness';

const FORM = 'application/x-www-form-urlencoded';
const SEED = 20261203;
const RUNS = 1000;

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const knownActions = Object.values(ACTION);
const actionId = fc.oneof(fc.constantFrom(...knownActions), fc.string({ maxLength: 30 }), junk);
/** Mostly well-formed, sometimes junk: both unmatched-but-valid and malformed payloads occur. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: junk as fc.Arbitrary<unknown> });
const user = mostly(fc.record({ id: fc.constantFrom('UALICE', 'UBOB', 'UNEW'), team_id: fc.constant(TEAM) }));
const team = mostly(fc.record({ id: fc.constant(TEAM) }));

const blockActions = fc.record(
  {
    type: fc.constant('block_actions'),
    team,
    user,
    api_app_id: fc.constant('A1'),
    trigger_id: fc.string({ maxLength: 10 }),
    container: maybe(
      fc.oneof(
        fc.record({
          type: fc.constant('message'),
          channel_id: fc.constant('C1'),
          is_ephemeral: fc.boolean(),
        }),
        fc.record({ type: fc.constant('view'), view_id: fc.string({ maxLength: 5 }) }),
      ),
    ),
    response_url: maybe(fc.oneof(fc.webUrl(), junk)),
    channel: maybe(fc.record({ id: fc.constant('C1') })),
    actions: mostly(
      fc.array(
        fc.record(
          {
            type: mostly(fc.constantFrom('button', 'datepicker', 'static_select')),
            action_id: actionId,
            block_id: maybe(fc.string({ maxLength: 10 })),
            value: maybe(junk),
            action_ts: fc.constant('1.2'),
          },
          { requiredKeys: ['type'] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    message: maybe(fc.constant({ type: 'message', ts: '1.2', blocks: [] })),
  },
  { requiredKeys: ['type'] },
);

const shortcut = fc.record(
  {
    type: fc.constantFrom('shortcut', 'message_action'),
    callback_id: mostly(fc.string({ minLength: 1, maxLength: 20 })),
    team,
    user,
    trigger_id: fc.string({ maxLength: 10 }),
    channel: mostly(fc.record({ id: fc.constant('C1') })),
    message: maybe(junk),
    response_url: maybe(fc.oneof(fc.webUrl(), junk)),
  },
  { requiredKeys: ['type'] },
);

const viewPayload = fc.record(
  {
    type: fc.constantFrom('view_submission', 'view_closed'),
    team,
    user,
    view: mostly(
      fc.record({
        id: fc.string({ maxLength: 5 }),
        callback_id: fc.oneof(fc.constant('pat_renew_modal'), fc.string({ maxLength: 20 }), junk),
        private_metadata: fc.oneof(fc.string({ maxLength: 40 }), junk),
        state: fc.oneof(fc.record({ values: fc.oneof(fc.constant({}), junk) }), junk),
      }),
    ),
  },
  { requiredKeys: ['type'] },
);

const oddType = fc.record(
  { type: fc.oneof(fc.string({ maxLength: 20 }), junk), team, user },
  { requiredKeys: [] },
);

/** One request body (already form-encoded), with what it is for the assertion message. */
const bodies: fc.Arbitrary<{ what: string; body: string }> = fc
  .oneof(
    { weight: 4, arbitrary: blockActions.map((p) => ({ what: 'block_actions', payload: p })) },
    { weight: 2, arbitrary: shortcut.map((p) => ({ what: 'shortcut', payload: p })) },
    { weight: 2, arbitrary: viewPayload.map((p) => ({ what: 'view', payload: p })) },
    { weight: 1, arbitrary: oddType.map((p) => ({ what: 'odd type', payload: p })) },
    { weight: 1, arbitrary: junk.map((p) => ({ what: 'not an object', payload: p })) },
  )
  .map((x) => ({
    what: x.what,
    body: new URLSearchParams({ payload: JSON.stringify(x.payload) }).toString(),
  }));

const rawBodies: fc.Arbitrary<{ what: string; body: string }> = fc.oneof(
  // JSON posted with the form content type (no `payload=` field)
  fc.json().map((j) => ({ what: 'json as form', body: j })),
  // A `payload` that is not JSON
  fc.string({ maxLength: 40 }).map((s) => ({
    what: 'non-JSON payload',
    body: new URLSearchParams({ payload: `{${s}` }).toString(),
  })),
  // Form fields without a payload or command
  fc
    .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 })
    .map((d) => ({ what: 'bare form', body: new URLSearchParams(d).toString() })),
);

describe('Slack interaction fuzz through POST /slack/events', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness({ unhandledRequestTimeoutMillis: 3001 });
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());

  it(`answers ${RUNS} seeded malformed interactions with 200, 404 or 400, never 500`, async () => {
    const cases = [
      ...fc.sample(bodies, { seed: SEED, numRuns: Math.round(RUNS * 0.8) }),
      ...fc.sample(rawBodies, { seed: SEED + 1, numRuns: Math.round(RUNS * 0.2) }),
    ];
    expect(cases).toHaveLength(RUNS);
    const answers: Array<{ what: string; body: string; status: number }> = [];
    const queue = [...cases];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const res = await h.post(c.body, { 'content-type': FORM, ...signedHeaders(c.body, SIGNING_SECRET) });
        answers.push({ ...c, status: res.status });
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const bad = answers.filter((a) => ![200, 400, 404].includes(a.status));
    expect(bad.slice(0, 5)).toEqual([]);
    // The mix reaches every outcome: acks (known buttons with garbage values), 404 (nothing
    // handles it) and 400 (not a Slack payload), so the generator really exercises Bolt.
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    expect(count(200)).toBeGreaterThan(20);
    expect(count(404)).toBeGreaterThan(100);
    expect(count(400)).toBeGreaterThan(100);
    // Nothing reached Azure DevOps or Slack on anyone's behalf.
    expect(h.ado.sim.requestCount()).toBe(0);
    expect(h.slack.responses()).toHaveLength(0);
    expect(h.logs.lines().filter((l) => l.msg === 'Bolt failed to process a Slack request')).toEqual([]);
  }, 240_000);
});

describe('Bolt errors in the log', () => {
  let h: SlackHarness;
  // No bot ids: Bolt's authorize asks the (fake) Slack API's auth.test, which we make fail.
  beforeAll(async () => {
    h = await startSlackHarness({ botId: undefined, botUserId: undefined });
  });
  afterAll(() => h.close());

  it('keeps the error object (type, message, stack) when Bolt cannot authorize a request', async () => {
    h.slack.answer('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const payload = {
      type: 'block_actions',
      team: { id: TEAM },
      user: { id: 'UALICE', team_id: TEAM },
      actions: [{ type: 'button', action_id: 'pat_page_next', value: '1' }],
      container: { type: 'message', channel_id: 'C1' },
    };
    const res = await h.interact(payload);
    expect(res.status).not.toBe(500);
    const line = h.logs.lines().find((l) => l.msg === 'unhandled Slack listener error');
    expect(line).toBeDefined();
    const err = line?.err as { type?: string; message?: string; stack?: string } | undefined;
    expect(typeof err).toBe('object');
    expect(err?.message).toMatch(/Authorization of incoming event did not succeed/);
    expect(err?.stack).toMatch(/\n\s+at /);
    expect(line?.code).toBe('slack_bolt_authorization_error');
  });
});
