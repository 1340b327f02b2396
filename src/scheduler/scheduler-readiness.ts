/**
 * A `/readyz` check (the shape of src/http's `ReadinessCheck`) that reports the scheduler's
 * state as details. It never fails readiness: a bot that cannot sweep can still answer people.
 */
import type { ReminderScheduler } from './reminder-scheduler';

export interface SchedulerReadinessCheck {
  name: string;
  check(): Promise<Record<string, unknown>>;
}

/** `{ running, nextRunAt, lastSweep, lastTick }` with ISO dates. */
export function schedulerReadiness(scheduler: Pick<ReminderScheduler, 'status'>): SchedulerReadinessCheck {
  return {
    name: 'scheduler',
    check: async () => {
      const s = scheduler.status();
      return {
        running: s.running,
        started: s.started,
        instanceId: s.instanceId,
        nextRunAt: s.nextRunAt?.toISOString() ?? null,
        lastSweep: s.lastSweep
          ? {
              ...s.lastSweep,
              startedAt: s.lastSweep.startedAt.toISOString(),
              finishedAt: s.lastSweep.finishedAt.toISOString(),
            }
          : null,
        lastTick: s.lastTick ? { at: s.lastTick.at.toISOString(), outcome: s.lastTick.outcome } : null,
      };
    },
  };
}
