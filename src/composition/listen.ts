/** The HTTP port: a free one for PORT=0 (known before routes are built), and EADDRINUSE explained. */
import { createServer } from 'node:net';
import type { Config } from '../config';
import { CodedError } from '../errors';

export async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** EADDRINUSE as a coded error naming the port and the variable that sets it (a second `npm start`). */
export function portInUse(error: unknown, http: Config['http']): CodedError | null {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'EADDRINUSE') return null;
  return new CodedError('http.port_in_use', `Port ${http.port} is in use (PORT) on ${http.host}.`, {
    nextStep: `Stop the other process (another patbot?) or set PORT to a free port, e.g. PORT=${http.port === 3978 ? 3979 : 3978} npm start.`,
    cause: error,
    details: { port: http.port, host: http.host },
  });
}
