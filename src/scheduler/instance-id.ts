/**
 * Holder ids for leases and ledger claims: host, pid AND a random part (no secrets). Host and
 * pid alone are not unique: two containers from one image both run as PID 1 (and may share a
 * host name), and a holder treats a lease or claim with its own id as its own, so two processes
 * with one id would both sweep and both send every reminder. Store-agnostic on purpose.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** e.g. `web-1:4242:9f3a1c0d`, or `sweep-cli:web-1:1:07be44a2` with a `role`. */
export function defaultInstanceId(role?: string): string {
  const id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  return role ? `${role}:${id}` : id;
}
