/**
 * The stock teams-ai + botbuilder bot (bench/support/stock-bot.ts) under the same saturation load
 * as patbot, in the same run: same signed activities, same connector, same Azure DevOps calls.
 */
import type { BenchChannelAuth } from './support/channel-auth';
import type { BenchConnector } from './support/connector';
import { closedLoop } from './support/load';
import { PAT_PREFIX, type BenchSims } from './support/sims';
import { startStockBot } from './support/stock';
import { summarize, type LatencySummary } from './support/stats';
import { teamsCommand, type TeamsTarget } from './support/teams';
import type { BenchOptions } from './options';

export interface StockFigures {
  throughput: number;
  cpuPerCommandMs: number | null;
  latency: LatencySummary;
  errors: number;
  errorSamples: string[];
  peakRssMb: number | null;
  adoCallsPerCommand: number;
}

export async function measureStockBot(
  opts: BenchOptions,
  sims: BenchSims,
  auth: BenchChannelAuth,
  connector: BenchConnector,
  ado: { urls: string[]; token: string },
  run: { concurrency: number; durationMs: number; timeoutMs: number },
): Promise<StockFigures> {
  const stock = await startStockBot(sims, auth, ado, {
    log: opts.log,
    ...(opts.cpuProf ? { cpuProfDir: opts.profileDir } : {}),
  });
  try {
    const t: TeamsTarget = {
      url: stock.url,
      connector,
      tenantId: sims.entra.tenantId,
      authorization: (s) => auth.header(s),
    };
    const fire = async (seq: number): Promise<number> => {
      const r = await teamsCommand(t, sims.users[seq % sims.users.length], 'pat list', run.timeoutMs);
      if (!r.reply.includes(PAT_PREFIX)) throw new Error('stock reply is not the PAT list');
      return r.e2eMs;
    };
    try {
      for (let i = 0; i < 50; i++) await fire(i); // warm-up: JIT, keys, connector token
    } catch (e) {
      throw new Error(`stock bot warm-up failed (${String(e)}): ${stock.output().slice(-1500)}`);
    }
    const ado0 = sims.ado.requestCount();
    const cpu0 = await stock.cpuMs();
    const r = await closedLoop({ ...run, fire });
    const cpu = (await stock.cpuMs()) - cpu0;
    return {
      throughput: r.ok / (r.elapsedMs / 1000),
      cpuPerCommandMs: r.ok > 0 ? cpu / r.ok : null,
      latency: summarize(r.latencies),
      errors: r.errors,
      errorSamples: r.errorSamples,
      peakRssMb: stock.peakRssMb(),
      adoCallsPerCommand: r.sent > 0 ? (sims.ado.requestCount() - ado0) / r.sent : 0,
    };
  } finally {
    await stock.stop();
  }
}
