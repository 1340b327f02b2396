/** What an admin command produced: a short text, optional lines, and a tone (cards and blocks render it). */
import type { CodedError } from '../../errors';
import type { AuthFailure } from '../use-cases/deps';

export interface AdminView {
  tone: 'default' | 'good' | 'warning' | 'attention';
  text: string;
  /** One fact per line (organisations, owners and their PATs). */
  lines: string[];
}

export type AdminResult =
  | { kind: 'view'; view: AdminView }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

export const view = (
  text: string,
  tone: AdminView['tone'] = 'default',
  lines: string[] = [],
): AdminResult => ({
  kind: 'view',
  view: { tone, text, lines },
});
