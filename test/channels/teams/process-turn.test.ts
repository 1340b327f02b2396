/**
 * `processTurn`: botbuilder's `CloudAdapter.process` steps without its per-request zod schemas,
 * around an adapter whose `processActivity` is recorded (the real adapter runs end to end in
 * hosting-auth.test.ts, sso.test.ts and list.test.ts): timestamps fixed as botbuilder does,
 * the Authorization header passed on, invoke responses answered, 401 / 500 on failures.
 */
import type { ServerResponse } from 'node:http';
import type { Activity, InvokeResponse } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationError } from 'botframework-connector';
import { botResponse } from '../../../src/channels/teams/bot-response';
import { processTurn } from '../../../src/channels/teams/process-turn';
import { captureLogger } from '../../support/capture-logger';

function fakeResponse() {
  const out: { status?: number; body?: string } = {};
  const res = {
    headersSent: false,
    writableEnded: false,
    writeHead(status: number) {
      out.status = status;
    },
    end(body?: string) {
      out.body = body;
    },
  } as unknown as ServerResponse;
  return { out, response: botResponse(res) };
}

function adapterThat(answer: (auth: string, activity: Activity) => Promise<InvokeResponse | undefined>) {
  const seen: { auth: string; activity: Activity }[] = [];
  const adapter = {
    async processActivity(auth: string, activity: Activity) {
      seen.push({ auth, activity });
      return answer(auth, activity);
    },
  } as unknown as TeamsAdapter;
  return { adapter, seen };
}

const body = () => ({
  type: 'invoke',
  serviceUrl: 'https://smba.example/',
  conversation: { id: 'c1' },
  from: { id: 'u1' },
  timestamp: '2026-12-03T10:00:00.000Z',
  localTimestamp: '2026-12-03T11:00:00.000+01:00',
});

describe('processTurn', () => {
  it('passes the Authorization header and the activity with Date timestamps (raw text kept); answers the invoke response', async () => {
    const { adapter, seen } = adapterThat(async () => ({ status: 412, body: { consent: true } }));
    const { out, response } = fakeResponse();
    await processTurn(
      adapter,
      { headers: { authorization: 'Bearer abc' }, body: body() },
      response,
      async () => {},
    );
    expect(seen[0].auth).toBe('Bearer abc');
    const activity = seen[0].activity as Activity & Record<string, unknown>;
    expect(activity.timestamp).toEqual(new Date('2026-12-03T10:00:00.000Z'));
    expect(activity.rawTimestamp).toBe('2026-12-03T10:00:00.000Z');
    expect(activity.localTimestamp).toEqual(new Date('2026-12-03T10:00:00.000Z'));
    expect(activity.rawLocalTimestamp).toBe('2026-12-03T11:00:00.000+01:00');
    expect(activity.expiration).toBeUndefined();
    expect(out).toEqual({ status: 412, body: JSON.stringify({ consent: true }) });
  });

  it('answers 200 with no body when the turn returns nothing; an absent header is empty', async () => {
    const { adapter, seen } = adapterThat(async () => undefined);
    const { out, response } = fakeResponse();
    await processTurn(adapter, { headers: {}, body: body() }, response, async () => {});
    expect(seen[0].auth).toBe('');
    expect(out).toEqual({ status: 200, body: undefined });
  });

  it('an authentication failure is 401, anything else 500, both logged without the header', async () => {
    const logs = captureLogger();
    for (const [error, status] of [
      [new AuthenticationError('Unauthorized. Invalid AppId passed on token: x', 401), 401],
      [new Error('boom'), 500],
    ] as const) {
      const { adapter } = adapterThat(async () => {
        throw error;
      });
      const { out, response } = fakeResponse();
      await processTurn(
        adapter,
        { headers: { authorization: 'Bearer s3cr3t-token' }, body: body(), log: logs.logger },
        response,
        async () => {},
      );
      expect(out.status).toBe(status);
      expect(JSON.parse(out.body ?? '{}')).toMatchObject({
        error: status === 401 ? 'unauthorized' : 'internal',
      });
    }
    expect(logs.lines().map((l) => l.msg)).toEqual([
      'Teams request refused: not authenticated',
      'Teams turn failed',
    ]);
    expect(JSON.stringify(logs.lines())).not.toContain('s3cr3t-token');
  });
});
