/** The Teams channel: public surface for src/main.ts and the scheduler. */
export { createTeamsChannel, teamsRoutes, type TeamsChannel } from './teams-channel';
export type { TeamsChannelOptions } from './teams-settings';
export type { ProactiveSender } from './proactive-sender';
export { createTeamsNotifier, type TeamsNotifierDeps } from './teams-notifier';
export {
  AZURE_CLOUDS,
  parseAzureCloud,
  resolveCloudEndpoints,
  CloudEndpointError,
  type AzureCloud,
  type CloudEndpointInput,
  type CloudEndpoints,
} from '../../cloud-endpoints';
