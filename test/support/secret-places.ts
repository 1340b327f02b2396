/**
 * Where a new PAT's secret must never end up, for the tests that prove it: the secret's shape
 * (the simulator's 84-character values with the `AZDO` signature) and the store file as bytes.
 */
import { existsSync, readFileSync } from 'node:fs';

/** A PAT secret as Azure DevOps (and the simulator) issues it. */
export const SECRET_SHAPE = /[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}/;

/**
 * The SQLite store file and its write-ahead log as one latin1 string (a secret written in
 * either would show up here), from the file path or a `sqlite:` database URL.
 */
export function storeFileText(pathOrUrl: string): string {
  const file = pathOrUrl.replace(/^sqlite:/, '');
  return ['', '-wal']
    .map((suffix) => (existsSync(file + suffix) ? readFileSync(file + suffix).toString('latin1') : ''))
    .join('');
}
