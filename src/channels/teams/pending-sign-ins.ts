/**
 * Commands waiting for a sign-in to finish (in memory, per user, 15 minutes): after a successful
 * SSO exchange the command runs as if the person had typed it again.
 */
import type { ConversationReference } from 'botbuilder';

export interface PendingCommand {
  text: string;
  reference: Partial<ConversationReference>;
  expiresAt: number;
}

const TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 10_000;

export class PendingSignIns {
  private readonly entries = new Map<string, PendingCommand>();

  constructor(private readonly now: () => Date) {}

  remember(userId: string, text: string, reference: Partial<ConversationReference>): void {
    if (this.entries.size >= MAX_ENTRIES) this.prune();
    this.entries.delete(userId);
    this.entries.set(userId, { text, reference, expiresAt: this.now().getTime() + TTL_MS });
  }

  /** Takes the user's pending command (once). */
  take(userId: string): PendingCommand | null {
    const entry = this.entries.get(userId);
    this.entries.delete(userId);
    if (!entry || entry.expiresAt <= this.now().getTime()) return null;
    return entry;
  }

  private prune(): void {
    const now = this.now().getTime();
    for (const [k, v] of this.entries) if (v.expiresAt <= now) this.entries.delete(k);
    while (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
