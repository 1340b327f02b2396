export { createReminderScheduler } from '../../../src/scheduler';
export { dryRunStore as dryRunStoreForTest } from '../../../src/scheduler/dry-run-store';
