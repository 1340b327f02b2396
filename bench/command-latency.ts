/**
 * bench/command-latency: `pat list` through `POST /api/messages` (Bot Framework `message`
 * activities from signed-in Teams users; replies go to a loopback connector). The bot runs in a
 * child process with a real configuration; the simulators, the connector and the load generator
 * run here. The floor is the same Azure DevOps calls made directly with `fetch`, in this run.
 */
import { closedLoop, forEachLimit, openLoop, type LoadResult } from './support/load';
import { startBenchBot } from './support/bot';
import { startBenchChannelAuth } from './support/channel-auth';
import { startBenchConnector } from './support/connector';
import { oboAccessToken } from './support/entra-token';
import { plain, targeted, type Section } from './support/report';
import { PAT_PREFIX, startBenchSims } from './support/sims';
import { procRssMb } from './support/proc';
import { round, roundSummary, summarize } from './support/stats';
import { teamsCommand, teamsSignIn, type TeamsTarget } from './support/teams';
import { ADO_LATENCY_MS, type BenchOptions } from './options';
import { measureRenewClicks } from './renew-click';
import { measureStockBot } from './stock-comparison';

const TIMEOUT_MS = 10_000;

function phaseDetails(
  r: LoadResult,
  cpuMs: number,
  adoCalls: number,
  entraCalls: number,
): Record<string, unknown> {
  return {
    sent: r.sent,
    ok: r.ok,
    errors: r.errors,
    errorSamples: r.errorSamples,
    elapsedMs: round(r.elapsedMs),
    maxScheduleLagMs: round(r.maxScheduleLagMs),
    latencyMs: roundSummary(summarize(r.latencies)),
    botCpuMs: cpuMs,
    adoCalls,
    entraTokenRequests: entraCalls,
  };
}

