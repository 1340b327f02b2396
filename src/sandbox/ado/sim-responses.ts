/** Wire shapes the simulator answers with, in the field order of the spec's JSON examples. */
import { randomUUID } from 'node:crypto';
import { formatServiceDate } from './sim-dates';
import type { SimOrg, SimPat } from './sim-state';
import { MSA_TENANT } from './sim-state';

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Spec `PatToken`: displayName, validTo, scope, targetAccounts, validFrom, authorizationId, token. */
export function wirePatToken(pat: SimPat, token: string | null = null): Record<string, unknown> {
  return {
    displayName: pat.displayName,
    validTo: formatServiceDate(pat.validTo),
    scope: pat.scope,
    targetAccounts: pat.targetAccounts === null ? null : [...pat.targetAccounts],
    validFrom: formatServiceDate(pat.validFrom),
    authorizationId: pat.authorizationId,
    token,
  };
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function patResult(pat: SimPat, token: string | null = null): SimResponse {
  return json(200, { patToken: wirePatToken(pat, token), patTokenError: 'none' });
}

export function patError(status: number, patTokenError: string): SimResponse {
  return json(status, { patToken: null, patTokenError });
}

/** The VSS exception body Azure DevOps uses for REST errors. */
export function vssError(
  status: number,
  message: string,
  typeKey: string,
  headers: Record<string, string> = {},
) {
  return json(
    status,
    {
      $id: '1',
      innerException: null,
      message,
      typeName: `Microsoft.TeamFoundation.Framework.Server.${typeKey}, Microsoft.TeamFoundation.Framework.Server`,
      typeKey,
      errorCode: 0,
      eventId: 3000,
    },
    headers,
  );
}

/** A realistic Azure DevOps 401: Basic/Bearer/TFS-Federated challenge and tenant headers. */
export function unauthorized(org: SimOrg | undefined, user: string): SimResponse {
  const tenant = org ? org.tenantId : MSA_TENANT;
  const message =
    user === ''
      ? "TF400813: The user '' is not authorized to access this resource."
      : `TF400813: The user '${user}' is not authorized to access this resource.`;
  return vssError(401, message, 'UnauthorizedRequestException', {
    'WWW-Authenticate': 'Basic realm="https://tfs.app.visualstudio.com/", Bearer, TFS-Federated',
    'X-TFS-FedAuthRealm': 'https://app.vssps.visualstudio.com/',
    'X-TFS-FedAuthIssuer': `https://${org?.name ?? 'app'}.visualstudio.com/`,
    'X-VSS-ResourceTenant': tenant,
    'X-TFS-ProcessId': randomUUID(),
    ActivityId: randomUUID(),
    'X-TFS-SoapException': encodeURIComponent(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope><soap:Body><soap:Fault><faultstring>${message}</faultstring></soap:Fault></soap:Body></soap:Envelope>`,
    ),
  });
}

/** The sign-in redirect Azure DevOps sends browsers (and callers without `X-TFS-FedAuthRedirect: Suppress`). */
export function signInRedirect(simulatorUrl: string, org: string): SimResponse {
  const location = `${simulatorUrl}/_signin?realm=vssps.dev.azure.com&reply_to=${encodeURIComponent(
    `https://vssps.dev.azure.com/${org}/_apis/tokens/pats`,
  )}&redirect=1&hid=${randomUUID()}`;
  return {
    status: 302,
    headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' },
    body: `<html><head><title>Object moved</title></head><body>\r\n<h2>Object moved to <a href="${location}">here</a>.</h2>\r\n</body></html>\r\n`,
  };
}

export function signInPage(): SimResponse {
  return {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>Sign in</body></html>',
  };
}
