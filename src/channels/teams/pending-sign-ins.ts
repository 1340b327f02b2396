/**
 * Commands waiting for a sign-in to finish (per user, 15 minutes), in the store so the sign-in
 * may finish on another instance: after a successful SSO exchange the command runs as if the
 * person had typed it again. Holds the command text and the conversation reference, no token.
 */
import type { ConversationReference } from 'botbuilder';
import { SharedValues } from '../../core/shared-values';
import type { EphemeralStore } from '../../core/store';

export interface PendingCommand {
  text: string;
  reference: Partial<ConversationReference>;
}

const TTL_MS = 15 * 60_000;

export class PendingSignIns {
  private readonly values: SharedValues<PendingCommand>;

  constructor(store: EphemeralStore, now: () => Date) {
    this.values = new SharedValues(store, 'teams-pending', TTL_MS, now);
  }

  /** Replaces the user's pending command. */
  remember(userId: string, text: string, reference: Partial<ConversationReference>): Promise<void> {
    return this.values.put(userId, { text, reference });
  }

  /** Takes the user's pending command (once, on whichever instance asks first). */
  take(userId: string): Promise<PendingCommand | null> {
    return this.values.take(userId);
  }
}
