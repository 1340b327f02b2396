/** Wires the fakes into PatUseCaseDeps at a fixed time. */
import { fixedClock } from '../../../src/core/clock';
import type { PatUseCaseDeps } from '../../../src/core/use-cases/deps';
import { captureLogger, FakeTokenProvider, MemoryAuditLog } from './fake-ports';
import { FakeTokensApi } from './fake-tokens-api';

export const NOW = '2026-11-28T12:00:00Z';

export function world(now: string = NOW) {
  const clock = fixedClock(now);
  const tokensApi = new FakeTokensApi(clock);
  const tokenProvider = new FakeTokenProvider();
  const audit = new MemoryAuditLog();
  const logger = captureLogger();
  const deps: PatUseCaseDeps = { tokensApi, tokenProvider, clock, audit, logger };
  return { clock, tokensApi, tokenProvider, audit, logger, deps };
}
