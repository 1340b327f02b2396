/** Writes audit entries without letting a failing audit log break the user's action. */
import type { AuditEntry } from '../store';
import type { PatUseCaseDeps } from './deps';

/** Records an audit entry (never a token value); a failure to record is logged, not thrown. */
export async function recordAudit(deps: PatUseCaseDeps, entry: AuditEntry): Promise<void> {
  try {
    await deps.audit.record(entry);
  } catch (e) {
    deps.logger.error(
      { action: entry.action, patId: entry.patId, err: e instanceof Error ? e.message : String(e) },
      'audit entry could not be written',
    );
  }
}
