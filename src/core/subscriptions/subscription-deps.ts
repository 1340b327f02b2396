/** The ports the subscription use cases need (channels pass the store). */
import type { Store } from '../store';

export interface SubscriptionDeps {
  store: Pick<Store, 'subscriptions' | 'conversations' | 'users'>;
}