export async function runCommandLatency(opts: BenchOptions): Promise<Section> {
  const users = opts.quick ? 50 : 200;
  const phaseMs = opts.quick ? 5_000 : 30_000;
  const rate = 20;
  const concurrency = 50;
  const notes: string[] = [];
  const sims = await startBenchSims({ users, patsPerUser: 10, latencyMs: ADO_LATENCY_MS });
  const connector = await startBenchConnector();
  const auth = await startBenchChannelAuth(sims);
  const bot = await startBenchBot(sims, {
    auth,
    log: opts.log,
    ...(opts.cpuProf ? { cpuProfDir: opts.profileDir } : {}),
  });
  try {
    const t: TeamsTarget = {
      url: bot.ready.teamsUrl,
      connector,
      tenantId: sims.entra.tenantId,
      authorization: (s) => auth.header(s),
    };
    opts.log(`command-latency: bot pid ${bot.pid} (${bot.ready.composition}); signing in ${users} users`);

    const rssAtStart = procRssMb(bot.pid);
    // 1. Sign every user in through a real signin/tokenExchange invoke (msal-node OBO).
    const signInStart = performance.now();
    await forEachLimit(sims.users, 8, async (u) => teamsSignIn(t, u, await sims.entra.mintSsoToken(u.oid)));
    const signInMs = performance.now() - signInStart;
    const rssAfterSignIn = procRssMb(bot.pid);

    // 2. Warm-up: two `pat list` per user (the first one in a new chat also gets the welcome card);
    //    the second must list the user's PATs. Count the Azure DevOps calls of one list.
    await forEachLimit(sims.users, 8, async (u) => {
      await teamsCommand(t, u, 'pat list', TIMEOUT_MS);
    });
    sims.ado.resetRequests();
    let notListed = 0;
    let replyBytes = 0;
    await forEachLimit(sims.users, 8, async (u) => {
      const r = await teamsCommand(t, u, 'pat list', TIMEOUT_MS);
      if (!r.reply.includes(PAT_PREFIX)) notListed++;
      replyBytes = Math.max(replyBytes, Buffer.byteLength(r.reply));
    });
    if (notListed > 0) throw new Error(`${notListed} users did not get their PAT list after sign-in`);
    const warmCalls = sims.ado.requests();
    const callsPerList = warmCalls.length / users;
    const template = warmCalls.filter((r) => r.oid === sims.users[0].oid);
    opts.log(`command-latency: signed in (${Math.round(signInMs)} ms); ${callsPerList} ADO calls per list`);

    // 3. The floor: the same calls, made directly with fetch (in parallel, as the bot makes them),
    //    open loop at the same rate, measured the same way (sent → last answer read).
    const tokens = await Promise.all(sims.users.slice(0, 20).map((u) => oboAccessToken(sims.entra, u.oid)));
    const floorOnce = async (seq: number): Promise<number> => {
      const token = tokens[seq % tokens.length];
      const t0 = performance.now();
      await Promise.all(
        template.map(async (r) => {
          const res = await fetch(`${sims.ado.url}${r.path}?${r.query}`, {
            method: r.method,
            signal: AbortSignal.timeout(TIMEOUT_MS),
            headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          });
          const text = await res.text();
          if (res.status !== 200 || !text.includes(PAT_PREFIX))
            throw new Error(`floor call HTTP ${res.status}`);
        }),
      );
      return performance.now() - t0;
    };
    for (let i = 0; i < 20; i++) await floorOnce(i);
    // The bot is idle during the floor phase: its CPU then is the background cost (timers, GC).
    const idleCpu0 = await bot.cpuMs();
    const floor = await openLoop({
      ratePerSec: rate,
      durationMs: phaseMs,
      timeoutMs: TIMEOUT_MS,
      fire: floorOnce,
    });
    const idleCpuPerSecond = ((await bot.cpuMs()) - idleCpu0) / (floor.elapsedMs / 1000);
    const floorSummary = summarize(floor.latencies);
    opts.log(`command-latency: floor p50 ${round(floorSummary.p50)} ms p99 ${round(floorSummary.p99)} ms`);

    const fire =
      (check: boolean) =>
      async (seq: number): Promise<number> => {
        const r = await teamsCommand(t, sims.users[seq % users], 'pat list', TIMEOUT_MS);
        if (check && !r.reply.includes(PAT_PREFIX)) throw new Error('reply is not the PAT list');
        return r.e2eMs;
      };

    // 4. Steady load: open loop, 20 req/s.
    let ado0 = sims.ado.requestCount();
    let entra0 = sims.entraTokenRequests();
    let cpu0 = await bot.cpuMs();
    const steady = await openLoop({
      ratePerSec: rate,
      durationMs: phaseMs,
      timeoutMs: TIMEOUT_MS,
      fire: fire(true),
    });
    const steadyCpu = (await bot.cpuMs()) - cpu0;
    const steadyAdo = sims.ado.requestCount() - ado0;
    const steadyEntra = sims.entraTokenRequests() - entra0;
    const steadySummary = summarize(steady.latencies);
    opts.log(`command-latency: steady p50 ${round(steadySummary.p50)} ms p99 ${round(steadySummary.p99)} ms`);

    // 5. Saturation: closed loop, 50 clients.
    sims.ado.resetRequests();
    ado0 = 0;
    entra0 = sims.entraTokenRequests();
    cpu0 = await bot.cpuMs();
    const benchCpu0 = process.cpuUsage();
    const sat = await closedLoop({
      concurrency,
      durationMs: phaseMs,
      timeoutMs: TIMEOUT_MS,
      fire: fire(true),
    });
    const satCpu = (await bot.cpuMs()) - cpu0;
    const benchCpu = process.cpuUsage(benchCpu0);
    const benchCpuShare = (benchCpu.user + benchCpu.system) / 1000 / sat.elapsedMs;
    const botCpuShare = satCpu / sat.elapsedMs;
    const satAdo = sims.ado.requestCount() - ado0;
    const satEntra = sims.entraTokenRequests() - entra0;
    const satSummary = summarize(sat.latencies);
    const throughput = sat.ok / (sat.elapsedMs / 1000);
    const cpuPerCommand = sat.ok > 0 ? satCpu / sat.ok : null;
    opts.log(`command-latency: saturation ${round(throughput)} cmd/s p50 ${round(satSummary.p50)} ms`);
    const peakRss = bot.peakRssMb();
    const rssAfterSaturation = procRssMb(bot.pid);

    // 6. Renew clicks, one person at a time: Azure DevOps calls per click.
    const renew = await measureRenewClicks(t, sims, opts.quick ? 5 : 20, TIMEOUT_MS);
    opts.log(`command-latency: Renew click: ${renew.adoCalls.join(', ')} ADO calls`);

    // 7. The stock teams-ai + botbuilder bot, same load and calls, same run.
    const stock = await measureStockBot(
      opts,
      sims,
      auth,
      connector,
      { urls: template.map((r) => `${sims.ado.url}${r.path}?${r.query}`), token: tokens[0] },
      { concurrency, durationMs: phaseMs, timeoutMs: TIMEOUT_MS },
    );
    opts.log(`command-latency: stock bot ${round(stock.throughput)} cmd/s`);

    const o50 = steadySummary.p50 - floorSummary.p50;
    const o95 = steadySummary.p95 - floorSummary.p95;
    const o99 = steadySummary.p99 - floorSummary.p99;

    notes.push(
      `Bot: child process pid ${bot.pid}, composition "${bot.ready.composition}", SANDBOX=0, real msal-node OBO sign-in of ${users} users (${Math.round(signInMs)} ms), LOG_LEVEL=warn, SQLite store.`,
      `Azure DevOps simulator latency L = ${ADO_LATENCY_MS} ms per call; one \`pat list\` makes ${callsPerList} calls (${template
        .map((r) => new URLSearchParams(r.query).get('displayFilterOption') ?? r.method)
        .join(' + ')}, in parallel).`,
      `Floor: the same ${template.length} calls made with fetch from the bench process in parallel, open loop ${rate}/s for ${phaseMs / 1000} s: p50 ${round(floorSummary.p50)} / p95 ${round(floorSummary.p95)} / p99 ${round(floorSummary.p99)} ms.`,
      'Latency = activity POSTed → reply activity received by the loopback connector (the HTTP 200 of /api/messages comes after the reply, when the turn ends).',
      `Overhead = bot percentile − floor percentile (p50 ${round(o50)}, p95 ${round(o95)}, p99 ${round(o99)} ms).`,
      'The simulators, the connector and the load generator share the 2 cores with the bot: on this machine they compete for CPU, which inflates latency under saturation.',
    );

    return {
      name: 'command-latency',
      title: 'Teams `pat list` latency (bench/command-latency)',
      figures: [
        plain('steady: requests (open loop)', `${steady.sent} at ${rate}/s`),
        plain(
          'steady: p50 / p95 / p99 latency',
          `${round(steadySummary.p50)} / ${round(steadySummary.p95)} / ${round(steadySummary.p99)}`,
          'ms',
        ),
        plain(
          'floor (direct fetch): p50 / p95 / p99',
          `${round(floorSummary.p50)} / ${round(floorSummary.p95)} / ${round(floorSummary.p99)}`,
          'ms',
        ),
        plain('steady: bot overhead p50 / p95', `${round(o50)} / ${round(o95)}`, 'ms'),
        targeted('steady: bot overhead p99', round(o99), 'ms', '<=', 10),
        targeted('steady: errors', steady.errors, '', '<=', 0),
        plain(
          'steady: bot CPU per command',
          steady.ok ? round(steadyCpu / steady.ok) : null,
          'ms',
          `bot CPU when idle: ${round(idleCpuPerSecond)} ms/s (${round(idleCpuPerSecond / rate)} ms per command at ${rate}/s)`,
        ),
        targeted(
          'saturation: throughput (50 clients)',
          round(throughput),
          'commands/s',
          '>=',
          400,
          `stock teams-ai bot, same run: ${round(stock.throughput)} commands/s`,
        ),
        plain('saturation: p50 / p99 latency', `${round(satSummary.p50)} / ${round(satSummary.p99)}`, 'ms'),
        targeted(
          'saturation: bot CPU per command',
          cpuPerCommand === null ? null : round(cpuPerCommand),
          'ms',
          '<=',
          2.5,
          `stock teams-ai bot, same run: ${stock.cpuPerCommandMs === null ? '–' : round(stock.cpuPerCommandMs)} ms`,
        ),
        targeted('saturation: errors', sat.errors, '', '<=', 0),
        plain(
          'saturation: CPU busy, bot / bench process',
          `${round(botCpuShare * 100)}% / ${round(benchCpuShare * 100)}%`,
          '',
          'of one core; the bench process hosts the simulators, the connector and the load generator',
        ),
        targeted(
          'bot peak RSS',
          peakRss === null ? null : round(peakRss),
          'MB',
          '<=',
          256,
          `stock teams-ai bot: ${stock.peakRssMb === null ? '–' : round(stock.peakRssMb)} MB; patbot RSS at start / after sign-in / after saturation: ${[rssAtStart, rssAfterSignIn, rssAfterSaturation].map((v) => (v === null ? '–' : round(v))).join(' / ')} MB`,
        ),
        targeted(
          'Renew click: Azure DevOps calls',
          renew.clicks > 0 ? renew.maxAdoCalls : null,
          '',
          '<=',
          2,
          `largest of ${renew.clicks} clicks, counted by the simulator${renew.failures.length ? `; ${renew.failures.length} failed: ${renew.failures[0]}` : ''}`,
        ),
        plain(
          'stock teams-ai bot, saturation: p50 / p99 latency',
          `${round(stock.latency.p50)} / ${round(stock.latency.p99)}`,
          'ms',
          `${stock.errors} errors, ${round(stock.adoCallsPerCommand)} ADO calls per command`,
        ),
        plain('Entra token requests during the timed phases', steadyEntra + satEntra),
        plain('list reply (activity JSON, 10 PATs)', round(replyBytes / 1024), 'KB'),
        plain(
          'harness: largest open-loop send delay (floor / steady)',
          `${round(floor.maxScheduleLagMs)} / ${round(steady.maxScheduleLagMs)}`,
          'ms',
          'how late the bench process sent against its schedule: a contention indicator',
        ),
      ],
      details: {
        users,
        phaseMs,
        callsPerList,
        idleCpuMsPerSecond: round(idleCpuPerSecond),
        signInMs: round(signInMs),
        floor: phaseDetails(floor, 0, 0, 0),
        steady: phaseDetails(steady, steadyCpu, steadyAdo, steadyEntra),
        saturation: {
          ...phaseDetails(sat, satCpu, satAdo, satEntra),
          throughput: round(throughput),
          benchProcessCpuMs: round((benchCpu.user + benchCpu.system) / 1000),
        },
        botPid: bot.pid,
        composition: bot.ready.composition,
        connectorUnclaimedReplies: connector.unclaimed,
        renewClicks: renew,
        stock: { ...stock, latency: roundSummary(stock.latency), throughput: round(stock.throughput) },
      },
      notes,
    };
  } finally {
    await bot.close();
    await auth.close();
    await connector.close();
    await sims.close();
  }
}
