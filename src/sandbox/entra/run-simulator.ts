/**
 * Runs the Entra simulator as its own process: `node --import tsx src/sandbox/entra/run-simulator.ts`.
 * Options come as JSON in the first argument; when forked with an IPC channel it announces
 * `SimReady` and obeys `SimControlRequest`s, otherwise it prints the settings to use and runs.
 */
import { startEntraSimulator, type EntraSimulatorOptions } from './entra-simulator';
import { handleControl, readyMessage, type SimControlRequest } from './sim-control';

async function main(): Promise<void> {
  const raw = process.argv[2];
  const options = (raw ? JSON.parse(raw) : {}) as EntraSimulatorOptions;
  const sim = await startEntraSimulator(options);
  const send = process.send?.bind(process);
  if (send) {
    process.on('message', (msg: SimControlRequest) => {
      void handleControl(sim, msg).then((res) => {
        send(res);
        if (msg.op === 'close') process.exit(0);
      });
    });
    process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
    send(readyMessage(sim));
  } else {
    const r = readyMessage(sim);
    process.stdout.write(
      `Entra simulator on ${r.origin}\nAAD_APP_OAUTH_AUTHORITY_HOST=${r.origin}\nAAD_APP_TENANT_ID=${r.tenantId}\nAAD_APP_CLIENT_ID=${r.clientId}\nNODE_EXTRA_CA_CERTS=${r.caPath}\n`,
    );
    const stop = (): void => void sim.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`Entra simulator failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
