/**
 * The hand-written list-page reader accepts and refuses exactly what the zod schema
 * (`pagedPatTokensSchema`, kept as the reference) does, and the PatTokenResult pre-check never
 * skips a body the zod schema would accept.
 */
import { isPatTokenResultLike, readPagedPatTokens } from '../../src/ado/wire-guards';
import { pagedPatTokensSchema, patTokenResultSchema } from '../../src/ado/wire-schemas';

const pat = {
  authorizationId: '5b0c1f6e-4d0a-4f3e-9b8c-2a1d3e4f5a6b',
  displayName: 'build',
  scope: 'vso.code',
  targetAccounts: ['0f1e2d3c-0000-4000-8000-000000000001'],
  validFrom: '2026-11-01T10:00:00.000Z',
  validTo: '2026-12-01T10:00:00Z',
  token: null,
};

const pages: unknown[] = [
  { patTokens: [] },
  { patTokens: [pat], continuationToken: 'abc' },
  { patTokens: [pat], continuationToken: null },
  { patTokens: [{ ...pat, token: undefined, displayName: null, scope: null, targetAccounts: null }] },
  { patTokens: [{ ...pat, validTo: '2026-12-01T10:00:00' }] }, // no offset: read as UTC
  { patTokens: [{ ...pat, validTo: '2026-12-01T10:00:00+05:30', extra: 1 }], more: true },
  // refused
  null,
  [],
  'page',
  {},
  { patTokens: null },
  { patTokens: {} },
  { patTokens: [pat], continuationToken: 5 },
  { patTokens: [null] },
  { patTokens: [[pat]] },
  { patTokens: [{ ...pat, authorizationId: 'not-a-uuid' }] },
  { patTokens: [{ ...pat, authorizationId: undefined }] },
  { patTokens: [{ ...pat, displayName: undefined }] },
  { patTokens: [{ ...pat, scope: 3 }] },
  { patTokens: [{ ...pat, targetAccounts: undefined }] },
  { patTokens: [{ ...pat, targetAccounts: [1] }] },
  { patTokens: [{ ...pat, validFrom: '2026-11-01' }] },
  { patTokens: [{ ...pat, validTo: '2026-13-45T99:00:00Z' }] },
  { patTokens: [{ ...pat, validTo: 20261201 }] },
  { patTokens: [{ ...pat, token: 7 }] },
  { patTokens: [pat, { ...pat, validFrom: null }] },
];

describe('readPagedPatTokens', () => {
  it.each(pages.map((p, i) => [i, p]))('gives the zod schema verdict for page #%i', (_i, page) => {
    const zod = pagedPatTokensSchema.safeParse(page);
    const read = readPagedPatTokens(page);
    expect(read !== null).toBe(zod.success);
    if (zod.success) expect(read).toMatchObject(zod.data);
  });
});

describe('isPatTokenResultLike', () => {
  const results: unknown[] = [
    { patToken: pat, patTokenError: 'none' },
    { patToken: null, patTokenError: 'accessDenied', patTokenErrorMessage: 'no' },
    { patTokens: [pat] },
    { patToken: null },
    { patTokenError: 3 },
    null,
    [],
  ];
  it.each(results.map((r, i) => [i, r]))('never skips a body zod would read (#%i)', (_i, body) => {
    if (patTokenResultSchema.safeParse(body).success) expect(isPatTokenResultLike(body)).toBe(true);
  });
});
