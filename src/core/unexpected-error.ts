/**
 * The one funnel for unexpected errors (bugs, malformed answers that are not a known failure):
 * the use cases rethrow them, and the channel that received the request calls this once. It logs
 * the error with the request's correlation id and the short reference people see, so support
 * can find the log line from what the person quotes (`ref 7f3a9c`).
 */
import { asCodedError, errorReference, type CodedError } from '../errors';
import type { Logger } from './logger';

export function reportUnexpected(
  log: Logger,
  err: unknown,
  correlationId: string,
  fields: Record<string, unknown> = {},
): CodedError {
  const coded = asCodedError(err);
  log.error(
    { err, errorCode: coded.code, correlationId, ref: errorReference(correlationId), ...fields },
    'request failed unexpectedly',
  );
  return coded;
}
