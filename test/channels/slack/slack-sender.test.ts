/** A 429 on one channel delays that channel only; retries are bounded. Real HTTP, fake Slack. */
import { WebClient } from '@slack/web-api';
import { SlackSender } from '../../../src/channels/slack/slack-sender';
import { isCodedError } from '../../../src/errors';
import { captureLogger } from '../../support/capture-logger';
import { startFakeSlackApi, type FakeSlackApi } from '../../../src/sandbox/slack/fake-web-api';
import { tempDb } from '../../store/support/temp-db';

describe('SlackSender', () => {
  let slack: FakeSlackApi;
  let sender: SlackSender;
  const logs = captureLogger();

  beforeAll(async () => {
    slack = await startFakeSlackApi();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.reset();
    const client = new WebClient('fake-slack-bot-token', {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    sender = new SlackSender(client, { logger: logs.logger, maxAttempts: 3 });
  });

  it('delays only the rate-limited channel, then delivers it after Retry-After', async () => {
    slack.rateLimit({ method: 'chat.postMessage', channel: 'CHOT', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const hot = sender.postMessage({ channel: 'CHOT', text: 'one' }).then(() => Date.now() - started);
    await new Promise((r) => setTimeout(r, 100)); // the 429 has been answered
    const cool = await sender.postMessage({ channel: 'CCOOL', text: 'two' }).then(() => Date.now() - started);
    const hotLater = await sender
      .postMessage({ channel: 'CHOT', text: 'three' })
      .then(() => Date.now() - started);
    const hotMs = await hot;
    expect(cool).toBeLessThan(800);
    expect(hotMs).toBeGreaterThanOrEqual(1000);
    expect(hotLater).toBeGreaterThanOrEqual(hotMs);
    const hotCalls = slack.calls('chat.postMessage').filter((c) => c.args.channel === 'CHOT');
    expect(hotCalls.map((c) => c.status)).toEqual([429, 200, 200]);
    // FIFO per channel: 'one' was delivered before 'three'.
    expect(hotCalls.filter((c) => c.status === 200).map((c) => c.args.text)).toEqual(['one', 'three']);
    expect(
      logs
        .lines()
        .some((l) => l.msg === 'Slack rate-limited this channel; delaying it' && l.key === 'chat:CHOT'),
    ).toBe(true);
  });

  it('shares a channel pause with another instance through the store', async () => {
    const db = tempDb();
    try {
      const client = (): WebClient =>
        new WebClient('fake-slack-bot-token', {
          slackApiUrl: slack.apiUrl,
          rejectRateLimitedCalls: true,
          retryConfig: { retries: 0 },
        });
      const a = new SlackSender(client(), { logger: logs.logger, pauses: (await db.open()).ephemeral });
      const b = new SlackSender(client(), { logger: logs.logger, pauses: (await db.open()).ephemeral });
      slack.rateLimit({ method: 'chat.postMessage', channel: 'CSHARED', retryAfterSeconds: 1, times: 1 });
      const started = Date.now();
      const onA = a.postMessage({ channel: 'CSHARED', text: 'from A' });
      await new Promise((r) => setTimeout(r, 150)); // A has had its 429
      const bMs = await b
        .postMessage({ channel: 'CSHARED', text: 'from B' })
        .then(() => Date.now() - started);
      await onA;
      // B never drew a 429 of its own: it waited out A's pause.
      expect(slack.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200, 200]);
      expect(bMs).toBeGreaterThanOrEqual(900);
    } finally {
      await db.cleanup();
    }
  });

  it("reads the shared pause once per key and second, and still sees another instance's new pause", async () => {
    const db = tempDb();
    try {
      const client = (): WebClient =>
        new WebClient('fake-slack-bot-token', {
          slackApiUrl: slack.apiUrl,
          rejectRateLimitedCalls: true,
          retryConfig: { retries: 0 },
        });
      const store = (await db.open()).ephemeral;
      const reads: string[] = [];
      const counting = { ...store, get: (key: string, now: Date) => (reads.push(key), store.get(key, now)) };
      const a = new SlackSender(client(), { logger: logs.logger, pauses: (await db.open()).ephemeral });
      const b = new SlackSender(client(), { logger: logs.logger, pauses: counting, sharedReadMs: 300 });
      for (const text of ['1', '2', '3', '4', '5']) await b.postMessage({ channel: 'CBURST', text });
      await b.postMessage({ channel: 'COTHER', text: '6' });
      expect(reads).toEqual(['slack-pause:chat:CBURST', 'slack-pause:chat:COTHER']);

      // A draws a 429 on CBURST; once B's read is older than 300 ms, B waits out A's pause.
      slack.rateLimit({ method: 'chat.postMessage', channel: 'CBURST', retryAfterSeconds: 1, times: 1 });
      const onA = a.postMessage({ channel: 'CBURST', text: 'from A' });
      await new Promise((r) => setTimeout(r, 350));
      const started = Date.now();
      await b.postMessage({ channel: 'CBURST', text: 'from B' });
      await onA;
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      const statuses = slack.calls('chat.postMessage').map((c) => c.status);
      expect(statuses.filter((x) => x === 429)).toHaveLength(1);
      expect(reads.filter((k) => k === 'slack-pause:chat:CBURST')).toHaveLength(2);
    } finally {
      await db.cleanup();
    }
  });

  it('gives up after a bounded number of attempts with chat.throttled', async () => {
    slack.rateLimit({ method: 'chat.postMessage', channel: 'CSTUCK', retryAfterSeconds: 0, times: 10 });
    const error = await sender.postMessage({ channel: 'CSTUCK', text: 'x' }).catch((e: unknown) => e);
    expect(isCodedError(error) && error.code).toBe('chat.throttled');
    expect(slack.calls('chat.postMessage')).toHaveLength(3);
    // The queue keeps working afterwards.
    await expect(sender.postMessage({ channel: 'COK', text: 'y' })).resolves.toMatchObject({ ok: true });
  });

  it('does not wait for a Retry-After longer than the limit', async () => {
    const client = new WebClient('fake-slack-bot-token', {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    const impatient = new SlackSender(client, { logger: logs.logger, maxRetryAfterSeconds: 5 });
    slack.rateLimit({ method: 'chat.postMessage', channel: 'CLONG', retryAfterSeconds: 600, times: 1 });
    const started = Date.now();
    const error = await impatient.postMessage({ channel: 'CLONG', text: 'x' }).catch((e: unknown) => e);
    expect(isCodedError(error) && error.retryAfterSeconds).toBe(600);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry platform errors', async () => {
    slack.answer('chat.postMessage', () => ({ ok: false, error: 'channel_not_found' }));
    await expect(sender.postMessage({ channel: 'CGONE', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
    });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    slack.answer('chat.postMessage', (a) => ({ channel: a.channel, ts: '1.1' }));
  });
});
