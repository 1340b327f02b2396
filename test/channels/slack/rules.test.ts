/** Small rules: the replay window, date checks, signed values, modal metadata, wording, pending commands. */
import { randomBytes } from 'node:crypto';
import { ACTION_TTL_SECONDS, issueAction, signAction } from '../../../src/core/action-token';
import { decodeModalMetadata, encodeModalMetadata } from '../../../src/channels/slack/modal-metadata';
import { pageFromValue } from '../../../src/channels/slack/handlers/pager';
import { authorizeButton, patRowValue, renewValue } from '../../../src/channels/slack/pat-action-values';
import { PendingCommands } from '../../../src/channels/slack/pending-commands';
import { tempDb } from '../../store/support/temp-db';
import { renewDateError } from '../../../src/channels/slack/renew-date-rules';
import { defaultResponseUrlAllowed } from '../../../src/channels/slack/slack-options';
import { isWithinWindow } from '../../../src/channels/slack/request-window';
import { parseCommand } from '../../../src/core/commands/parse-command';
import { invalidInputMessage } from '../../../src/core/messages';
import { needsSignin } from '../../../src/identity/outcome-messages';

const NOW = new Date('2026-11-28T10:00:00Z');

describe('isWithinWindow', () => {
  const nowMs = NOW.getTime();
  const ts = (offset: number) => String(Math.floor(nowMs / 1000) + offset);
  it.each([
    [0, true],
    [300, true],
    [-300, true],
    [301, false],
    [-301, false],
    [3600, false],
  ])('offset %i s → %s', (offset, expected) => {
    expect(isWithinWindow(ts(offset), nowMs)).toBe(expected);
  });
  it('refuses missing and malformed headers', () => {
    expect(isWithinWindow(undefined, nowMs)).toBe(false);
    expect(isWithinWindow(['1', '2'], nowMs)).toBe(false);
    expect(isWithinWindow('12.5', nowMs)).toBe(false);
    expect(isWithinWindow('abc', nowMs)).toBe(false);
  });
});

describe('renewDateError', () => {
  it.each([
    [undefined, 'Pick a date.'],
    ['2026-02-30', 'That is not a date I can read. Pick one from the calendar.'],
    ['2026-11-27', 'Pick a date after today.'],
    ['2026-11-28', 'Pick a date after today.'],
    ['2026-11-29', null],
    ['2027-11-28', null],
    ['2027-11-29', 'Azure DevOps allows at most a year: pick 2027-11-28 or earlier.'],
  ])('%s → %s', (date, expected) => {
    expect(renewDateError(date, NOW)).toBe(expected);
  });
});

