/**
 * A separate bot process for the multi-process tests: opens the store at argv[2], waits until
 * the wall-clock time argv[4], then races for argv[5] ledger entries, leases and nonces as
 * holder argv[3], finds-or-creates as many users, and prints the outcome as one JSON line.
 */
import { openStore } from '../../../src/store/open-store';

async function main(): Promise<void> {
  const [url, holder, startAt, countText] = process.argv.slice(2);
  const count = Number(countText);
  const store = await openStore(url);
  const now = new Date('2026-03-01T08:00:00.000Z');
  const expires = new Date('2026-03-01T09:00:00.000Z');
  while (Date.now() < Number(startAt)) {
    // Busy-wait so every process starts at the same moment.
  }
  const won = {
    ledger: [] as number[],
    leases: [] as number[],
    nonces: [] as number[],
    users: [] as string[],
  };
  for (let i = 0; i < count; i += 1) {
    if (await store.ledger.claim({ patId: `pat-${i}`, threshold: '7d', target: 't' }, holder, now, 600_000))
      won.ledger.push(i);
    if (await store.leases.tryAcquire(`lease-${i}`, holder, now, 600_000)) won.leases.push(i);
    if (await store.nonces.use(`nonce-${i}`, expires, now)) won.nonces.push(i);
    won.users.push(
      (await store.users.upsertByIdentity({ platform: 'slack', teamId: 'T1', slackUserId: `U${i}` })).id,
    );
  }
  await store.close();
  process.stdout.write(`${JSON.stringify(won)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
