/** Channel subscriptions and snoozes: the use cases Teams and Slack call. */
export { subscribe, type SubscribeInput, type SubscribeResult } from './subscribe';
export { unsubscribe, type UnsubscribeInput, type UnsubscribeResult } from './unsubscribe';
export { listSubscriptions, type ListSubscriptionsResult, type SubscriptionView } from './list-subscriptions';
export { snoozePat, snoozeFromButton, type SnoozeDeps, type SnoozeResult } from './snooze';
export { namePatternMatcher, normalizePattern } from './name-pattern';
export type { SubscriptionDeps } from './subscription-deps';
