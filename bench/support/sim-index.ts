/**
 * Bench-only speed-up of the Azure DevOps simulator, applied in the bench process at run time
 * (src/ is not changed): `SimState.visiblePats` scans EVERY PAT of every user on each call
 * (≈7 ms per call with 100,000 PATs on this machine), which would make the simulator, not the
 * bot, the bottleneck of a 10,000-user sweep. This replaces it with an index by owner that
 * returns the same PAT objects in the same order. Suggested permanent fix: keep a
 * `Map<ownerOid, SimPat[]>` in src/sandbox/ado/sim-state.ts (see docs/benchmarks.md).
 */
import { SimState, type SimOrg, type SimPat } from '../../src/sandbox/ado/sim-state';

interface OwnerIndex {
  size: number;
  byOwner: Map<string, SimPat[]>;
}

let installed = false;

export function installSimulatorOwnerIndex(): void {
  if (installed) return;
  installed = true;
  const indexes = new WeakMap<SimState, OwnerIndex>();
  SimState.prototype.visiblePats = function visiblePats(this: SimState, org: SimOrg, oid: string): SimPat[] {
    let idx = indexes.get(this);
    if (!idx || idx.size !== this.pats.size) {
      const byOwner = new Map<string, SimPat[]>();
      for (const p of this.pats.values()) {
        const list = byOwner.get(p.ownerOid);
        if (list) list.push(p);
        else byOwner.set(p.ownerOid, [p]);
      }
      idx = { size: this.pats.size, byOwner };
      indexes.set(this, idx);
    }
    return (idx.byOwner.get(oid) ?? []).filter(
      (p) => p.targetAccounts === null || p.targetAccounts.includes(org.id),
    );
  };
}
