/** Entra simulator: public surface for sandbox mode, the Azure DevOps simulator and tests. */
export { ADO_RESOURCE_ID, startEntraSimulator } from './entra-simulator';
export type { EntraSimulator, EntraSimulatorOptions } from './entra-simulator';
export { createLocalTls } from './local-ca';
export type { LocalTls } from './local-ca';
export type { SimFailure, SimFailureKind, SimGrant, SimRequestRecord, SimUser } from './sim-types';
export { verifyAdoToken } from './verify-ado-token';
export type { VerifiedAdoToken, VerifyAdoTokenOptions } from './verify-ado-token';
