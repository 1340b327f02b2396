/** Identity adapter (msal-node): public surface for src/main.ts, the channels and src/http. */
export { createIdentity, entraSettingsForSimulator, entraSettingsFromConfig } from './create-identity';
export type { Identity, IdentityOptions } from './create-identity';
export type { EntraSettings } from './entra-settings';
export type { IdentityHttpRequest, IdentityHttpResponse } from './http-types';
export { identityRoutes } from './identity-routes';
export { AUTH_CALLBACK_PATH, DEFAULT_SLACK_COMMAND, SLACK_START_PATH } from './slack-linking';
export { previousKeyMissing, rotateTokenCacheKey, type RotationCounts } from './rotate-token-cache';
