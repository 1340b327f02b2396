/**
 * The HTTP request's correlation id inside a Bolt listener: ./slack-receiver.ts passes it as a
 * custom property, which Bolt merges into `context`. Without one (a re-run after sign-in has no
 * request of its own) a fresh `slack-…` id is made; it is still the one logged and shown.
 */
import { randomBytes } from 'node:crypto';

export function correlationIdOf(context: Record<string, unknown> | undefined): string {
  const id = context?.correlationId;
  return typeof id === 'string' && id !== '' ? id : `slack-${randomBytes(6).toString('hex')}`;
}
