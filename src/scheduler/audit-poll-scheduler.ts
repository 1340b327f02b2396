/**
 * Runs the admin watch's audit poll every AUDIT_POLL_SECONDS on one instance at a time: a store
 * lease (like the reminder sweep's) that lasts a little less than one interval and is not
 * released, so whichever instance takes it polls for that interval; a dead holder's lease simply
 * runs out. The ledger keeps alerts exactly-once even if two polls overlap. After each poll the
 * lease holder also sends the weekly admin digests that are due (ADMIN_DIGEST_AT), once per week
 * and channel (ledgered, so a restart or a second instance does not repeat one).
 */
import type { AdminDeps } from '../core/admin/admin-deps';
import { pollAllOrgs, type PollSummary } from '../core/admin/poll-audit';
import { sendDueDigests, type DigestOutcome } from '../core/admin/weekly-digest';
import type { LeaseStore } from '../core/store';

export const AUDIT_POLL_LEASE_NAME = 'admin-audit-poll';

export type AuditPollTick =
  | { kind: 'ran'; results: PollSummary[]; digests: DigestOutcome[] }
  | { kind: 'skipped'; reason: 'running' | 'lease-held' };

export class AuditPollScheduler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<AuditPollTick> | undefined;

  constructor(private readonly deps: AdminDeps & { store: AdminDeps['store'] & { leases: LeaseStore } }) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.pollSeconds * 1000);
    this.timer.unref?.();
  }

  /** One poll now, through the lease (skipped while another instance holds it). */
  async tick(): Promise<AuditPollTick> {
    if (this.running) return { kind: 'skipped', reason: 'running' };
    this.running = this.poll();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async poll(): Promise<AuditPollTick> {
    const { store, clock, instanceId, pollSeconds, logger } = this.deps;
    const ttl = Math.max(1000, pollSeconds * 1000 - 2000);
    try {
      if (!(await store.leases.tryAcquire(AUDIT_POLL_LEASE_NAME, instanceId, clock.now(), ttl))) {
        return { kind: 'skipped', reason: 'lease-held' };
      }
      const results = await pollAllOrgs(this.deps);
      return { kind: 'ran', results, digests: await sendDueDigests(this.deps, this.deps.digestAt) };
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'audit poll tick failed');
      return { kind: 'ran', results: [], digests: [] };
    }
  }
}
