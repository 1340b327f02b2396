/** A coded error as a card: what happened and the one next step (a reference for internal errors). */
import { randomUUID } from 'node:crypto';
import { errorReference, type CodedError } from '../../errors';
import type { AdaptiveCard } from './cards/card-types';
import { messageCard } from './cards/message-card';

export function errorCard(error: CodedError, correlationId: string = randomUUID()): AdaptiveCard {
  return messageCard({
    text: error.message,
    nextStep: error.nextStep,
    tone: 'attention',
    reference: error.code === 'internal' ? errorReference(correlationId) : undefined,
  });
}
