/**
 * Commands a person ran before linking their Microsoft account: kept in memory (per process)
 * until they finish signing in, then run once and answered on the same `response_url`.
 */
import type { SlackIds } from './slack-user';

export interface PendingCommand {
  text: string;
  responseUrl: string;
  channelId: string;
  channelName?: string;
  at: number;
}

export class PendingCommands {
  private readonly items = new Map<string, PendingCommand>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly max = 10_000,
  ) {}

  private key(ids: SlackIds): string {
    return `${ids.teamId}:${ids.slackUserId}`;
  }

  remember(ids: SlackIds, command: Omit<PendingCommand, 'at'>): void {
    if (this.items.size >= this.max) this.prune();
    if (this.items.size >= this.max) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    this.items.delete(this.key(ids));
    this.items.set(this.key(ids), { ...command, at: this.now() });
  }

  /** The pending command, removed; undefined when there is none or it is too old. */
  take(ids: SlackIds): PendingCommand | undefined {
    const item = this.items.get(this.key(ids));
    this.items.delete(this.key(ids));
    if (!item || this.now() - item.at > this.ttlMs) return undefined;
    return item;
  }

  private prune(): void {
    const limit = this.now() - this.ttlMs;
    for (const [k, v] of this.items) if (v.at < limit) this.items.delete(k);
  }
}
