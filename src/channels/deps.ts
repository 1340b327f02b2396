import type { Config } from '../config';
import type { Clock } from '../core/clock';
import type { IdentityService } from '../core/identity-service';
import type { Logger } from '../core/logger';
import type { Store } from '../core/store';
import type { TokenProvider } from '../core/token-provider';
import type { TokensApi } from '../core/tokens-api';

/** What the Teams and Slack adapters get from the composition root (src/main.ts). */
export interface ChannelDeps {
  config: Config;
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
}
