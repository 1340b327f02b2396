/** A per-process id for leases and ledger claims: host, pid and a random suffix (no secrets). */
import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** e.g. `web-1:4242:9f3a1c`. */
export function defaultInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
