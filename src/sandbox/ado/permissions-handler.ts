/**
 * `GET dev.azure.com/{org}/_apis/permissions/{securityNamespaceId}/{permissions}?tokens=…`
 * (Security - Permissions - Has Permissions): one boolean per token, for the caller. Only the
 * AuditLog namespace is modelled: Read (1) = "View audit log", held by Project Collection
 * Administrators and anyone granted it. `alwaysAllowAdministrators=true` lets collection
 * administrators pass any bit; without it they hold Read only (granted to the group by default).
 * An unknown parameter (such as `alwaysAllow`) is ignored, as the service does.
 */
import { orgAdmin } from './sim-org-admin';
import { json, vssError, type SimResponse } from './sim-responses';
import type { SimOrg } from './sim-state';

export const AUDIT_LOG_NAMESPACE = 'a6cc6381-a1ca-4b36-b3c1-4e65211e82b6';
export const AUDIT_LOG_TOKEN = '/AllPermissions';

export function canReadAuditLog(org: SimOrg, oid: string): boolean {
  const admin = orgAdmin(org);
  return admin.collectionAdmins.has(oid) || admin.auditReaders.has(oid);
}

export function handlePermissions(req: {
  query: URLSearchParams;
  org: SimOrg;
  oid: string;
  namespaceId: string;
  permissions: string;
}): SimResponse {
  const bits = Number(req.permissions);
  if (!Number.isInteger(bits) || bits < 1) {
    return vssError(400, 'permissions must be a positive integer bit mask.', 'InvalidArgumentValueException');
  }
  const delimiter = req.query.get('delimiter') ?? ',';
  const tokens = (req.query.get('tokens') ?? '').split(delimiter).filter((t) => t !== '');
  if (tokens.length === 0) return vssError(400, 'tokens is required.', 'ArgumentNullException');
  const admin = orgAdmin(req.org);
  const alwaysAllowAdmins = req.query.get('alwaysAllowAdministrators')?.toLowerCase() === 'true';
  const value = tokens.map((token) => {
    if (req.namespaceId.toLowerCase() !== AUDIT_LOG_NAMESPACE || token !== AUDIT_LOG_TOKEN) return false;
    // Read (1) only by grant: write and stream management stay with administrators.
    if (admin.collectionAdmins.has(req.oid)) return alwaysAllowAdmins || bits === 1;
    return bits === 1 && admin.auditReaders.has(req.oid);
  });
  return json(200, { count: value.length, value });
}
