/**
 * Coded errors: every failure patbot reports has a stable string code (for logs, tests and
 * support), a plain message for people, and the one thing to do next.
 *
 * HTTP status mapping happens only at the edge (src/http), never here.
 */

export const ERROR_CODES = [
  // configuration and start-up
  'config.invalid',
  'http.port_in_use',
  'store.unavailable',
  'store.not_writable',
  // user input
  'input.invalid',
  'input.too_large',
  'input.unknown_command',
  // who may act
  'action.not_owner',
  'action.tampered',
  'action.expired',
  'action.used',
  // identity
  'auth.needs_signin',
  'auth.needs_consent',
  'auth.claims_challenge',
  'auth.unavailable',
  'auth.state_invalid',
  'auth.channel_not_allowed',
  'auth.tenant_not_allowed',
  'auth.no_identity',
  // Azure DevOps: authentication and reachability
  'ado.pat_not_accepted',
  'ado.app_only_token',
  'ado.unauthorized',
  'ado.forbidden',
  'ado.not_member',
  'ado.msa_org',
  'ado.sign_in_redirect',
  'ado.throttled',
  'ado.unavailable',
  'ado.timeout',
  'ado.bad_response',
  'ado.org_not_found',
  // Azure DevOps: PAT lifecycle outcomes (patTokenError values)
  'ado.pat_not_found',
  'ado.pat_expired_cannot_extend',
  'ado.pat_revoked',
  'ado.pat_invalid_request',
  'ado.pat_policy_global',
  'ado.pat_policy_full_scope',
  'ado.pat_policy_lifespan',
  'ado.pat_policy_creation_disabled',
  'ado.pat_global_creation_blocked',
  'ado.pat_policy_unreadable',
  'ado.pat_access_denied',
  'ado.pat_invalid_source_ip',
  'ado.pat_identity_rejected',
  'ado.pat_service_error',
  'ado.pat_error_unknown',
  // messaging platforms
  'chat.unreachable',
  'chat.throttled',
  // anything else
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A sentence that may name a command: a function of the channel's command prefix (`pat` in
 * Teams, `/pat` in Slack), so each channel gets it worded for itself instead of rewritten.
 */
export type Wording = string | ((prefix: string) => string);

/** How Teams people type commands; the wording of `nextStep` and `userText`. */
export const DEFAULT_PREFIX = 'pat';

/** A `Wording` for one channel's prefix. */
export function worded(wording: Wording, prefix: string): string {
  return typeof wording === 'string' ? wording : wording(prefix);
}

export interface CodedErrorOptions {
  /** What the person should do next; every user-facing error has one. */
  nextStep: Wording;
  /** Underlying error (kept for logs, never shown to people). */
  cause?: unknown;
  /** Structured, non-secret details for logs (HTTP status, patTokenError value, org, …). */
  details?: Record<string, unknown>;
  /** When the caller may try again, in seconds (throttling). */
  retryAfterSeconds?: number;
}

export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly #nextStep: Wording;
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  /** @param message plain sentence for people: what happened. */
  constructor(code: ErrorCode, message: string, options: CodedErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CodedError';
    this.code = code;
    this.#nextStep = options.nextStep;
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** What to do next, with the `pat` prefix (Teams); `nextStepFor` words it for another channel. */
  get nextStep(): string {
    return this.nextStepFor(DEFAULT_PREFIX);
  }

  /** What to do next, naming commands with `prefix` (`/pat` in Slack). */
  nextStepFor(prefix: string): string {
    return worded(this.#nextStep, prefix);
  }

  /** The sentence shown to people: what happened, then what to do (`pat` prefix). */
  get userText(): string {
    return this.userTextFor(DEFAULT_PREFIX);
  }

  /** The sentence shown to people, naming commands with `prefix`. */
  userTextFor(prefix: string): string {
    return `${this.message} ${this.nextStepFor(prefix)}`.trim();
  }
}

export function isCodedError(value: unknown): value is CodedError {
  return value instanceof CodedError;
}

/** The one funnel: anything thrown becomes a CodedError (unknown errors become `internal`). */
export function asCodedError(value: unknown): CodedError {
  if (isCodedError(value)) return value;
  return new CodedError('internal', 'Something went wrong on my side.', {
    nextStep: 'Try again in a minute; if it keeps happening, tell your administrator the reference below.',
    cause: value,
  });
}

/** A short reference people can quote so support can find the log line (`ref 7f3a`). */
export function errorReference(correlationId: string): string {
  return `ref ${correlationId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 6)}`;
}
