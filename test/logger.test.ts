import { scrubText } from '../src/logger';
import { captureLogger } from './support/capture-logger';
import { duplicateJsonKeys } from './support/json-keys';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJvaWQiOiIxMjM0NTY3ODkwIiwic2NwIjoidnNvLnBhdHMifQ.c2lnbmF0dXJlLXBhcnQtaGVyZQ';
const PAT84 = 'A'.repeat(40) + 'b'.repeat(36) + 'AZDO' + 'x1Y2';
const PAT52 = 'dip55dwf4vpitomw63jzvomefmi2jluguprzwwqwuc6xq4fhocwq';

describe('logger', () => {
  it('redacts secrets by key, at any depth it is told about', () => {
    const { logger, text } = captureLogger();
    logger.info(
      {
        headers: { authorization: 'Bearer abc.def.ghi' },
        accessToken: 'at-value-1',
        nested: { refreshToken: 'rt-value-2', clientSecret: 'cs-value-3' },
        slack: { botToken: 'bt-value-4' },
      },
      'calling out',
    );
    const out = text();
    for (const secret of ['abc.def.ghi', 'at-value-1', 'rt-value-2', 'cs-value-3', 'bt-value-4'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    expect(out).toContain('calling out');
  });

  it('masks secret-shaped strings wherever they appear', () => {
    const { logger, text } = captureLogger();
    logger.warn(
      { detail: `got ${JWT} back`, list: [PAT84], deep: { a: { b: `pat ${PAT52}` } } },
      `slack xoxb-123456-abcdef`,
    );
    logger.error(`Authorization: Basic ${Buffer.from(':' + PAT52).toString('base64')}`);
    const out = text();
    expect(out).not.toContain(JWT);
    expect(out).not.toContain(PAT84);
    expect(out).not.toContain(PAT52);
    expect(out).not.toContain('xoxb-123456-abcdef');
    expect(out).toContain('[redacted:jwt]');
    expect(out).toContain('[redacted:pat]');
    expect(out).toContain('[redacted:slack-token]');
    expect(out).toMatch(/Basic \[redacted\]/);
  });

  it('leaves ordinary text alone', () => {
    expect(scrubText('Renewed build-agent until Tue 3 Dec 2026 (org contoso)')).toBe(
      'Renewed build-agent until Tue 3 Dec 2026 (org contoso)',
    );
  });

  it('carries a correlation id on child loggers', () => {
    const { logger, lines } = captureLogger();
    logger.child({ correlationId: 'c-42' }).info('turn');
    expect(lines()[0]).toMatchObject({ correlationId: 'c-42', msg: 'turn', app: 'patbot' });
  });
});

describe('logger and error codes', () => {
  it('keeps our stable error codes visible but masks Entra authorization codes', () => {
    const { logger, text } = captureLogger();
    logger.warn({ code: 'ado.throttled', detail: `redeeming 0.AXoA${'x'.repeat(60)}` }, 'retrying');
    expect(text()).toContain('"code":"ado.throttled"');
    expect(text()).toContain('[redacted:auth-code]');
    expect(text()).not.toContain('x'.repeat(60));
  });
});

describe('logger and errors', () => {
  it('scrubs secrets inside logged errors: message, stack and custom fields', () => {
    const { logger, text } = captureLogger();
    const err = Object.assign(new Error(`token endpoint said ${JWT}`), {
      details: { body: `Bearer ${PAT52}` },
    });
    logger.error({ err }, 'exchange failed');
    const out = text();
    expect(out).toContain('exchange failed');
    expect(out).toContain('[redacted:jwt]');
    expect(out).not.toContain(JWT);
    expect(out).not.toContain(PAT52);
  });
});

describe('log line shape', () => {
  it('writes ISO 8601 timestamps', () => {
    const { logger, lines } = captureLogger();
    logger.info('hello');
    expect(lines()[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('a child binding a key its parent bound replaces it: one key per line, the inner value', () => {
    const { logger, text, lines } = captureLogger();
    logger.child({ component: 'reminders', a: 1 }).child({ component: 'scheduler', b: 2 }).info('started');
    expect(duplicateJsonKeys(text().trim())).toEqual([]);
    expect(lines()[0]).toMatchObject({ app: 'patbot', component: 'scheduler', a: 1, b: 2, msg: 'started' });
  });

  it('the duplicate-key check finds what JSON.parse hides', () => {
    expect(duplicateJsonKeys('{"a":1,"b":{"c":[{"d":1,"d":2}]},"a":"x"}')).toEqual(['b.c[0].d', 'a']);
    expect(duplicateJsonKeys('{"a":"}\\"a","b":[1,2,{}]}')).toEqual([]);
  });
});

describe('logger children', () => {
  it('a child made at a quiet level logs its merged bindings, redacted, once its level is on', () => {
    const { logger, text } = captureLogger('warn');
    const request = logger.child({ correlationId: 'c-1', component: 'http', token: 'tk-secret-1' });
    const turn = request.child({ component: 'teams' });
    turn.info('not at warn');
    turn.debug({ x: 1 }, 'nor this');
    expect(text()).toBe('');
    turn.warn({ detail: `got ${JWT}` }, 'slow turn');
    const line = JSON.parse(text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({
      correlationId: 'c-1',
      component: 'teams',
      msg: 'slow turn',
      token: '[redacted]',
    });
    expect(text()).not.toContain('tk-secret-1');
    expect(text()).not.toContain(JWT);
    expect(duplicateJsonKeys(text().trim())).toEqual([]);
  });
});
