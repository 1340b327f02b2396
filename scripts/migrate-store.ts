/**
 * `npm run migrate-store -- --from sqlite:./data/patbot.db --to postgres://user:pw@host/db`
 * copies a SQLite store into PostgreSQL (see src/store/copy-store.ts and docs/storage.md).
 * Idempotent: rows already in PostgreSQL are kept, so running it again copies 0 new rows.
 * Stop the bot (or let it run read-mostly) while copying; see docs/storage.md for the steps.
 */
import { CodedError } from '../src/errors';
import { copySqliteToPostgres, SKIPPED_TABLES, type TableCopy } from '../src/store/copy-store';
import { redactDatabaseUrl } from '../src/store/database-url';

export const HELP = `Usage: npm run migrate-store -- --from sqlite:<file> --to postgres://user:password@host:5432/db [--auth entra]

Copies patbot's data from a SQLite file into PostgreSQL, in one transaction:
users, identities, conversations, subscriptions, reminder ledger, snoozes, token cache
(ciphertext as is: keep the same TOKEN_CACHE_KEY), audit log, and the unexpired nonces and
shared values (commands waiting for a sign-in, sign-in failure memos). Not copied: the sweep
lease and the sweep queues (transient; the next sweep plans afresh).
Rows already in PostgreSQL are left unchanged, so running it again copies 0 new rows.

  --from   the SQLite store (DATABASE_URL form: sqlite:./data/patbot.db)
  --to     the PostgreSQL store (add ?sslmode=require for Azure)
  --auth   password (default; from the URL) or entra (managed identity / az login token)
  --help   this text
`;

export interface MigrateArgs {
  from: string;
  to: string;
  auth: 'password' | 'entra';
}

function bad(message: string): CodedError {
  return new CodedError('input.invalid', message, { nextStep: 'Run npm run migrate-store -- --help.' });
}

/** Parses the command line; null for --help. @throws CodedError `input.invalid` */
export function parseMigrateArgs(argv: readonly string[]): MigrateArgs | null {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return null;
    const match = /^--(from|to|auth)(?:=(.*))?$/.exec(arg);
    if (!match) throw bad(`Unknown option "${arg}".`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw bad(`--${match[1]} needs a value.`);
    values[match[1]] = value;
  }
  if (!values.from || !values.to) throw bad('Both --from and --to are required.');
  const auth = (values.auth ?? 'password').toLowerCase();
  if (auth !== 'password' && auth !== 'entra') throw bad(`--auth "${values.auth}" is not password or entra.`);
  return { from: values.from, to: values.to, auth };
}

/** The table printed at the end. */
export function formatCounts(counts: readonly TableCopy[]): string {
  const lines = [
    `${'table'.padEnd(20)} ${'read'.padStart(8)} ${'copied'.padStart(8)} ${'already there'.padStart(14)}`,
  ];
  for (const c of counts)
    lines.push(
      `${c.table.padEnd(20)} ${String(c.read).padStart(8)} ${String(c.copied).padStart(8)} ${String(c.existing).padStart(14)}`,
    );
  const copied = counts.reduce((n, c) => n + c.copied, 0);
  const existing = counts.reduce((n, c) => n + c.existing, 0);
  lines.push(`total: ${copied} row(s) copied, ${existing} already there.`);
  lines.push(`not copied: ${SKIPPED_TABLES.map((s) => `${s.table} (${s.why})`).join(', ')}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseMigrateArgs(process.argv.slice(2));
  if (args === null) {
    process.stdout.write(HELP);
    return;
  }
  process.stdout.write(`Copying ${args.from} -> ${redactDatabaseUrl(args.to)}\n`);
  const counts = await copySqliteToPostgres(args.from, args.to, { auth: args.auth });
  process.stdout.write(`${formatCounts(counts)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof CodedError)
      process.stderr.write(`${error.code}: ${error.message}\n${error.nextStep}\n`);
    else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
