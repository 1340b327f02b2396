/**
 * A bug is not a "failed" result in Slack either: the use case rethrows it, the one funnel logs
 * it with the HTTP request's correlation id, and the reply shows the reference of that same id.
 */
import { errorReference } from '../../../src/errors';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

describe('Slack: unexpected errors', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    await h.link('UALICE', h.ado.alice);
  });
  afterAll(() => h.close());

  it('/pat list with a broken client: one log line with the request id, the same reference in the reply', async () => {
    const api = h.deps.tokensApi;
    const list = api.list.bind(api);
    api.list = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'patTokens')");
    };
    let reply;
    try {
      const res = await h.command('list', { user: 'UALICE' });
      [reply] = await h.slack.waitFor(() => {
        const r = h.slack.responses(res.responseId);
        return r.length > 0 && r;
      });
    } finally {
      api.list = list;
    }
    const lines = h.logs.lines().filter((l) => l.msg === 'request failed unexpectedly');
    expect(lines).toHaveLength(1);
    const correlationId = String(lines[0].correlationId);
    // The HTTP edge's id for this request (a UUID: the harness sends no X-Request-Id), not a
    // locally made `slack-…` one.
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]).toMatchObject({ errorCode: 'internal', ref: errorReference(correlationId) });
    const shown = JSON.stringify(reply.body);
    expect(shown).toContain('Something went wrong on my side.');
    expect(shown).toContain(errorReference(correlationId));
    expect(shown).not.toContain('patTokens');
  });
});
