import { createHmac, randomBytes } from 'node:crypto';
import {
  ACTION_TTL_SECONDS,
  authorizeAction,
  deriveActionKey,
  issueAction,
  payloadProblem,
  ROW_ACTIONS,
  signAction,
  verifyAction,
  type ActionPayload,
} from '../../src/core/action-token';
import { CodedError } from '../../src/errors';

const KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-11-28T12:00:00Z');
const X = Math.floor(NOW.getTime() / 1000) + 3600;
const PAYLOAD: ActionPayload = {
  v: 'renew',
  o: 'user-1',
  g: 'contoso',
  p: '2f1c0a6e-1b3d-4c59-9e3a-8d7f6a5b4c3d',
  x: X,
  d: 90,
};

function reencode(value: string, mutate: (json: Record<string, unknown>) => void): string {
  const [body, sig] = value.split('.');
  const json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  mutate(json);
  return `${Buffer.from(JSON.stringify(json)).toString('base64url')}.${sig}`;
}

function expectError(result: ReturnType<typeof verifyAction>, code: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(CodedError);
    expect(result.error.code).toBe(code);
  }
}

describe('action tokens', () => {
  it('round-trips a payload', () => {
    const value = signAction(KEY, PAYLOAD);
    expect(value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(verifyAction(KEY, value, NOW)).toEqual({ ok: true, payload: PAYLOAD });
  });

  it('key rotation: a value signed with the previous key verifies only while that key is given', () => {
    const previous = Buffer.alloc(32, 9);
    const old = signAction(previous, PAYLOAD);
    expect(verifyAction(KEY, old, NOW, previous)).toEqual({ ok: true, payload: PAYLOAD });
    expectError(verifyAction(KEY, old, NOW), 'action.tampered');
    expectError(verifyAction(KEY, old, NOW, Buffer.alloc(32, 8)), 'action.tampered');
    // The current key still verifies with a previous key configured; expiry still applies.
    expect(verifyAction(KEY, signAction(KEY, PAYLOAD), NOW, previous).ok).toBe(true);
    expectError(verifyAction(KEY, old, new Date(X * 1000), previous), 'action.expired');
  });

  it.each(['max', '2027-03-31', undefined] as const)('accepts d = %s', (d) => {
    const payload: ActionPayload = { ...PAYLOAD, d };
    if (d === undefined) delete payload.d;
    const result = verifyAction(KEY, signAction(KEY, payload), NOW);
    expect(result).toEqual({ ok: true, payload });
  });

  it.each<[string, (j: Record<string, unknown>) => void]>([
    ['verb', (j) => (j.v = 'revoke')],
    ['owner', (j) => (j.o = 'user-2')],
    ['org', (j) => (j.g = 'fabrikam')],
    ['pat id', (j) => (j.p = '00000000-0000-4000-8000-000000000000')],
    ['expiry', (j) => (j.x = X + 86400)],
    ['days', (j) => (j.d = 365)],
    ['removed days', (j) => delete j.d],
    ['extra field', (j) => (j.admin = true)],
  ])('detects a changed %s', (_label, mutate) => {
    expectError(verifyAction(KEY, reencode(signAction(KEY, PAYLOAD), mutate), NOW), 'action.tampered');
  });

  it('detects a changed signature, truncation and junk', () => {
    const value = signAction(KEY, PAYLOAD);
    const flipped = value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
    expectError(verifyAction(KEY, flipped, NOW), 'action.tampered');
    for (let cut = 1; cut < value.length; cut += 7) {
      expectError(verifyAction(KEY, value.slice(0, cut), NOW), 'action.tampered');
    }
    expectError(verifyAction(KEY, value.slice(1), NOW), 'action.tampered');
    for (const junk of ['', '.', 'abc', `${value}.x`, 'x'.repeat(3000), 42, null, undefined, {}]) {
      expectError(verifyAction(KEY, junk, NOW), 'action.tampered');
    }
  });

  it('rejects a value signed with another key', () => {
    expectError(verifyAction(randomBytes(32), signAction(KEY, PAYLOAD), NOW), 'action.tampered');
  });

  it('a validly signed payload that breaks the schema is still tampered', () => {
    // Sign through the back door: build the MAC ourselves for an invalid payload.
    const body = Buffer.from(JSON.stringify({ ...PAYLOAD, g: 'bad org name!' })).toString('base64url');
    const sig = createHmac('sha256', KEY).update(body).digest('base64url');
    expectError(verifyAction(KEY, `${body}.${sig}`, NOW), 'action.tampered');
  });

  it('expires at x', () => {
    const value = signAction(KEY, PAYLOAD);
    expect(verifyAction(KEY, value, new Date((X - 1) * 1000)).ok).toBe(true);
    expectError(verifyAction(KEY, value, new Date(X * 1000)), 'action.expired');
    expectError(verifyAction(KEY, value, new Date((X + 10) * 1000)), 'action.expired');
  });

  it('refuses to sign invalid payloads or with a short key', () => {
    expect(() => signAction(KEY, { ...PAYLOAD, d: 400 })).toThrow(CodedError);
    expect(() => signAction(KEY, { ...PAYLOAD, d: '2027-02-30' })).toThrow(CodedError);
    expect(() => signAction(KEY, { ...PAYLOAD, o: 'x'.repeat(1000) })).toThrow(CodedError);
    expect(() => signAction(Buffer.alloc(16), PAYLOAD)).toThrow(/too short/);
  });

  it('deriveActionKey is deterministic and differs from its master', () => {
    const master = Buffer.alloc(32, 1);
    const a = deriveActionKey(master);
    expect(a).toHaveLength(32);
    expect(a.equals(deriveActionKey(Buffer.alloc(32, 1)))).toBe(true);
    expect(a.equals(master)).toBe(false);
    expect(a.equals(deriveActionKey(Buffer.alloc(32, 2)))).toBe(false);
  });
});

describe('authorizeAction (the one check both channels call)', () => {
  const key = randomBytes(32);
  const previousKey = randomBytes(32);
  const now = new Date('2026-12-01T09:00:00Z');
  const payload = { v: 'renew' as const, o: 'u1', g: 'contoso', p: 'pat-1', d: 30 as const };
  const check = (value: unknown, over: Partial<Parameters<typeof authorizeAction>[1]> = {}) =>
    authorizeAction(value, { actorId: 'u1', expectedVerb: 'renew', now, keys: { key }, ...over });

  it('accepts the owner on the right button, also with a value signed before a key rotation', () => {
    expect(check(issueAction({ key }, payload, now))).toMatchObject({ ok: true, payload: { p: 'pat-1' } });
    const old = issueAction({ key: previousKey }, payload, now);
    expect(check(old)).toMatchObject({ ok: false, reason: 'tampered' });
    expect(check(old, { keys: { key, previousKey } })).toMatchObject({ ok: true });
  });

  it('says why it refuses: tampered, expired after ACTION_TTL_SECONDS, wrong verb or length, not the owner', () => {
    const value = issueAction({ key }, payload, now);
    expect(check(`${value}x`)).toMatchObject({
      ok: false,
      reason: 'tampered',
      error: { code: 'action.tampered' },
    });
    const later = new Date(now.getTime() + ACTION_TTL_SECONDS * 1000 + 1000);
    expect(check(value, { now: later })).toMatchObject({
      ok: false,
      reason: 'expired',
      error: { code: 'action.expired' },
    });
    expect(check(value, { expectedVerb: 'confirm_revoke' })).toMatchObject({
      ok: false,
      reason: 'wrong_verb',
    });
    expect(check(value, { expectedDuration: 90 })).toMatchObject({ ok: false, reason: 'wrong_verb' });
    const other = check(value, { actorId: 'u2', prefix: '/pat' });
    expect(other).toMatchObject({ ok: false, reason: 'not_owner', payload: { o: 'u1' } });
    expect(!other.ok && other.error.nextStep).toContain('`/pat list`');
  });
});

describe('row values: one signed value for every action on a PAT row', () => {
  const key = randomBytes(32);
  const now = new Date('2026-12-01T09:00:00Z');
  const row = issueAction({ key }, { v: 'row', o: 'u1', g: 'contoso', p: 'pat-1', w: 'view_12-AB' }, now);
  const check = (value: unknown, over: Partial<Parameters<typeof authorizeAction>[1]> = {}) =>
    authorizeAction(value, { actorId: 'u1', expectedVerb: 'renew', now, keys: { key }, ...over });

  it('is accepted on each row action and reports the button it was used for', () => {
    expect(ROW_ACTIONS).toEqual(['renew', 'revoke', 'recreate', 'rotate']);
    expect(check(row, { expectedVerb: 'rotate' })).toMatchObject({ ok: true, payload: { v: 'rotate' } });
    expect(check(row)).toMatchObject({ ok: true, payload: { v: 'renew', p: 'pat-1', w: 'view_12-AB' } });
    expect(check(row, { expectedVerb: 'revoke' })).toMatchObject({ ok: true, payload: { v: 'revoke' } });
    expect(check(row, { expectedVerb: ['snooze', 'revoke'] })).toMatchObject({ payload: { v: 'revoke' } });
  });

  it('is refused on buttons that are not row actions, for someone else, tampered or expired', () => {
    for (const verb of ['confirm_revoke', 'snooze', 'list', 'cancel', 'remind_revoke'] as const)
      expect(check(row, { expectedVerb: verb })).toMatchObject({ ok: false, reason: 'wrong_verb' });
    expect(check(row, { expectedDuration: 30 })).toMatchObject({ ok: false, reason: 'wrong_verb' });
    expect(check(row, { actorId: 'u2' })).toMatchObject({
      ok: false,
      reason: 'not_owner',
      error: { code: 'action.not_owner' },
      payload: { o: 'u1', v: 'renew' },
    });
    const forged = reencode(row, (json) => (json.p = 'pat-2'));
    expect(check(forged)).toMatchObject({ ok: false, error: { code: 'action.tampered' } });
    const later = new Date(now.getTime() + ACTION_TTL_SECONDS * 1000);
    expect(check(row, { now: later })).toMatchObject({ ok: false, error: { code: 'action.expired' } });
  });

  it('checks every field by hand: unknown keys, bad view ids and wrong types are refused', () => {
    const base = { v: 'row' as const, o: 'u1', g: 'contoso', p: 'pat-1', x: 1 };
    expect(payloadProblem(base)).toBeNull();
    expect(payloadProblem({ ...base, w: 'a'.repeat(32), d: '2027-01-31' })).toBeNull();
    for (const bad of [
      { ...base, extra: 1 },
      { ...base, w: 'has space' },
      { ...base, w: 'a'.repeat(33) },
      { ...base, v: 'delete' },
      { ...base, o: '' },
      { ...base, x: 1.5 },
      { ...base, x: '1' },
      { ...base, d: 0 },
      { ...base, d: 'soon' },
      null,
      [base],
    ])
      expect(payloadProblem(bad)).not.toBeNull();
    const body = Buffer.from(JSON.stringify({ ...base, x: 2e9, admin: true })).toString('base64url');
    const sig = createHmac('sha256', key).update(body).digest('base64url');
    expect(check(`${body}.${sig}`)).toMatchObject({ ok: false, reason: 'tampered' });
  });

  it('signs one payload as one value, whatever the key order given', () => {
    const a = signAction(key, { v: 'row', o: 'u1', g: 'contoso', p: 'pat-1', x: 2e9, w: 'v1' });
    const b = signAction(key, { w: 'v1', x: 2e9, p: 'pat-1', g: 'contoso', o: 'u1', v: 'row' });
    expect(a).toBe(b);
  });
});
