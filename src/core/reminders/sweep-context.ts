/** What every step of a sweep shares: ports, resolved options, the sweep's clock and its tally. */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Notifier } from '../notifier';
import type { Store } from '../store';
import type { TokenProvider } from '../token-provider';
import type { TokensApi } from '../tokens-api';
import type { ResolvedSweepOptions } from './sweep-options';
import type { SweepTally } from './sweep-summary';

/** The ports a sweep needs (the composition root passes the real ones; tests the real store too). */
export interface SweepDeps {
  /** `sweeps` absent (dry runs): the sweep runs in this process only. */
  store: Pick<Store, 'users' | 'conversations' | 'subscriptions' | 'ledger' | 'snoozes' | 'revokeReminders'> &
    Partial<Pick<Store, 'sweeps'>>;
  tokensApi: TokensApi;
  tokenProvider: TokenProvider;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
}

export interface SweepContext extends SweepDeps {
  options: ResolvedSweepOptions;
  /** The sweep's planning instant (one per sweep, so every decision sees the same time). */
  now: Date;
  tally: SweepTally;
}
