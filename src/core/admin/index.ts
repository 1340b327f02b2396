/** The organisation watch for administrators (issue 16): commands, audit poller, expiry view. */
export { parseAdminArgs, runAdminCommand, ADMIN_EXAMPLES, type AdminCommand } from './admin-command';
export type { AdminDeps } from './admin-deps';
export type { AdminView, AdminResult } from './admin-view';
export type { AdminWatchStore, OrgWatch, WatchProgress } from './admin-store';
export type { OrgAdminApi, AuditEvent, OrgUser, AdminPat } from './org-admin-api';
export { pollAllOrgs, pollOrg, type PollSummary } from './poll-audit';
export { tokenEventAlert } from './deliver-event';
