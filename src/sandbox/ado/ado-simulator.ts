/**
 * A real HTTP server implementing the Azure DevOps PAT Lifecycle Management API
 * (`/{org}/_apis/tokens/pats`) for sandbox mode, tests and benchmarks, with a control API to
 * seed data, read state back, count calls and inject faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../core/clock';
import { silentLogger, type Logger } from '../../core/logger';
import { adminControls, ownerNameOf, type AdminControls } from './admin-controls';
import { handleAdminApi, matchAdminRoute, type AdminRoute } from './admin-routes';
import { ContinuationTokens } from './continuation-token';
import { handlePats } from './pats-handler';
import { recordTokenEvent } from './sim-org-admin';
import { credentialChecker, hasScopeFor, type Credential } from './sim-auth';
import type { SimJwks } from './sim-jwt-verify';
import { FaultQueue, faultHeaders, isTerminal, type AdoFault } from './sim-faults';
import {
  json,
  patError,
  signInPage,
  signInRedirect,
  unauthorized,
  vssError,
  type SimResponse,
} from './sim-responses';
import {
  SimState,
  type AddOrgInput,
  type AddPatInput,
  type SimPat,
  type SimPolicies,
  type SimUser,
} from './sim-state';

export interface AdoSimulatorOptions {
  /** Trusted signing keys (e.g. `jwks(key)` from src/sandbox/signing-key.ts). */
  jwks?: SimJwks;
  /** And/or a JWKS URL (fetched and cached; refreshed on an unknown `kid`). */
  jwksUrl?: string;
  /** Accepted token issuers, e.g. `https://sts.windows.net/{tid}/`. */
  issuers: string[];
  /** Time for token validity, PAT expiry and caps (default system clock). */
  clock?: Clock;
  /** Latency added to every API call, in ms (default 0). */
  latencyMs?: number;
  /** HTTP status sent with a `patTokenError` body (unverified in the real service; default 400). */
  patErrorStatus?: number;
  /** Refuse global-PAT creation with `globalPATCreationBlocked`. */
  blockGlobalCreation?: boolean;
  /** Users per Graph users page (default 100). */
  graphPageSize?: number;
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  logger?: Logger;
}

export interface SimRequestRecord {
  method: string;
  path: string;
  /** The raw query string (without `?`), to assert what the client asked for. */
  query: string;
  org: string;
  /** The JSON request body, when there was one (to assert what the client sent). */
  body?: unknown;
  /** The caller's Entra object id when the credential was a valid user token. */
  oid?: string;
  status: number;
}

export interface RequestFilter {
  method?: string;
  org?: string;
  oid?: string;
}

/** A read-only copy of a simulated PAT (never its secret: the simulator does not keep it). */
export type SimPatSnapshot = Readonly<SimPat>;

export interface AdoSimulator extends AdminControls {
  /** Base URL to use as the client's `baseUrl` (like `https://vssps.dev.azure.com`). */
  readonly url: string;
  close(): Promise<void>;
  addOrg(input: AddOrgInput): { id: string; name: string; tenantId: string };
  addMember(org: string, user: SimUser): void;
  setPolicies(org: string, policies: Partial<SimPolicies>): void;
  /** Seeds a PAT; returns its snapshot (use `authorizationId` as the id). */
  addPat(input: AddPatInput): SimPatSnapshot;
  /** Reads a PAT back (to assert a change really happened). */
  getPat(id: string): SimPatSnapshot | undefined;
  /** All PATs of a user, any org. */
  patsOf(oid: string): SimPatSnapshot[];
  inject(fault: AdoFault): void;
  clearFaults(): void;
  /** Faults still waiting to fire. */
  readonly pendingFaults: number;
  setLatency(ms: number): void;
  requests(filter?: RequestFilter): SimRequestRecord[];
  requestCount(filter?: RequestFilter): number;
  /** Clears the request log and the in-flight high-water mark. */
  resetRequests(): void;
  /** The most requests answered at the same time since the last reset (to check callers bound their fan-out). */
  maxInFlight(): number;
}

