/**
 * The edge's mapping from coded errors to HTTP statuses. A route (ours or an SDK's) throws a
 * `CodedError`; the edge answers `{ error: code, message }` with the status named here. Codes not
 * listed are internal errors (500, no message beyond "Internal error.").
 */
import type { ErrorCode } from '../errors';

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  'auth.channel_not_allowed': 403,
};

/** The HTTP status for a coded error a route refused a request with, or null (internal error). */
export function httpStatusOf(code: ErrorCode): number | null {
  return STATUS_OF[code] ?? null;
}
