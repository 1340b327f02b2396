/** Each channel's slice of the configuration (a channel never sees the whole of it). */
import type { Config } from '../config';
import type { ChannelConfig, SlackChannelConfig, TeamsChannelConfig } from '../channels/deps';

/** What every channel reads (organisations, sandbox mode, reminder thresholds). */
export function channelConfigOf(config: Config): ChannelConfig {
  return {
    sandbox: config.sandbox,
    ado: config.ado,
    reminders: { thresholdsDays: config.reminders.thresholdsDays },
  };
}

export function teamsConfigOf(config: Config): TeamsChannelConfig {
  const { bot, cloud, teams, entra } = config;
  return {
    ...channelConfigOf(config),
    bot,
    cloud,
    teams,
    entra,
    http: { publicBaseUrl: config.http.publicBaseUrl },
  };
}

export function slackConfigOf(config: Config): SlackChannelConfig {
  return { ...channelConfigOf(config), slack: config.slack };
}
