/**
 * A personal access token as patbot sees it: the metadata the Tokens API returns, never the
 * secret value (the API returns it only on create, and patbot never stores, logs or shows it).
 */
export interface Pat {
  /** `authorizationId`: the PAT's stable id (uuid). */
  id: string;
  name: string;
  /** The organisation the PAT was listed from (the `{org}` in the URL). */
  org: string;
  /** Space-separated scopes; `app_token` means full access. */
  scope: string;
  /** Org ids the PAT is valid for; `null` means all accessible organisations (a global PAT). */
  targetAccounts: string[] | null;
  validFrom: Date;
  validTo: Date;
  /** Known only when the PAT was listed with the `revoked` filter (the API does not say otherwise). */
  revoked?: boolean;
}
