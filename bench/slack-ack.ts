/**
 * bench/slack-ack: signed `/pat list` slash commands from linked Slack users, 20 concurrent
 * clients in a closed loop: time to the ack (the HTTP answer Slack waits at most 3 s for) and
 * time to the `response_url` post that carries the list.
 */
import { startBenchBot } from './support/bot';
import { startBenchChannelAuth } from './support/channel-auth';
import { closedLoop } from './support/load';
import { plain, targeted, type Section } from './support/report';
import { PAT_PREFIX, startBenchSims } from './support/sims';
import {
  BENCH_BOT_TOKEN,
  BENCH_SIGNING_SECRET,
  slackCommand,
  slackLink,
  startFakeSlack,
} from './support/slack';
import { round, roundSummary, summarize } from './support/stats';
import { ADO_LATENCY_MS, type BenchOptions } from './options';

const TIMEOUT_MS = 10_000;

export async function runSlackAck(opts: BenchOptions): Promise<Section> {
  const clients = 20;
  const users = 40;
  const phaseMs = opts.quick ? 5_000 : 30_000;
  const sims = await startBenchSims({ users, patsPerUser: 10, latencyMs: ADO_LATENCY_MS });
  const fake = await startFakeSlack(sims.users);
  const auth = await startBenchChannelAuth(sims);
  const bot = await startBenchBot(sims, {
    auth,
    log: opts.log,
    slack: { signingSecret: BENCH_SIGNING_SECRET, botToken: BENCH_BOT_TOKEN, apiUrl: fake.apiUrl },
    ...(opts.cpuProf ? { cpuProfDir: opts.profileDir } : {}),
  });
  try {
    const url = bot.ready.slackUrl;
    opts.log(`slack-ack: bot pid ${bot.pid} (${bot.ready.composition}); linking ${users} Slack users`);
    // Linking is one at a time: the Entra simulator's /authorize signs in one configured user.
    const linkStart = performance.now();
    for (const u of sims.users) await slackLink(url, fake, sims.entra, u);
    const linkMs = performance.now() - linkStart;
    let notListed = 0;
    for (const u of sims.users) {
      const r = await slackCommand(url, fake, u, 'list', TIMEOUT_MS);
      if (!r.response.includes(PAT_PREFIX)) notListed++;
    }
    if (notListed > 0) throw new Error(`${notListed} linked Slack users did not get their PAT list`);

    const acks: number[] = [];
    const answers: number[] = [];
    const entra0 = sims.entraTokenRequests();
    const ado0 = sims.ado.requestCount();
    const cpu0 = await bot.cpuMs();
    const benchCpu0 = process.cpuUsage();
    const run = await closedLoop({
      concurrency: clients,
      durationMs: phaseMs,
      timeoutMs: TIMEOUT_MS,
      fire: async (seq) => {
        const r = await slackCommand(url, fake, sims.users[seq % users], 'list', TIMEOUT_MS);
        if (!r.response.includes(PAT_PREFIX)) throw new Error('response_url post is not the PAT list');
        acks.push(r.ackMs);
        answers.push(r.responseMs);
        return r.responseMs;
      },
    });
    const cpu = (await bot.cpuMs()) - cpu0;
    const benchCpu = process.cpuUsage(benchCpu0);
    const benchShare = (benchCpu.user + benchCpu.system) / 1000 / run.elapsedMs;
    const ack = summarize(acks);
    const answer = summarize(answers);
    const throughput = run.ok / (run.elapsedMs / 1000);
    opts.log(`slack-ack: ack p99 ${round(ack.p99)} ms, response_url p50 ${round(answer.p50)} ms`);
    return {
      name: 'slack-ack',
      title: 'Slack `/pat list` ack and answer (bench/slack-ack)',
      figures: [
        plain('commands (closed loop, 20 clients)', `${run.sent} in ${round(run.elapsedMs / 1000)} s`),
        plain('ack p50 / p95', `${round(ack.p50)} / ${round(ack.p95)}`, 'ms'),
        targeted('ack p99', round(ack.p99), 'ms', '<=', 50),
        plain(
          'response_url answer p50 / p95 / p99',
          `${round(answer.p50)} / ${round(answer.p95)} / ${round(answer.p99)}`,
          'ms',
        ),
        plain('throughput', round(throughput), 'commands/s'),
        plain('bot CPU per command', run.ok ? round(cpu / run.ok) : null, 'ms'),
        targeted('bot peak RSS', round(bot.peakRssMb() ?? Number.NaN), 'MB', '<=', 256),
        targeted('errors', run.errors, '', '<=', 0),
        plain(
          'CPU busy, bot / bench process',
          `${round((cpu / run.elapsedMs) * 100)}% / ${round(benchShare * 100)}%`,
          '',
          'of one core',
        ),
      ],
      details: {
        users,
        clients,
        phaseMs,
        linkMs: round(linkMs),
        ackMs: roundSummary(ack),
        responseUrlMs: roundSummary(answer),
        sent: run.sent,
        ok: run.ok,
        errors: run.errors,
        errorSamples: run.errorSamples,
        botCpuMs: cpu,
        adoCalls: sims.ado.requestCount() - ado0,
        entraTokenRequests: sims.entraTokenRequests() - entra0,
        botPid: bot.pid,
        composition: bot.ready.composition,
        peakRssMb: bot.peakRssMb(),
      },
      notes: [
        `Bot: child process, composition "${bot.ready.composition}", SANDBOX=0, SLACK_API_URL = a loopback fake Web API that also receives the response_url posts; ${users} Slack users linked through the real /auth/slack/start → Entra /authorize → /auth/callback round trip (${Math.round(linkMs)} ms).`,
        `Azure DevOps simulator latency L = ${ADO_LATENCY_MS} ms per call. Ack = signed POST /slack/events → HTTP answer; answer = same start → response_url post received.`,
      ],
    };
  } finally {
    await bot.close();
    await auth.close();
    await fake.close();
    await sims.close();
  }
}
