/** Every variable patbot reads (blank counts as unset); test/config-docs.test.ts checks each is documented. */
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const schema = z.object({
  PORT: optional,
  HOST: optional,
  PUBLIC_BASE_URL: optional,
  BOT_ID: optional,
  BOT_PASSWORD: optional,
  BOT_TENANT_ID: optional,
  BOT_TYPE: optional,
  AAD_APP_CLIENT_ID: optional,
  AAD_APP_CLIENT_SECRET: optional,
  AAD_APP_CERT_PATH: optional,
  AAD_APP_CERT_THUMBPRINT: optional,
  AAD_APP_TENANT_ID: optional,
  AAD_APP_OAUTH_AUTHORITY_HOST: optional,
  ADO_ORGANIZATIONS: optional,
  MAX_ORGS_PER_USER: optional,
  RENEW_DEFAULT_DAYS: optional,
  ADO_VSSPS_BASE_URL: optional,
  ADO_SCOPES: optional,
  ADO_AUDIT_BASE_URL: optional,
  ADO_BASE_URL: optional,
  AUDIT_POLL_SECONDS: optional,
  ADMIN_DIGEST_AT: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_API_URL: optional,
  SLACK_COMMAND: optional,
  DATABASE_URL: optional,
  DATABASE_AUTH: optional,
  DATABASE_POOL_MAX: optional,
  DATABASE_ENTRA_CLIENT_ID: optional,
  TOKEN_CACHE_KEY: optional,
  TOKEN_CACHE_KEY_PREVIOUS: optional,
  LOG_LEVEL: optional,
  SANDBOX: optional,
  HTTP_BODY_LIMIT_BYTES: optional,
  AZURE_CLOUD: optional,
  BOT_OPENID_METADATA_URL: optional,
  BOT_EMULATOR_OPENID_METADATA_URL: optional,
  BOT_TOKEN_ISSUER: optional,
  BOT_LOGIN_URL: optional,
  BOT_OAUTH_SCOPE: optional,
  BOT_OAUTH_URL: optional,
  TEAMS_SSO_RESOURCE: optional,
  ALLOWED_TENANT_IDS: optional,
  READYZ_DETAIL_TOKEN: optional,
  REMINDER_CRON: optional,
  REMINDER_THRESHOLDS_DAYS: optional,
  REMINDER_WORKING_HOURS: optional,
  REMINDER_DEFAULT_TIMEZONE: optional,
  REMINDER_CONCURRENCY: optional,
  SWEEP_STALE_SECONDS: optional,
  // Read by loadEnvFile before everything else; listed so the docs test covers it.
  ENV_FILE: optional,
});

export type Raw = z.infer<typeof schema>;
