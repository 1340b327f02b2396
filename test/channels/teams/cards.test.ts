/** Card builders are pure functions of view models. */
import { toPatView } from '../../../src/core/pat-view';
import type { Pat } from '../../../src/core/pat';
import { cardText, findAction } from '../../support/teams-harness';
import { listCard, listFallbackText, type ListCardModel } from '../../../src/channels/teams/cards/list-card';
import { privateListCard } from '../../../src/channels/teams/cards/private-list-card';
import { revokeConfirmCard } from '../../../src/channels/teams/cards/revoke-confirm-card';
import { oauthCard } from '../../../src/channels/teams/cards/oauth-card';

const NOW = new Date('2026-11-28T09:00:00Z');
const DAY = 86_400_000;
const pat = (name: string, days: number, extra: Partial<Pat> = {}): Pat => ({
  id: `id-${name}`,
  name,
  org: 'contoso',
  scope: 'vso.code',
  targetAccounts: ['org-id'],
  validFrom: new Date(NOW.getTime() - 30 * DAY),
  validTo: new Date(NOW.getTime() + days * DAY),
  ...extra,
});

function model(pats: Pat[], extra: Partial<ListCardModel> = {}): ListCardModel {
  return {
    ownerName: 'Alice',
    rows: pats.map((p) => ({
      view: toPatView(p, NOW, 'UTC'),
      value: `row-${p.id}`,
      canRenew: p.validTo > NOW,
      tokensPageUrl: 'https://dev.azure.com/contoso/_usersSettings/tokens',
    })),
    shown: 10,
    pageSize: 10,
    orgs: ['contoso'],
    failureLine: '',
    listToken: 'list-token',
    minRenewDate: '2026-11-29',
    renewDays: 90,
    ...extra,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const colorOf = (card: any, label: string): string | undefined => {
  let found: string | undefined;
  JSON.stringify(card, (_k, v) => {
    if (v && v.type === 'TextBlock' && v.text === label) found = v.color;
    return v;
  });
  return found;
};

describe('list card', () => {
  it('never exceeds its byte budget, however the rows are escaped, and shows as many rows as fit', () => {
    // Quotes, backslashes, control characters and emoji cost more in JSON than in the fallback text.
    const nasty = (i: number) =>
      `"q\\${'"'.repeat(i % 7)}\u0001${'💥'.repeat(i % 5)}-${'x'.repeat((i * 37) % 120)}`;
    const pats = Array.from({ length: 40 }, (_, i) => pat(nasty(i), (i % 9) * 11 - 3));
    for (const maxBytes of [6_000, 12_000, 25_600]) {
      for (const shown of [1, 5, 10, 40]) {
        const m = model(pats, { shown, pageSize: 10 });
        const card = listCard(m, maxBytes);
        const bytes = Buffer.byteLength(JSON.stringify(card));
        expect(bytes).toBeLessThanOrEqual(maxBytes);
        const rows = (card.body as { type: string }[]).filter((e) => e.type === 'Container').length;
        expect(rows).toBeGreaterThanOrEqual(1);
        expect(rows).toBeLessThanOrEqual(shown);
      }
    }
  });

  it("keeps room on a full card for a click's notice: the answer with the notice shows the same rows", () => {
    const rowsOf = (c: ReturnType<typeof listCard>) =>
      (c.body as { type: string }[]).filter((e) => e.type === 'Container').length;
    const pats = Array.from({ length: 40 }, (_, i) =>
      pat(`service-connection-${i}-${'x'.repeat(60)}`, 5 + i),
    );
    const notice = {
      text: `Renewed \`service-connection-7-${'x'.repeat(60)}\` until Tue 2 Mar 2027 (90 days).`,
      tone: 'good' as const,
    };
    // Every budget from 6,000 to 25,600 bytes in 50-byte steps: some of them cut a card exactly at its limit.
    for (let maxBytes = 6_000; maxBytes <= 25_600; maxBytes += 50) {
      const plainCard = listCard(model(pats, { shown: 40 }), maxBytes);
      const answered = listCard(model(pats, { shown: 40, notice }), maxBytes);
      expect(rowsOf(answered)).toBe(rowsOf(plainCard));
      expect(Buffer.byteLength(JSON.stringify(answered))).toBeLessThanOrEqual(maxBytes);
    }
  });

  it('labels each status with the days left and colours it on one ladder (docs/ux.md)', () => {
    const card = listCard(model([pat('a', -1), pat('b', 3), pat('c', 20), pat('d', 90)]));
    expect(colorOf(card, 'Expired')).toBe('Attention');
    expect(colorOf(card, 'Expires in 3 days')).toBe('Attention');
    expect(colorOf(card, 'Expires in 20 days')).toBe('Accent');
    expect(colorOf(card, 'Expires in 90 days')).toBe('Default');
    expect(card.version).toBe('1.5');
  });

  it('renews in one click for the default length; Other… offers 30 days, the longest and a date; one value per row', () => {
    const card = listCard(model([pat('a', 20)]));
    expect(findAction(card, 'Renew 90 days')).toEqual({ verb: 'pat.renew', data: { t: 'row-id-a' } });
    const other = JSON.stringify(card).match(/"type":"Action.ShowCard","title":"Other…"/g);
    expect(other).toHaveLength(1);
    expect(findAction(card, '30 days')).toEqual({ verb: 'pat.renew', data: { t: 'row-id-a', d: '30' } });
    expect(() => findAction(card, '90 days')).toThrow(); // the default is the main button
    expect(findAction(card, 'Longest allowed').data.d).toBe('max');
    expect(findAction(card, 'Renew until this date').data.d).toBe('date');
    expect(JSON.stringify(card)).toContain('"id":"renewDate-id-a"');
    expect(findAction(card, 'Revoke…')).toEqual({ verb: 'pat.revoke', data: { t: 'row-id-a' } });
    // With RENEW_DEFAULT_DAYS=30 the main button is 30 days and Other… offers 90.
    const thirty = listCard(model([pat('a', 20)], { renewDays: 30 }));
    expect(findAction(thirty, 'Renew 30 days').data).toEqual({ t: 'row-id-a' });
    expect(findAction(thirty, '90 days').data).toEqual({ t: 'row-id-a', d: '90' });
  });

  it('has no Renew for an expired PAT, but a link to create a new one', () => {
    const card = listCard(model([pat('gone', -2)]));
    expect(() => findAction(card, 'Renew 90 days')).toThrow();
    expect(() => findAction(card, '30 days')).toThrow();
    expect(findAction(card, 'Revoke…').data.t).toBe('row-id-gone');
    expect(JSON.stringify(card)).toContain('"type":"Action.OpenUrl","title":"Create a new PAT"');
  });

  it('warns about all-organisation and full-access PATs', () => {
    const text = cardText(listCard(model([pat('g', 100, { targetAccounts: null, scope: 'app_token' })])));
    expect(text).toContain('All organisations: stops working on Tue 1 Dec 2026');
    expect(text).toContain('Full access: consider narrower scopes');
  });

  it('pages with "Show more" instead of cutting, and shows the empty state', () => {
    const many = Array.from({ length: 12 }, (_, i) => pat(`p${i}`, 40 + i));
    const card = listCard(model(many, { shown: 5, pageSize: 5 }));
    expect(cardText(card)).toContain('Showing 5 of 12.');
    expect(findAction(card, 'Show more')).toEqual({ verb: 'pat.list', data: { t: 'list-token', shown: 10 } });
    expect(cardText(listCard(model([])))).toContain('No active PATs in contoso.');
    expect(listFallbackText(model([]))).toBe('No active PATs in contoso.');
  });

  it('escapes Markdown in PAT names', () => {
    expect(JSON.stringify(listCard(model([pat('*bold*_[x](y)', 50)])))).toContain(
      '\\\\*bold\\\\*\\\\_\\\\[x\\\\](y)',
    );
  });

  it('keeps user-specific views in shared conversations', () => {
    expect(listCard(model([], { refreshUserIds: ['29:a'] })).refresh?.userIds).toEqual(['29:a']);
    expect(listCard(model([])).refresh).toBeUndefined();
  });
});

describe('other cards', () => {
  it('shows a neutral card to everyone but the asker', () => {
    const card = privateListCard({ askerName: 'Alice', askerTeamsId: '29:a', listToken: 't', pageSize: 10 });
    expect(card.refresh).toEqual({
      action: expect.objectContaining({ verb: 'pat.list' }),
      userIds: ['29:a'],
    });
    expect(cardText(card)).toContain('Alice asked for their PATs.');
  });

  it('asks before revoking', () => {
    const card = revokeConfirmCard({
      question: 'Revoke `x` in contoso?',
      confirmToken: 'c',
      listToken: 'l',
      pageSize: 10,
    });
    expect(findAction(card, 'Revoke')).toEqual({ verb: 'pat.confirmRevoke', data: { t: 'c' } });
    expect(findAction(card, 'Cancel').verb).toBe('pat.list');
  });

  it('builds an SSO OAuthCard with a signin button', () => {
    const a = oauthCard({
      text: 'Sign in',
      signInUrl: 'https://bot.example/auth-start.html',
      resourceUri: 'api://botid-1',
      exchangeId: 'e1',
    });
    expect(a.contentType).toBe('application/vnd.microsoft.card.oauth');
    expect(a.content).toMatchObject({
      buttons: [{ type: 'signin', value: 'https://bot.example/auth-start.html' }],
      tokenExchangeResource: { id: 'e1', uri: 'api://botid-1' },
    });
  });
});
