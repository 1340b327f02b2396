/**
 * Starts the Entra simulator in a child process (jest cannot load the ESM-only `jose`) and
 * controls it over IPC: the same operations as the in-process `EntraSimulator`, async.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EntraSimulatorOptions } from '../../src/sandbox/entra/entra-simulator';
import type { SimControlRequest, SimControlResponse, SimReady } from '../../src/sandbox/entra/sim-control';
import type { SimFailure, SimRequestRecord, SimUser } from '../../src/sandbox/entra/sim-types';
import type { VerifiedAdoToken } from '../../src/sandbox/entra/verify-ado-token';

type Op = SimControlRequest extends infer R ? (R extends { op: infer O } ? O : never) : never;
type Args<O extends Op> = Omit<Extract<SimControlRequest, { op: O }>, 'id' | 'op'>;

export interface RemoteEntraSimulator extends Omit<SimReady, 'ready'> {
  mintSsoToken(oid: string, options?: { audience?: string; expiresInSeconds?: number }): Promise<string>;
  setFailure(failure: SimFailure | null): Promise<void>;
  setAccessTokenLifetime(seconds: number): Promise<void>;
  revokeSessions(oid: string): Promise<void>;
  setSignInUser(oid: string | null): Promise<void>;
  addUser(user: SimUser): Promise<void>;
  requests(): Promise<SimRequestRecord[]>;
  /** Runs `verifyAdoToken` (what the Azure DevOps simulator uses) inside the simulator process. */
  verifyAdoToken(token: string): Promise<VerifiedAdoToken>;
  close(): Promise<void>;
}

const ENTRY = join(__dirname, '../../src/sandbox/entra/run-simulator.ts');

export async function startSimProcess(options: EntraSimulatorOptions = {}): Promise<RemoteEntraSimulator> {
  const child: ChildProcess = fork(ENTRY, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, (r: SimControlResponse) => void>();
  const ready = await new Promise<SimReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Entra simulator did not start in 20 s')), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Entra simulator exited (${code})`)));
    child.on('message', (msg: SimReady | SimControlResponse) => {
      if ('ready' in msg) {
        clearTimeout(timer);
        resolve(msg);
      } else {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      }
    });
  });
  const call = <O extends Op>(op: O, args: Args<O>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(r.error))));
      child.send({ id, op, ...args } as SimControlRequest);
    });
  const { ready: _ready, ...info } = ready;
  return {
    ...info,
    mintSsoToken: async (oid, o = {}) => (await call('mintSsoToken', { oid, ...o })) as string,
    setFailure: async (failure) => void (await call('setFailure', { failure })),
    setAccessTokenLifetime: async (seconds) => void (await call('setAccessTokenLifetime', { seconds })),
    revokeSessions: async (oid) => void (await call('revokeSessions', { oid })),
    setSignInUser: async (oid) => void (await call('setSignInUser', { oid })),
    addUser: async (user) => void (await call('addUser', { user })),
    requests: async () => (await call('requests', {})) as SimRequestRecord[],
    verifyAdoToken: async (token) => (await call('verifyAdoToken', { token })) as VerifiedAdoToken,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.removeAllListeners('exit');
      child.once('exit', () => undefined);
      await call('close', {}).catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}
