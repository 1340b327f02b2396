/** The Slack channel's public surface for src/main.ts. */
export { createSlackChannel, slackRoutes, type SlackChannel } from './slack-channel';
export type { SlackChannelOptions } from './slack-options';
export type { SignedInResult } from './signed-in-notice';
export { SlackNotifier } from './slack-notifier';
