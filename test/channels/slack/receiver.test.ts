/** The Slack Request URL: Bolt's verification plus the both-ways window, content types, ack. */
import { commandForm, interactiveForm, signedHeaders } from '../../../src/sandbox/slack/slack-signing';
import { SIGNING_SECRET, startSlackHarness, TEAM, type SlackHarness } from '../../support/slack-harness';

const FORM = 'application/x-www-form-urlencoded';
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe('Slack receiver at POST /slack/events', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    await h.link('UALICE', h.ado.alice);
    h.ado.sim.addPat({
      ownerOid: h.ado.alice.oid,
      org: 'contoso',
      name: 'nightly',
      validTo: new Date('2026-12-20T00:00:00Z'),
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.slack.reset();
    h.ado.sim.resetRequests();
  });

  const listBody = () =>
    commandForm({
      text: 'list',
      team_id: TEAM,
      user_id: 'UALICE',
      channel_id: 'C1',
      response_url: h.slack.responseUrl(),
      trigger_id: 't',
    });

  async function expectNoHandlerRan(): Promise<void> {
    await settle();
    expect(h.slack.responses()).toHaveLength(0);
    expect(h.slack.calls()).toHaveLength(0);
    expect(h.ado.sim.requestCount()).toBe(0);
  }

  it('runs a correctly signed command (control for the refusals below)', async () => {
    const body = listBody();
    const res = await h.post(body, { 'content-type': FORM, ...signedHeaders(body, SIGNING_SECRET) });
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses().length > 0);
    expect(h.ado.sim.requestCount()).toBeGreaterThan(0);
  });

  it('refuses a forged signature with 401 and runs no handler', async () => {
    const body = listBody();
    const headers = signedHeaders(body, 'not-the-secret');
    const res = await h.post(body, { 'content-type': FORM, ...headers });
    expect(res.status).toBe(401);
    await expectNoHandlerRan();
  });

  it('refuses a body changed after signing', async () => {
    const body = listBody();
    const headers = signedHeaders(body, SIGNING_SECRET);
    const res = await h.post(body.replace('text=list', 'text=revoke+nightly'), {
      'content-type': FORM,
      ...headers,
    });
    expect(res.status).toBe(401);
    await expectNoHandlerRan();
  });

  it('refuses a stale timestamp (more than 5 minutes old) with 401', async () => {
    const body = listBody();
    const ts = Math.floor(Date.now() / 1000) - 301;
    const res = await h.post(body, { 'content-type': FORM, ...signedHeaders(body, SIGNING_SECRET, ts) });
    expect(res.status).toBe(401);
    await expectNoHandlerRan();
  });

  it('refuses a future timestamp (more than 5 minutes ahead) with 401, which Bolt alone accepts', async () => {
    const body = listBody();
    const ts = Math.floor(Date.now() / 1000) + 301;
    const res = await h.post(body, { 'content-type': FORM, ...signedHeaders(body, SIGNING_SECRET, ts) });
    expect(res.status).toBe(401);
    await expectNoHandlerRan();
  });

  it('accepts a timestamp 4 minutes ahead (inside the window)', async () => {
    const body = commandForm({
      text: 'help',
      team_id: TEAM,
      user_id: 'UALICE',
      channel_id: 'C1',
      response_url: h.slack.responseUrl(),
    });
    const ts = Math.floor(Date.now() / 1000) + 240;
    const res = await h.post(body, { 'content-type': FORM, ...signedHeaders(body, SIGNING_SECRET, ts) });
    expect(res.status).toBe(200);
  });

  it('refuses a missing timestamp header with 401', async () => {
    const body = listBody();
    const { 'x-slack-signature': sig } = signedHeaders(body, SIGNING_SECRET);
    const res = await h.post(body, { 'content-type': FORM, 'x-slack-signature': sig });
    expect(res.status).toBe(401);
    await expectNoHandlerRan();
  });

  it.each([
    ['application/x-www-form-urlencoded; charset=utf-8'],
    ['text/plain'],
    ['multipart/form-data; boundary=x'],
  ])('answers 400 to a signed body sent as %s', async (type) => {
    const body = listBody();
    const res = await h.post(body, { 'content-type': type, ...signedHeaders(body, SIGNING_SECRET) });
    expect(res.status).toBe(400);
    await expectNoHandlerRan();
  });

  it('answers 400 to a signed JSON event sent as text/plain (Bolt alone would parse and dispatch it)', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: TEAM,
      event: { type: 'app_home_opened', user: 'UALICE', tab: 'home' },
    });
    const res = await h.post(body, { 'content-type': 'text/plain', ...signedHeaders(body, SIGNING_SECRET) });
    expect(res.status).toBe(400);
    await expectNoHandlerRan();
  });

  it('answers the url_verification challenge', async () => {
    const res = await h.event({ type: 'url_verification', token: 'x', challenge: 'chal-123' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'chal-123' });
  });

  it('answers ssl_check without a signature, and ignores a smuggled payload', async () => {
    const smuggled = `ssl_check=1&token=x&${interactiveForm({ type: 'block_actions', user: { id: 'UALICE' } })}`;
    const res = await h.post(smuggled, { 'content-type': FORM });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await expectNoHandlerRan();
  });

  it('turns a string rawBody (restify bodyParser) into a Buffer before verifying', async () => {
    const { SlackReceiver } = await import('../../../src/channels/slack/slack-receiver');
    const { toBoltLogger } = await import('../../../src/channels/slack/bolt-logger');
    const receiver = new SlackReceiver({
      signingSecret: SIGNING_SECRET,
      logger: toBoltLogger(h.logs.logger),
    });
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c2' });
    const headers = { 'content-type': 'application/json', ...signedHeaders(body, SIGNING_SECRET) };
    const written: { status?: number; body?: string } = {};
    const res = {
      headersSent: false,
      writeHead(status: number) {
        written.status = status;
        return this;
      },
      end(chunk?: string) {
        written.body = chunk;
      },
    };
    const verdict = await receiver.handle({ headers, rawBody: body } as never, res as never);
    expect(verdict).toBe('url_verification');
    expect(written.status).toBe(200);
    expect(JSON.parse(written.body ?? '{}')).toEqual({ challenge: 'c2' });
  });
});
