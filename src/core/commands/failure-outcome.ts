/** The failures every PAT use case returns (sign-in needed, a known error, several PATs match), as outcomes. */
import type { CodedError } from '../../errors';
import type { AuthFailure } from '../use-cases/deps';
import type { CommandOutcome } from './command-outcome';

export type UseCaseFailure =
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError }
  | { kind: 'ambiguous'; message: string };

export function isUseCaseFailure<R extends { kind: string }>(
  result: R,
): result is Extract<R, { kind: UseCaseFailure['kind'] }> {
  return result.kind === 'auth' || result.kind === 'failed' || result.kind === 'ambiguous';
}

export function failureOutcome(result: UseCaseFailure): CommandOutcome {
  switch (result.kind) {
    case 'auth':
      return { kind: 'needs_signin', outcome: result.outcome };
    case 'failed':
      return { kind: 'problem', error: result.error };
    case 'ambiguous':
      return { kind: 'ambiguous', message: result.message };
  }
}
