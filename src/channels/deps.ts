import type { AdoConfig, Config, RemindersConfig } from '../config';
import type { AdminDeps } from '../core/admin/admin-deps';
import type { Clock } from '../core/clock';
import type { IdentityService } from '../core/identity-service';
import type { Logger } from '../core/logger';
import type { SweepSummary } from '../core/reminders/sweep-summary';
import type { Store } from '../core/store';
import type { TokenProvider } from '../core/token-provider';
import type { TokensApi } from '../core/tokens-api';

/** What every channel reads from the configuration (each channel's slice adds its own part). */
export interface ChannelConfig {
  readonly sandbox: boolean;
  readonly ado: AdoConfig;
  readonly reminders: Pick<RemindersConfig, 'thresholdsDays'>;
}

/** The Teams channel's slice: the bot registration, its cloud, tenants, and the sign-in page's Entra app. */
export type TeamsChannelConfig = ChannelConfig &
  Pick<Config, 'bot' | 'cloud' | 'teams' | 'entra'> & {
    readonly http: Pick<Config['http'], 'publicBaseUrl'>;
  };

/** The Slack channel's slice: the Slack app (null: the channel is given its credentials as options). */
export type SlackChannelConfig = ChannelConfig & Pick<Config, 'slack'>;

/** What the Teams and Slack adapters get from the composition root (src/composition). */
export interface ChannelDeps<C extends ChannelConfig = ChannelConfig> {
  /** The channel's own slice of the configuration, never the whole of it. */
  config: C;
  logger: Logger;
  clock: Clock;
  store: Store;
  tokensApi: TokensApi;
  /** Silent per-user token for Azure DevOps (cache + refresh token). */
  tokenProvider: TokenProvider;
  identity: IdentityService;
  /** HMAC key for tamper-proof card and button action values. */
  actionKey: Buffer;
  /** The action key derived from TOKEN_CACHE_KEY_PREVIOUS: still verifies (never signs) during a rotation. */
  previousActionKey?: Buffer | null;
  /**
   * `pat remind me`: the caller's reminder sweep now, ignoring working hours. Sandbox mode only
   * (undefined elsewhere); null when the user is unknown.
   */
  remindNow?: (userId: string) => Promise<SweepSummary | null>;
  /** `pat admin …` (the organisation watch); absent: not available. */
  admin?: AdminDeps;
}