const ROUTE = /^\/([^/]+)\/_apis\/tokens\/pats\/?$/i;
const API_VERSIONS = /^(6\.1-preview(\.1)?|7\.0-preview\.1|7\.1-preview\.1|7\.2-preview\.1|7\.1)$/;
const MAX_BODY = 1_000_000;

/** Starts the simulator on 127.0.0.1 (port 0 by default). */
export async function startAdoSimulator(options: AdoSimulatorOptions): Promise<AdoSimulator> {
  const clock = options.clock ?? systemClock;
  const logger = (options.logger ?? silentLogger).child({ component: 'ado-simulator' });
  const state = new SimState();
  const faults = new FaultQueue();
  const continuation = new ContinuationTokens();
  const checkCredential = credentialChecker({
    jwks: options.jwks,
    jwksUrl: options.jwksUrl,
    issuers: options.issuers,
    clock,
  });
  const log: SimRequestRecord[] = [];
  let latencyMs = options.latencyMs ?? 0;
  let baseUrl = '';

  async function route(req: IncomingMessage, rawBody: string): Promise<SimResponse | 'reset'> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/_signin') return signInPage();
    const match = ROUTE.exec(url.pathname);
    const adminRoute = match ? null : matchAdminRoute(url.pathname);
    if (!match && !adminRoute) return vssError(404, 'The resource cannot be found.', 'NotFoundException');
    const orgName = match ? decodeURIComponent(match[1]) : (adminRoute as AdminRoute).org;
    const record: SimRequestRecord = {
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      org: orgName,
      status: 0,
    };
    if (rawBody.trim() !== '') record.body = parseJson(rawBody);
    const credential = await checkCredential(header(req, 'authorization'));
    if (credential.kind === 'user') record.oid = credential.oid;

    const result = await answer(
      method,
      url,
      orgName,
      credential,
      rawBody,
      header(req, 'x-tfs-fedauthredirect'),
      adminRoute,
    );
    record.status = result === 'reset' ? 0 : result.status;
    log.push(record);
    logger.debug({ method, org: orgName, status: record.status }, 'ado simulator call');
    return result;
  }

  async function answer(
    method: string,
    url: URL,
    orgName: string,
    credential: Credential,
    rawBody: string,
    fedAuthRedirect: string | undefined,
    adminRoute: AdminRoute | null,
  ): Promise<SimResponse | 'reset'> {
    const fault = faults.take({
      method,
      org: orgName,
      oid: credential.kind === 'user' ? credential.oid : undefined,
    });
    const delay = latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault?.resetConnection) return 'reset';
    if (fault && isTerminal(fault)) {
      const headers = faultHeaders(fault);
      if (fault.patTokenError !== undefined) {
        const r = patError(fault.status ?? 200, fault.patTokenError);
        return { ...r, headers: { ...r.headers, ...headers } };
      }
      if (fault.body !== undefined) {
        return {
          status: fault.status ?? 200,
          headers: { 'Content-Type': fault.contentType ?? 'application/json; charset=utf-8', ...headers },
          body: fault.body,
        };
      }
      const status = fault.status ?? 500;
      const message =
        status === 429
          ? 'TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource ATCP in namespace vssps.'
          : 'The service is temporarily unavailable.';
      return vssError(
        status,
        message,
        status === 429 ? 'RequestBlockedException' : 'ServiceUnavailableException',
        headers,
      );
    }
    const passThroughHeaders = fault ? faultHeaders(fault) : {};
    const response = await handle(method, url, orgName, credential, rawBody, fedAuthRedirect, adminRoute);
    return { ...response, headers: { ...response.headers, ...passThroughHeaders } };
  }

  async function handle(
    method: string,
    url: URL,
    orgName: string,
    credential: Credential,
    rawBody: string,
    fedAuthRedirect: string | undefined,
    adminRoute: AdminRoute | null,
  ): Promise<SimResponse> {
    const org = state.org(orgName);
    if (!org)
      return vssError(
        404,
        `VS800075: The organization '${orgName}' does not exist.`,
        'HostNotFoundException',
      );
    const version = url.searchParams.get('api-version');
    if (!version || !API_VERSIONS.test(version)) {
      return vssError(
        400,
        'VSS: The requested REST API version is not supported or missing.',
        'VssVersionNotSupportedException',
      );
    }
    const suppress = (fedAuthRedirect ?? '').toLowerCase() === 'suppress';
    switch (credential.kind) {
      case 'none':
      case 'app':
        return suppress ? unauthorized(org, '') : signInRedirect(baseUrl, org.name);
      case 'basic':
      case 'invalid':
        return unauthorized(org, '');
      case 'user':
        break;
    }
    if (org.msa) return unauthorized(org, '');
    const member = org.members.get(credential.oid);
    if (!member) return unauthorized(org, credential.name);
    if (adminRoute) {
      const { oid, name, scopes } = credential;
      return handleAdminApi(
        { state, continuation, graphPageSize: options.graphPageSize ?? 100 },
        { route: adminRoute, method, query: url.searchParams, org, oid, name, scopes, now: clock.now() },
      );
    }
    if (!hasScopeFor(method, credential.scopes)) {
      return vssError(403, 'The requested operation is not allowed.', 'InvalidAccessException');
    }
    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        return vssError(400, 'The request body is not valid JSON.', 'InvalidArgumentValueException');
      }
    }
    return handlePats(
      {
        state,
        continuation,
        patErrorStatus: options.patErrorStatus ?? 400,
        blockGlobalCreation: options.blockGlobalCreation ?? false,
        onPatEvent: (actionId, pat) =>
          recordTokenEvent(org, {
            actionId,
            pat,
            actorOid: credential.oid,
            at: clock.now(),
            ownerName: ownerNameOf(org, pat),
          }),
      },
      { method, query: url.searchParams, body, org, oid: credential.oid, now: clock.now() },
    );
  }

  const server = createServer((req, res) => {
    void serve(req, res);
  });

  let inFlight = 0;
  let maxInFlight = 0;
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Counted down synchronously as soon as the answer is written (or the socket dropped), not
    // on the response's 'close' event: that can fire after the client has already sent its next
    // request, which counted one request too many on a loaded machine.
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = (): void => {
      if (!counted) return;
      counted = false;
      inFlight -= 1;
    };
    res.once('close', done);
    try {
      const rawBody = await readBody(req);
      const result =
        rawBody === undefined ? json(413, { message: 'Request too large.' }) : await route(req, rawBody);
      if (result === 'reset') {
        done();
        req.socket.destroy();
        return;
      }
      res.writeHead(result.status, result.headers);
      done();
      res.end(result.body);
    } catch (error) {
      logger.error({ err: String(error) }, 'ado simulator failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      done();
      res.end(JSON.stringify({ message: 'simulator error' }));
    }
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  const matches = (r: SimRequestRecord, f: RequestFilter = {}): boolean =>
    (!f.method || r.method === f.method.toUpperCase()) &&
    (!f.org || r.org.toLowerCase() === f.org.toLowerCase()) &&
    (!f.oid || r.oid === f.oid);
  const snapshot = (p: SimPat): SimPatSnapshot => ({
    ...p,
    targetAccounts: p.targetAccounts === null ? null : [...p.targetAccounts],
    validFrom: new Date(p.validFrom),
    validTo: new Date(p.validTo),
  });

  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    addOrg: (input) => {
      const org = state.addOrg(input);
      return { id: org.id, name: org.name, tenantId: org.tenantId };
    },
    addMember: (org, user) => state.addMember(org, user),
    setPolicies: (org, policies) => {
      const o = state.requireOrg(org);
      o.policies = { ...o.policies, ...policies };
    },
    addPat: (input) => snapshot(state.addPat(input)),
    getPat: (id) => {
      const pat = state.pats.get(id);
      return pat ? snapshot(pat) : undefined;
    },
    patsOf: (oid) => [...state.pats.values()].filter((p) => p.ownerOid === oid).map(snapshot),
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    get pendingFaults() {
      return faults.pending;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    requests: (filter) => log.filter((r) => matches(r, filter)).map((r) => ({ ...r })),
    requestCount: (filter) => log.filter((r) => matches(r, filter)).length,
    resetRequests: () => {
      log.length = 0;
      maxInFlight = inFlight;
    },
    maxInFlight: () => maxInFlight,
    ...adminControls(state, clock),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
