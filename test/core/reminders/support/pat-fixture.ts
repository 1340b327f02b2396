import type { Pat } from '../../../../src/core/pat';

let counter = 0;

/** A PAT with sensible defaults; `validTo` is required because every reminder depends on it. */
export function makePat(overrides: Partial<Omit<Pat, 'validTo'>> & { validTo: Date | string }): Pat {
  counter++;
  return {
    id: overrides.id ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    name: overrides.name ?? `pat-${counter}`,
    org: overrides.org ?? 'contoso',
    scope: overrides.scope ?? 'vso.code',
    targetAccounts: overrides.targetAccounts === undefined ? ['org-contoso'] : overrides.targetAccounts,
    validFrom: overrides.validFrom ?? new Date('2026-01-01T00:00:00Z'),
    validTo: new Date(overrides.validTo),
    ...(overrides.revoked === undefined ? {} : { revoked: overrides.revoked }),
  };
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
