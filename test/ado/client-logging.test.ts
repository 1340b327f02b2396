import { captureLogger } from '../support/capture-logger';
import { startAdoHarness, DAY_MS, NOW, type AdoHarness } from '../support/ado-harness';

let h: AdoHarness;
beforeEach(async () => {
  h = await startAdoHarness();
});
afterEach(() => h.close());

describe('AdoTokensClient logging', () => {
  it('logs codes, statuses, org and PAT id, but never the access token or the PAT secret', async () => {
    const { logger, text, lines } = captureLogger('trace');
    const { client } = h.client({ logger });
    const token = await h.token(h.alice);
    const ctx = { org: 'contoso', accessToken: token };
    h.sim.inject({ status: 429, retryAfterSeconds: 1 });
    const { pat, secret } = await client.create(ctx, {
      name: 'ci',
      scope: 'vso.build',
      validTo: new Date(NOW.getTime() + DAY_MS),
      allOrgs: false,
    });
    await client.update(ctx, { id: pat.id, validTo: new Date(NOW.getTime() + 2 * DAY_MS) });
    await client.revoke(ctx, pat.id);
    await client.get(ctx, pat.id).catch(() => undefined);
    await client.list({ org: 'contoso', accessToken: 'a-pat-value-used-by-mistake' }).catch(() => undefined);

    const all = text();
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split('.')[2]);
    expect(all).not.toContain(secret);
    expect(all).not.toContain('a-pat-value-used-by-mistake');
    expect(lines().some((l) => l.patId === pat.id && l.org === 'contoso')).toBe(true);
    expect(lines().some((l) => l.status === 429)).toBe(true);
    expect(lines().some((l) => l.errorCode === 'ado.pat_not_accepted' && l.status === 401)).toBe(true);
  });
});