describe('authorizeButton', () => {
  const key = randomBytes(32);
  const ctx = { key, ownerId: 'user-1', now: NOW, renewDays: 90 };
  const pat = { id: '11111111-1111-4111-8111-111111111111', org: 'contoso' };
  const row = patRowValue(ctx, pat);
  // Buttons posted before one-click Renew carry their length; they stay valid.
  const old30 = issueAction({ key }, { v: 'renew', o: 'user-1', g: 'contoso', p: pat.id, d: 30 }, NOW);
  const values = { row, renew30: old30 };
  const by = (actorId: string, now = NOW) => ({ actorId, now, prefix: '/pat' });
  const owner = by('user-1');

  it('accepts a row value on each of its buttons, and the older fixed-length values on theirs', () => {
    for (const id of ['pat_renew', 'pat_renew_other'])
      expect(authorizeButton({ actionKey: key }, id, row, owner)).toMatchObject({
        ok: true,
        payload: { v: 'renew', p: pat.id },
      });
    expect(authorizeButton({ actionKey: key }, 'pat_confirm_revoke', row, owner)).toMatchObject({
      ok: true,
      payload: { v: 'revoke' },
    });
    expect(authorizeButton({ actionKey: key }, 'pat_renew', renewValue(ctx, pat), owner)).toMatchObject({
      ok: true,
      payload: { v: 'renew' },
    });
    expect(authorizeButton({ actionKey: key }, 'pat_renew_30', old30, owner)).toMatchObject({
      ok: true,
      payload: { d: 30, v: 'renew' },
    });
    // A row value is not a snooze, and a fixed-length value is not a one-click Renew.
    expect(authorizeButton({ actionKey: key }, 'pat_snooze_1', row, owner)).toMatchObject({ ok: false });
    expect(authorizeButton({ actionKey: key }, 'pat_renew', old30, owner)).toMatchObject({
      ok: false,
      reason: 'wrong_verb',
    });
  });

  it('refuses a value on another button, another key, after expiry, changed, or pressed by someone else', () => {
    const code = (r: ReturnType<typeof authorizeButton>) => (r.ok ? 'ok' : r.error.code);
    const reason = (r: ReturnType<typeof authorizeButton>) => (r.ok ? 'ok' : r.reason);
    expect(reason(authorizeButton({ actionKey: key }, 'pat_confirm_revoke', values.renew30, owner))).toBe(
      'wrong_verb',
    );
    expect(code(authorizeButton({ actionKey: key }, 'pat_renew_date', values.renew30, owner))).toBe(
      'action.tampered',
    );
    expect(code(authorizeButton({ actionKey: key }, 'pat_renew', values.row.replace(/^./, 'A'), owner))).toBe(
      'action.tampered',
    );
    expect(code(authorizeButton({ actionKey: randomBytes(32) }, 'pat_renew_30', values.renew30, owner))).toBe(
      'action.tampered',
    );
    // One lifetime for every button (ACTION_TTL_SECONDS): valid just before it, expired after.
    const ttlMs = ACTION_TTL_SECONDS * 1000;
    expect(
      code(
        authorizeButton(
          { actionKey: key },
          'pat_renew_30',
          values.renew30,
          by('user-1', new Date(NOW.getTime() + ttlMs - 1000)),
        ),
      ),
    ).toBe('ok');
    expect(
      code(
        authorizeButton(
          { actionKey: key },
          'pat_renew_30',
          values.renew30,
          by('user-1', new Date(NOW.getTime() + ttlMs + 1000)),
        ),
      ),
    ).toBe('action.expired');
    expect(
      code(authorizeButton({ actionKey: key }, 'pat_renew_30', values.renew30.replace(/^./, 'A'), owner)),
    ).toBe('action.tampered');
    const list = signAction(key, { v: 'list', o: 'user-1', g: 'contoso', p: 'x', x: 1_900_000_000 });
    expect(code(authorizeButton({ actionKey: key }, 'pat_renew_30', list, owner))).toBe('action.tampered');
    const stranger = authorizeButton({ actionKey: key }, 'pat_renew_30', values.renew30, by('user-2'));
    expect(stranger).toMatchObject({ ok: false, reason: 'not_owner', payload: { o: 'user-1' } });
  });
});

describe('modal metadata', () => {
  it('round-trips and refuses anything else', () => {
    const meta = { a: 'v.s', r: 'https://hooks.slack.com/actions/T/1/x', h: true };
    expect(decodeModalMetadata(encodeModalMetadata(meta))).toEqual(meta);
    expect(decodeModalMetadata('{"a":"x","evil":1}')).toBeNull();
    expect(decodeModalMetadata('not json')).toBeNull();
    expect(decodeModalMetadata('{"a":"x","r":"javascript:alert(1)"}')).toBeNull();
    expect(decodeModalMetadata(42)).toBeNull();
  });
});

describe('wording and small helpers', () => {
  it('words core sentences with the command prefix instead of rewriting them', () => {
    const error = needsSignin('never');
    expect(error.nextStepFor('/pat')).toContain('`/pat signin`');
    expect(error.userTextFor('/patbot')).toContain('`/patbot signin`');
    expect(error.nextStep).toContain('`pat signin`');
    const parsed = parseCommand('list a b', { implicitPat: true, prefix: '/pat' });
    expect(parsed).toMatchObject({ kind: 'invalid', suggestion: '/pat list' });
    if (parsed.kind !== 'invalid') throw new Error('expected invalid');
    expect(invalidInputMessage(parsed, '/pat')).toBe(
      '`/pat list` takes at most one organisation name. For example: `/pat list`.',
    );
    expect(parseCommand('lsit', { implicitPat: true, prefix: '/pat' })).toMatchObject({
      input: '/pat lsit',
      suggestion: '/pat list',
    });
  });

  it('reads page numbers', () => {
    expect(pageFromValue('2')).toBe(2);
    expect(pageFromValue('-1')).toBeNull();
    expect(pageFromValue('1e3')).toBeNull();
    expect(pageFromValue(undefined)).toBeNull();
  });

  it('keeps a pending command once, until its time-to-live, in the store every instance reads', async () => {
    const db = tempDb();
    try {
      let now = new Date('2026-03-01T08:00:00Z');
      const clock = (): Date => now;
      const [a, b] = [await db.open(), await db.open()];
      const onA = new PendingCommands(a.ephemeral, 1000, clock);
      const onB = new PendingCommands(b.ephemeral, 1000, clock);
      const ids = { teamId: 'T', slackUserId: 'U' };
      await onA.remember(ids, { text: 'list', responseUrl: 'u', channelId: 'C' });
      expect((await onB.take(ids))?.text).toBe('list');
      expect(await onA.take(ids)).toBeNull();
      await onA.remember(ids, { text: 'list', responseUrl: 'u', channelId: 'C' });
      now = new Date(now.getTime() + 1000);
      expect(await onB.take(ids)).toBeNull();
    } finally {
      await db.cleanup();
    }
  });
});

