/** The reminder sweep's settings from the configuration: one place for the app, the scheduler and `npm run sweep`. */
import type { Config } from '../config';
import type { ReminderSettings } from './reminder-settings';

export function sweepOptionsFrom(config: Pick<Config, 'reminders' | 'ado'>): ReminderSettings {
  return {
    ...config.reminders,
    defaultOrgs: config.ado.organizations,
    maxOrgsPerUser: config.ado.maxOrgsPerUser,
  };
}
