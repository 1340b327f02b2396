/** The ports the PAT use cases need; Teams, Slack and the scheduler pass the same ones. */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AuditLog } from '../store';
import type { TokenOutcome, TokenProvider } from '../token-provider';
import type { TokensApi } from '../tokens-api';
import type { CodedError } from '../../errors';

export interface PatUseCaseDeps {
  tokensApi: TokensApi;
  tokenProvider: TokenProvider;
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
  /** Organisations read at once for one request (default ORG_CONCURRENCY). */
  orgConcurrency?: number;
  /** Days a Renew without a length asks for (RENEW_DEFAULT_DAYS; default DEFAULT_RENEW_DAYS, 90). */
  renewDefaultDays?: number;
  /** How people type commands in this channel (`pat` in Teams, `/pat` in Slack), for next steps. */
  prefix?: string;
}

/** A token outcome that is not `ok`: the channel shows its error and, if needed, a sign-in button. */
export type AuthFailure = Exclude<TokenOutcome, { kind: 'ok' }>;

/** One organisation that could not be read; the others' results are still returned. */
export interface OrgFailure {
  org: string;
  error: CodedError;
}
