/** The ports the subscription use cases need (channels pass the store). */
import type { Store } from '../store';

export interface SubscriptionDeps {
  store: Pick<Store, 'subscriptions' | 'conversations' | 'users'>;
  /** How people type commands here (`pat` in Teams, `/pat` in Slack); default `pat`. */
  prefix?: string;
}
