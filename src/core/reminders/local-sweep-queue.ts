/**
 * A `SweepQueue` in this process only, for stores without one (dry runs read the real store
 * but must not write to it): the same contract as the store's queue, over `listSignedIn`.
 */
import type { ClaimedSweepItem, SweepProgress, SweepQueue, SweepRun, UserStore } from '../store';

interface Item {
  status: 'pending' | 'claimed' | 'done';
  holder: string | null;
  claimedAt: number;
  attempts: number;
  result: string | null;
}

export class LocalSweepQueue implements SweepQueue {
  private readonly runs = new Map<string, { run: SweepRun; finished: boolean; items: Map<string, Item> }>();

  constructor(private readonly users: Pick<UserStore, 'listSignedIn'>) {}

  async open(run: SweepRun): Promise<number> {
    if (this.runs.has(run.sweepId)) return 0;
    const items = new Map<string, Item>();
    for (let after: string | null = null; ;) {
      const page = await this.users.listSignedIn(after, 500);
      for (const u of page)
        items.set(u.id, { status: 'pending', holder: null, claimedAt: 0, attempts: 0, result: null });
      if (page.length < 500) break;
      after = page[page.length - 1].id;
    }
    this.runs.set(run.sweepId, { run, finished: false, items });
    return items.size;
  }

  async latestOpen(since: Date): Promise<SweepRun | null> {
    const open = [...this.runs.values()].filter((r) => !r.finished && r.run.openedAt >= since);
    return open.sort((a, b) => b.run.openedAt.getTime() - a.run.openedAt.getTime())[0]?.run ?? null;
  }

  async claim(
    sweepId: string,
    holder: string,
    now: Date,
    staleAfterMs: number,
    limit: number,
  ): Promise<ClaimedSweepItem[]> {
    const claimed: ClaimedSweepItem[] = [];
    const staleBefore = now.getTime() - staleAfterMs;
    for (const [userId, item] of this.runs.get(sweepId)?.items ?? []) {
      if (claimed.length >= limit) break;
      if (item.status === 'done' || (item.status === 'claimed' && item.claimedAt > staleBefore)) continue;
      Object.assign(item, {
        status: 'claimed',
        holder,
        claimedAt: now.getTime(),
        attempts: item.attempts + 1,
      });
      claimed.push({ userId, takeover: item.attempts > 1 });
    }
    return claimed;
  }

  async complete(sweepId: string, userId: string, holder: string, result: string | null): Promise<boolean> {
    const item = this.runs.get(sweepId)?.items.get(userId);
    if (!item || item.status !== 'claimed' || item.holder !== holder) return false;
    Object.assign(item, { status: 'done', result });
    return true;
  }

  async progress(sweepId: string): Promise<SweepProgress> {
    const progress: SweepProgress = { total: 0, pending: 0, claimed: 0, done: 0 };
    for (const item of this.runs.get(sweepId)?.items.values() ?? []) {
      progress.total++;
      progress[item.status]++;
    }
    return progress;
  }

  async finish(sweepId: string): Promise<boolean> {
    const entry = this.runs.get(sweepId);
    if (!entry || entry.finished) return false;
    entry.finished = true;
    return true;
  }

  async results(
    sweepId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<Array<{ userId: string; result: string }>> {
    const all = [...(this.runs.get(sweepId)?.items ?? [])]
      .filter(([id, item]) => item.result !== null && (afterUserId === null || id > afterUserId))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return all.slice(0, limit).map(([userId, item]) => ({ userId, result: item.result as string }));
  }
}
