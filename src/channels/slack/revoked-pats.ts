/**
 * PATs a Slack button revoked, remembered for as long as button values live: a second press (an
 * old message, a retried click) says "already revoked" without calling Azure DevOps, whose Get
 * does not tell a revoked PAT from a live one. Shared through the store; name and org only.
 */
import { ACTION_TTL_SECONDS } from '../../core/action-token';
import type { Pat } from '../../core/pat';
import { SharedValues } from '../../core/shared-values';
import type { EphemeralStore } from '../../core/store';

interface Remembered {
  id: string;
  name: string;
  org: string;
}

export class RevokedPats {
  private readonly values: SharedValues<Remembered>;

  constructor(store: EphemeralStore, now: () => Date) {
    this.values = new SharedValues(store, 'slack-revoked', ACTION_TTL_SECONDS * 1000, now);
  }

  remember(userId: string, pat: Pat): Promise<void> {
    return this.values.put(`${userId}:${pat.id}`, { id: pat.id, name: pat.name, org: pat.org });
  }

  /** The PAT as it was revoked (`revoked: true`), or null. */
  async get(userId: string, patId: string): Promise<Pat | null> {
    const r = await this.values.get(`${userId}:${patId}`);
    if (!r || r.id !== patId || typeof r.name !== 'string' || typeof r.org !== 'string') return null;
    const epoch = new Date(0);
    return {
      id: r.id,
      name: r.name,
      org: r.org,
      scope: '',
      targetAccounts: [],
      validFrom: epoch,
      validTo: epoch,
      revoked: true,
    };
  }
}
