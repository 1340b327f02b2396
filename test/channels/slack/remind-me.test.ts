import { parseCommand } from '../../../src/core/commands/parse-command';
import { helpEntries } from '../../../src/core/commands/help-entries';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

describe('pat remind me: parsing and help', () => {
  it('reads `remind me` (and `remind`) and refuses extra words', () => {
    expect(parseCommand('pat remind me')).toEqual({ kind: 'remind' });
    expect(parseCommand('remind me', { implicitPat: true })).toEqual({ kind: 'remind' });
    expect(parseCommand('Remind')).toEqual({ kind: 'remind' });
    expect(parseCommand('pat remind me now')).toMatchObject({ kind: 'invalid', code: 'input.invalid' });
    expect(parseCommand('pat remnd me')).toMatchObject({ kind: 'invalid', suggestion: 'pat remind me' });
  });

  it('is in the help only in sandbox mode', () => {
    expect(helpEntries().map((e) => e.usage)).not.toContain('pat remind me');
    expect(helpEntries({ sandbox: true, prefix: '/pat' }).map((e) => e.usage)).toContain('/pat remind me');
  });
});

describe('/pat remind me where the composition root gives no remindNow (outside sandbox)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(() => h.close());

  it('says it is only for the sandbox, and sweeps nothing', async () => {
    const sent = await h.command('remind me');
    expect(sent.status).toBe(200);
    const reply = await h.slack.waitFor(() => h.slack.responses(sent.responseId)[0]);
    expect(JSON.stringify(reply.body)).toContain('only for trying patbot in sandbox mode');
    expect(h.slack.calls('chat.postMessage')).toEqual([]);
  });
});
