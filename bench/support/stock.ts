/** Starts the stock teams-ai + botbuilder comparison bot (./stock-bot.ts, compiled) for one run. */
import { ensureCompiled } from './build';
import type { BenchChannelAuth } from './channel-auth';
import { freePort, startNodeProcess, type NodeProcess } from './node-process';
import type { BenchSims } from './sims';

export interface StockBot extends NodeProcess {
  url: string;
}

export async function startStockBot(
  sims: BenchSims,
  auth: BenchChannelAuth,
  ado: { urls: string[]; token: string },
  options: { cpuProfDir?: string; log?: (m: string) => void } = {},
): Promise<StockBot> {
  const { stock } = ensureCompiled(options.log ?? (() => undefined));
  const env: Record<string, string> = {
    ...auth.botEnv,
    PORT: String(await freePort()),
    NODE_ENV: 'production',
    NODE_EXTRA_CA_CERTS: sims.entra.caPath,
    STOCK_ADO_URLS: JSON.stringify(ado.urls),
    STOCK_ADO_TOKEN: ado.token,
  };
  const execArgv = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = await startNodeProcess(stock, env, { execArgv, readyLine: /stock bot listening on (\S+)/ });
  return { ...child, url: child.readyMatch };
}
