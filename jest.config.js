/**
 * Two projects: `unit` (unit and integration tests, everything but test/e2e) and `e2e` (the
 * browser tests through the Agents Playground, which need Debian's Chromium).
 *
 * Without Chromium (CHROMIUM_PATH, default /usr/bin/chromium), `npm test` runs `unit` only and
 * prints ONE loud line saying the browser tests were skipped and how to run them. With
 * REQUIRE_E2E=1 (CI, `npm run test:e2e`) a missing Chromium is an error instead of a skip.
 */
const { existsSync } = require('node:fs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const requireE2e = process.env.REQUIRE_E2E === '1';
const haveChromium = existsSync(chromium);

if (!haveChromium && requireE2e) {
  throw new Error(
    `REQUIRE_E2E=1 but ${chromium} is missing: the browser tests cannot run. Install Debian's Chromium ` +
      '(apt-get update && apt-get install -y chromium); never `npx playwright install`.',
  );
}
if (!haveChromium) {
  process.stderr.write(
    `\n!!! BROWSER TESTS SKIPPED: ${chromium} is missing. Install it (apt-get install -y chromium) and run \`npm run test:e2e\`. !!!\n\n`,
  );
}

const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // jose 6 ships ES modules only; jest's CommonJS runtime needs it transpiled.
    '^.+/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
    },
    ...(haveChromium
      ? [{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] }]
      : []),
  ],
};
