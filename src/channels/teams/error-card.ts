/**
 * The one error style in Teams: what happened (in the attention colour), the one next step, a
 * reference for internal errors, and at most one link button (e.g. Open Personal access tokens).
 */
import { errorLink } from '../../core/error-links';
import { errorReference, type CodedError } from '../../errors';
import { openUrl, type AdaptiveCard } from './cards/card-types';
import { messageCard } from './cards/message-card';

export interface ProblemModel {
  /** What happened. */
  text: string;
  /** The one thing to do next. */
  nextStep?: string;
  /** `ref 7f3a`, for internal errors. */
  reference?: string;
  link?: { title: string; url: string };
}

export function problemCard(model: ProblemModel): AdaptiveCard {
  return messageCard({
    text: model.text,
    nextStep: model.nextStep,
    tone: 'attention',
    reference: model.reference,
    actions: model.link ? [openUrl(model.link.title, model.link.url)] : undefined,
  });
}

/** A coded error; an unexpected one names the request's correlation id, which the funnel logged. */
export function errorCard(error: CodedError, correlationId?: string): AdaptiveCard {
  return problemCard({
    text: error.message,
    nextStep: error.nextStep,
    reference: error.code === 'internal' && correlationId ? errorReference(correlationId) : undefined,
    link: errorLink(error),
  });
}
