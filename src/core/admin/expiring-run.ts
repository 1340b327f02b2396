/**
 * One `pat admin expiring` per organisation at a time, across instances: a store lease named for
 * the organisation, with the start instant kept beside it (EphemeralStore) for the refusal.
 * The lease outlives a crashed run by EXPIRING_RUN_TTL_MS at most.
 */
import { randomUUID } from 'node:crypto';
import { whenText } from './describe-event';
import type { AdminDeps } from './admin-deps';

/** Longest a run may hold its organisation (a run that died frees it after this). */
export const EXPIRING_RUN_TTL_MS = 15 * 60_000;

const leaseName = (org: string): string => `admin-expiring:${org.toLowerCase()}`;

export type ExpiringRun<T> = { kind: 'ran'; value: T } | { kind: 'busy'; startedAt: string };

export async function withExpiringRun<T>(
  deps: AdminDeps,
  org: string,
  run: () => Promise<T>,
): Promise<ExpiringRun<T>> {
  const name = leaseName(org);
  const holder = `${deps.instanceId}:${randomUUID()}`;
  const now = deps.clock.now();
  if (!(await deps.store.leases.tryAcquire(name, holder, now, EXPIRING_RUN_TTL_MS))) {
    const started = await deps.store.ephemeral.get(name, now);
    return { kind: 'busy', startedAt: started ? whenText(new Date(started)) : 'a few minutes ago' };
  }
  await deps.store.ephemeral.put(name, now.toISOString(), new Date(now.getTime() + EXPIRING_RUN_TTL_MS), now);
  try {
    return { kind: 'ran', value: await run() };
  } finally {
    await deps.store.ephemeral.delete(name);
    await deps.store.leases.release(name, holder);
  }
}
