/**
 * Child-process half of the "second, fresh process" test: opens the same SQLite store, builds
 * the identity adapter with Node's standard trust (NODE_EXTRA_CA_CERTS, no custom CA) and asks
 * for the user's token silently. Prints one JSON line with the outcome (never the token itself).
 */
import { createHash } from 'node:crypto';
import { systemClock } from '../../src/core/clock';
import { silentLogger } from '../../src/core/logger';
import { createIdentity, entraSettingsForSimulator } from '../../src/identity';
import { openStore } from '../../src/store/open-store';

async function main(): Promise<void> {
  const env = process.env;
  const sim = JSON.parse(env.PATBOT_TEST_SIM ?? '{}') as {
    origin: string;
    tenantId: string;
    clientId: string;
    clientSecret: string;
  };
  const store = await openStore(env.PATBOT_TEST_DB ?? '');
  try {
    const identity = createIdentity({
      entra: entraSettingsForSimulator(sim, [env.PATBOT_TEST_SCOPE ?? '']),
      tokenCacheKey: Buffer.from(env.PATBOT_TEST_KEY ?? '', 'hex'),
      publicBaseUrl: 'https://patbot.example',
      store,
      logger: silentLogger,
      clock: systemClock,
    });
    const outcome = await identity.tokenProvider.getAccessToken(env.PATBOT_TEST_USER ?? '');
    const line =
      outcome.kind === 'ok'
        ? {
            kind: outcome.kind,
            tokenSha256: createHash('sha256').update(outcome.accessToken).digest('hex'),
            oid: (
              JSON.parse(Buffer.from(outcome.accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
                oid: string;
              }
            ).oid,
          }
        : { kind: outcome.kind, code: outcome.error.code, details: outcome.error.details };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await store.close();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`fresh process failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
