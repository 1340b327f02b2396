/**
 * Work that must not hold up an invoke answer (Teams waits about 5 seconds), e.g. re-running a
 * command after sign-in. Runs in a proactive turn; `idle()` lets shutdown and tests wait for it.
 */
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from '../../core/logger';

export type ContinueConversation = (
  reference: Partial<ConversationReference>,
  logic: (ctx: TurnContext) => Promise<void>,
) => Promise<void>;

export class Background {
  private readonly running = new Set<Promise<void>>();
  private continueConversation: ContinueConversation | null = null;

  constructor(private readonly log: Logger) {}

  bind(continueConversation: ContinueConversation): void {
    this.continueConversation = continueConversation;
  }

  run(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): void {
    const go = this.continueConversation;
    if (!go) return;
    const task = go(reference, logic)
      .catch((err: unknown) => this.log.error({ err }, 'background turn failed'))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
