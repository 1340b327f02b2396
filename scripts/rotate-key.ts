/**
 * `npm run rotate-key`: finishes a TOKEN_CACHE_KEY rotation. With TOKEN_CACHE_KEY set to the new
 * key and TOKEN_CACHE_KEY_PREVIOUS to the old one (the same environment as the bot), it
 * re-encrypts every token cache partition still sealed with the old key and prints the counts
 * (`reencrypted`, `alreadyCurrent`, `unreadable`) as JSON. Idempotent, and safe while bot
 * instances run. Afterwards TOKEN_CACHE_KEY_PREVIOUS can be removed (see docs/configuration.md).
 */
import { loadConfig, processEnv, type Env } from '../src/config';
import type { Logger } from '../src/core/logger';
import { CodedError } from '../src/errors';
import { previousKeyMissing, rotateTokenCacheKey, type RotationCounts } from '../src/identity';
import { createLogger } from '../src/logger';
import { openStore } from '../src/store';

/** Reads the configuration, opens the store, rotates, closes the store. */
export async function runRotateKey(env: Env, logger?: Logger): Promise<RotationCounts> {
  const config = loadConfig(env);
  const log = logger ?? createLogger({ level: config.log.level });
  // Checked before the store is opened: nothing is touched without the previous key.
  if (!config.tokenCache.previousKey) throw previousKeyMissing();
  const store = await openStore(config.database.url, { logger: log });
  try {
    return await rotateTokenCacheKey({
      tokenCache: store.tokenCache,
      key: config.tokenCache.key,
      previousKey: config.tokenCache.previousKey,
      logger: log.child({ component: 'rotate-key' }),
    });
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  runRotateKey(processEnv()).then(
    (counts) => {
      process.stdout.write(`${JSON.stringify(counts)}\n`);
      if (counts.unreadable > 0) {
        process.stderr.write(
          `${counts.unreadable} partition(s) open with neither key; those people will be asked to sign in again.\n`,
        );
      }
      process.exit(0);
    },
    (error: unknown) => {
      const e = error instanceof CodedError ? `${error.message}\n${error.nextStep}` : String(error);
      process.stderr.write(`${e}\n`);
      process.exit(1);
    },
  );
}
