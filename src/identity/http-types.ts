/** Framework-free HTTP shapes for the sign-in endpoints (src/http mounts them on restify). */

export interface IdentityHttpRequest {
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface IdentityHttpResponse {
  status: number;
  headers: Record<string, string>;
  /** HTML, or empty for a redirect. */
  body: string;
}

/** First value of a query parameter. */
export function queryValue(req: IdentityHttpRequest, name: string): string | undefined {
  const v = req.query[name];
  return Array.isArray(v) ? v[0] : v;
}
