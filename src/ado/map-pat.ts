/** Wire `PatToken` → core `Pat` (the `token` value is never copied). */
import type { Pat } from '../core/pat';
import { toUtcIso, type WirePatToken } from './wire-schemas';

export function toPat(wire: WirePatToken, org: string, revoked?: boolean): Pat {
  const pat: Pat = {
    id: wire.authorizationId,
    name: wire.displayName ?? '',
    org,
    scope: wire.scope ?? '',
    targetAccounts: wire.targetAccounts === null ? null : [...wire.targetAccounts],
    validFrom: new Date(toUtcIso(wire.validFrom)),
    validTo: new Date(toUtcIso(wire.validTo)),
  };
  if (revoked !== undefined) pat.revoked = revoked;
  return pat;
}
