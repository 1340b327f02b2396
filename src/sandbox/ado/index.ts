/** The Azure DevOps PAT API simulator (sandbox mode, tests, benchmarks). */
export {
  startAdoSimulator,
  type AdoSimulator,
  type AdoSimulatorOptions,
  type RequestFilter,
  type SimPatSnapshot,
  type SimRequestRecord,
} from './ado-simulator';
export type { AdoFault, SimRateLimitHeaders } from './sim-faults';
export type { AddOrgInput, AddPatInput, SimPolicies, SimUser } from './sim-state';
export { ADO_RESOURCE_ID, ADO_RESOURCE_URI } from './sim-auth';
export type { SimJwk, SimJwks } from './sim-jwt-verify';
export type { AddTokenEventInput, SimAuditEventSnapshot } from './admin-controls';
export { TOKEN_ACTIONS, type TokenAction } from './sim-org-admin';
export { AUDIT_LOG_NAMESPACE, AUDIT_LOG_TOKEN } from './permissions-handler';