describe('response_url allow-list', () => {
  it('accepts Slack hooks and the configured Web API origin only', async () => {
    const { resolveSlackOptions } = await import('../../../src/channels/slack/slack-options');
    const { loadConfig } = await import('../../../src/config');
    const config = loadConfig({
      SANDBOX: '1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'sandbox-not-a-slack-token-x',
      SLACK_API_URL: 'http://127.0.0.1:4555/api/',
    });
    const options = resolveSlackOptions({ config } as never);
    const allowed = options.responseUrlAllowed;
    expect(allowed('https://hooks.slack.com/commands/T1/1/abc')).toBe(true);
    expect(allowed('http://127.0.0.1:4555/respond/r1')).toBe(true);
    expect(allowed('http://hooks.slack.com/commands/T1/1/abc')).toBe(false);
    expect(allowed('https://hooks.slack.com.evil.example/x')).toBe(false);
    expect(allowed('http://169.254.169.254/latest/meta-data')).toBe(false);
    expect(allowed('http://127.0.0.1:4556/respond/r1')).toBe(false);
    expect(allowed('not a url')).toBe(false);
  });

  it('refuses to start without a signing secret and bot token', async () => {
    const { resolveSlackOptions } = await import('../../../src/channels/slack/slack-options');
    const { loadConfig } = await import('../../../src/config');
    expect(() => resolveSlackOptions({ config: loadConfig({ SANDBOX: '1' }) } as never)).toThrow(
      'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN',
    );
  });
});

describe('renewDateError in the person’s time zone', () => {
  it('uses their "today", not UTC’s', () => {
    // 23:30 UTC on 1 Mar is already 2 Mar in Tokyo and still 1 Mar in Los Angeles
    const now = new Date('2027-03-01T23:30:00Z');
    expect(renewDateError('2027-03-02', now, 'Asia/Tokyo')).toBe('Pick a date after today.');
    expect(renewDateError('2027-03-02', now, 'America/Los_Angeles')).toBeNull();
    expect(renewDateError('2027-03-02', now, null)).toBeNull();
  });
});

describe('response_url allow-list', () => {
  it('accepts only Slack hook hosts over https in production', () => {
    const allowed = defaultResponseUrlAllowed('https://slack.com/api/');
    expect(allowed('https://hooks.slack.com/commands/T1/1/abc')).toBe(true);
    expect(allowed('https://hooks.slack-gov.com/actions/T1/1/abc')).toBe(true);
    expect(allowed('http://hooks.slack.com/commands/T1/1/abc')).toBe(false);
    expect(allowed('https://slack.com/api/chat.postMessage')).toBe(false);
    expect(allowed('https://hooks.slack.com.evil.example/x')).toBe(false);
    expect(allowed('http://169.254.169.254/latest/meta-data')).toBe(false);
    expect(allowed('not a url')).toBe(false);
  });

  it('also accepts a loopback fake Web API origin (tests and demos)', () => {
    const allowed = defaultResponseUrlAllowed('http://127.0.0.1:4000/api/');
    expect(allowed('http://127.0.0.1:4000/respond/r1')).toBe(true);
    expect(allowed('http://127.0.0.1:4001/respond/r1')).toBe(false);
  });
});
