/** Azure DevOps PAT Lifecycle Management API client (implements the core `TokensApi` port). */
export { AdoTokensClient, ADO_TOKENS_API_VERSION, type AdoTokensClientOptions } from './ado-tokens-client';
export {
  PAT_TOKEN_ERRORS,
  patTokenErrorRow,
  type KnownPatTokenError,
  type PatTokenErrorRow,
} from './pat-token-errors';
export { DEFAULT_RETRY, type RetryOptions } from './retry-policy';
export type { Sleep } from './rate-limit-gate';
export type { FetchFn } from './ado-transport';
export { AdoAdminClient, type AdoAdminClientOptions } from './ado-admin-client';
