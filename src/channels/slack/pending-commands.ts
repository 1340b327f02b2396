/**
 * Commands a person ran before linking their Microsoft account: kept in the store (any
 * instance may handle the sign-in callback) until they finish signing in, then run once and
 * answered on the same `response_url`. Holds the command text and where to answer, no token.
 */
import { SharedValues } from '../../core/shared-values';
import type { EphemeralStore } from '../../core/store';
import type { SlackIds } from './slack-user';

export interface PendingCommand {
  text: string;
  responseUrl: string;
  channelId: string;
  channelName?: string;
}

export class PendingCommands {
  private readonly values: SharedValues<PendingCommand>;

  constructor(store: EphemeralStore, ttlMs: number, now: () => Date) {
    this.values = new SharedValues(store, 'slack-pending', ttlMs, now);
  }

  private key(ids: SlackIds): string {
    return `${ids.teamId}:${ids.slackUserId}`;
  }

  /** Replaces the person's pending command. */
  remember(ids: SlackIds, command: PendingCommand): Promise<void> {
    return this.values.put(this.key(ids), command);
  }

  /** The pending command, removed; null when there is none or it is too old. */
  take(ids: SlackIds): Promise<PendingCommand | null> {
    return this.values.take(this.key(ids));
  }
}
