import { failureNextStep, orgFailuresLine } from '../../core/org-failures';
import type { OrgFailure } from '../../core/use-cases/deps';

/** One line for every organisation that could not be read, with what to do ('' for none). */
export function failureLineFor(failures: readonly OrgFailure[], prefix = '/pat'): string {
  if (failures.length === 0) return '';
  return `${orgFailuresLine(failures)} ${failureNextStep(failures, prefix)}`;
}
