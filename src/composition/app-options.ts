/** What `startApp` takes (env plus overrides, as probot's `createProbot`) and what it gives back. */
import type { OrgAdminApi } from '../core/admin/org-admin-api';
import type { AuditPollTick } from '../scheduler/audit-poll-scheduler';
import type { Config, Env, EnvFileResult } from '../config';
import type { SlackChannel, SlackChannelOptions } from '../channels/slack';
import type { TeamsChannel, TeamsChannelOptions } from '../channels/teams';
import type { Clock } from '../core/clock';
import type { IdentityService } from '../core/identity-service';
import type { Logger } from '../core/logger';
import type { Notifier } from '../core/notifier';
import type { SweepDeps } from '../core/reminders';
import type { Store } from '../core/store';
import type { TokenProvider } from '../core/token-provider';
import type { TokensApi } from '../core/tokens-api';
import type { Route } from '../http/server';
import type { EntraSettings } from '../identity';
import type { SandboxSweepRequest } from '../sandbox/sandbox-routes';
import type { SandboxSlackWorkspace } from '../sandbox/slack/workspace';
import type { Sandbox } from '../sandbox/start-sandbox';
import type { TickResult } from '../scheduler';

/** The identity module as the app uses it: the ports, plus its HTTP routes. */
export interface AppIdentity extends IdentityService {
  tokenProvider: TokenProvider;
  /** `GET /auth/slack/start` and the sign-in callback (none for a test double). */
  routes: Route[];
}

/**
 * Parts built elsewhere (tests, benchmarks, scripts) that replace what `startApp` would build
 * from the configuration. Anything left out is built as in production.
 */
export interface AppOverrides {
  /** The caller's store (then `stop()` leaves it open: whoever opens a store closes it). */
  store?: Store;
  tokensApi?: TokensApi;
  /** The admin watch's organisation reads (default: the Azure DevOps client from the configuration). */
  orgAdminApi?: OrgAdminApi;
  /** People one `pat admin expiring` reads at most (default 2,000; tests set it low). */
  adminExpiringMaxUsers?: number;
  clock?: Clock;
  logger?: Logger;
  /** `fetch` for calls patbot makes itself (Azure DevOps client, Slack response_url posts). */
  fetch?: typeof fetch;
  /** Sign people in against this Entra (a simulator): the real identity module, trusting `caPem`. */
  entra?: { settings: EntraSettings; caPem?: string };
  /** An identity double (tests): replaces the identity module; it serves no routes. */
  identity?: { identity: IdentityService; tokenProvider: TokenProvider };
  /** false: sandbox mode without the in-process simulators and demo data (the caller runs its own). */
  simulators?: boolean;
  /** false: serve HTTP but never start the cron schedule (`runSweep` still works). */
  scheduler?: boolean;
  /** Action-signing keys (default: derived from TOKEN_CACHE_KEY and TOKEN_CACHE_KEY_PREVIOUS). */
  actionKey?: Buffer;
  previousActionKey?: Buffer | null;
  /** Options for the channels (page sizes, deadlines, a local CA, Slack bot ids, …). */
  teams?: TeamsChannelOptions;
  slack?: SlackChannelOptions;
}

export interface AppOptions {
  env: Env;
  /** Injected clock (tests, `npm run sweep -- --now`); default: the system clock. Same as `overrides.clock`. */
  now?: () => Date;
  /** Same as `overrides.logger`. */
  logger?: Logger;
  /** false: build everything but start neither the HTTP server nor the cron schedule (CLI sweeps). */
  serve?: boolean;
  /** What the entry point's `loadEnvFile` read, logged at start-up (tests pass env objects). */
  envFile?: EnvFileResult;
  overrides?: AppOverrides;
}

export interface RunningApp {
  url: string;
  config: Config;
  store: Store;
  identity: AppIdentity;
  clock: Clock;
  logger: Logger;
  tokensApi: TokensApi;
  sandbox?: Sandbox;
  /** Sandbox mode without Slack configuration: the local Slack workspace behind /sandbox/slack. */
  sandboxSlack?: SandboxSlackWorkspace;
  teams: TeamsChannel;
  slack: SlackChannel | null;
  notifier: Notifier;
  /** What a reminder sweep needs (store, Azure DevOps, tokens, the platform notifier, clock, logger). */
  sweepDeps: SweepDeps & { store: Store };
  /**
   * One reminder sweep now, with the clock set to `at` (operators, tests). It takes the sweep
   * lease like the scheduler, so it is `skipped: lease-held` while another sweep runs.
   */
  runSweep(at?: Date): Promise<TickResult>;
  /** What `npm run sweep` does in sandbox mode: one sweep taking the lease; `dryRun` records and sends nothing. */
  sweepOnce(request: SandboxSweepRequest): Promise<TickResult>;
  /** One audit poll of every watched organisation now, through the poll lease (operators, tests). */
  pollAudit(): Promise<AuditPollTick>;
  stop(): Promise<void>;
}
