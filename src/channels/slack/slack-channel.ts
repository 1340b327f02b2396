/**
 * The Slack channel: Bolt on patbot's HTTP edge. One Request URL (`POST /slack/events`) serves
 * slash commands, interactivity and events; a custom receiver applies Bolt's verification plus
 * the both-ways 5-minute window; listeners only translate Slack ⇄ core use cases ⇄ Block Kit.
 */
import { verifyLinkedAccount, type LinkVerdict } from './verify-linked-account';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { RawRequest, RawResponse, Route } from '../../http/server';
import type { ChannelDeps, SlackChannelConfig } from '../deps';
import { toBoltLogger } from './bolt-logger';
import { singleWorkspaceAuthorize } from './bot-authorize';
import { registerAppHome } from './handlers/app-home';
import { registerPager } from './handlers/pager';
import { registerPatButtons } from './handlers/pat-buttons';
import { registerRenewModalSubmit } from './handlers/renew-modal-submit';
import { registerReplaceAll } from './handlers/replace-all-modal';
import { registerReplaceModals } from './handlers/replace-modal';
import { registerSlashCommand } from './handlers/slash-command';
import { PendingCommands } from './pending-commands';
import { responsePoster } from './response-url';
import { notifySignedIn, type SignedInResult } from './signed-in-notice';
import { resolveSlackOptions, type ResolvedSlackOptions, type SlackChannelOptions } from './slack-options';
import { RevokedPats } from './revoked-pats';
import { SlackProfiles } from './slack-profile';
import { SlackReceiver } from './slack-receiver';
import { SlackNotifier } from './slack-notifier';
import { SlackSender } from './slack-sender';
import type { SlackServices } from './slack-services';

export interface SlackChannel {
  /** Mount these on the HTTP edge (src/main.ts). */
  routes: Route[];
  /** Hook to the identity module's "Slack user linked" callback. Never throws. */
  notifySlackSignedIn(input: { teamId: string; slackUserId: string }): Promise<SignedInResult>;
  /** Is the Microsoft account that just signed in this Slack user's own? (identity's link check) */
  verifyLinkedAccount(
    ids: { teamId: string; slackUserId: string },
    account: { names: readonly string[] },
  ): Promise<LinkVerdict>;
  /** The core `Notifier` for Slack reminders and channel digests (route Slack users/keys here). */
  notifier: SlackNotifier;
  /** The Bolt app (for tests and future listeners). */
  app: App;
  services: SlackServices;
}

/** Bolt on patbot's edge: the Web API client, the receiver and the app. */
function boltParts(
  resolved: ResolvedSlackOptions,
  boltLogger: ReturnType<typeof toBoltLogger>,
): { client: WebClient; receiver: SlackReceiver; app: App } {
  const retryConfig = { retries: resolved.webApiRetries, factor: 2, minTimeout: 250, maxTimeout: 2000 };
  // One client for everything patbot sends itself: 429s come back as errors (the sender delays
  // only that channel); network/5xx retries are bounded.
  const client = new WebClient(resolved.botToken, {
    slackApiUrl: resolved.slackApiUrl,
    logger: boltLogger,
    rejectRateLimitedCalls: true,
    retryConfig,
  });
  const receiver = new SlackReceiver({
    signingSecret: resolved.signingSecret,
    logger: boltLogger,
    nowMs: resolved.nowMs,
    unhandledRequestTimeoutMillis: resolved.unhandledRequestTimeoutMillis,
  });
  const app = new App({
    receiver,
    authorize: singleWorkspaceAuthorize(client, resolved.botToken, {
      botId: resolved.botId,
      botUserId: resolved.botUserId,
    }),
    logger: boltLogger,
    convoStore: false,
    clientOptions: { slackApiUrl: resolved.slackApiUrl, rejectRateLimitedCalls: true, retryConfig },
  });
  return { client, receiver, app };
}

export function createSlackChannel(
  deps: ChannelDeps<SlackChannelConfig>,
  options: SlackChannelOptions = {},
): SlackChannel {
  const resolved = resolveSlackOptions(deps, options);
  const logger = deps.logger.child({ component: 'slack' });
  const { client, receiver, app } = boltParts(resolved, toBoltLogger(logger));
  const sender = new SlackSender(client, {
    logger,
    maxAttempts: resolved.sendMaxAttempts,
    maxRetryAfterSeconds: resolved.maxRetryAfterSeconds,
    pauses: deps.store.ephemeral,
  });
  const services: SlackServices = {
    deps,
    options: resolved,
    useCases: {
      tokensApi: deps.tokensApi,
      tokenProvider: deps.tokenProvider,
      clock: deps.clock,
      audit: deps.store.audit,
      logger,
      prefix: resolved.command,
      renewDefaultDays: deps.config.ado.renewDefaultDays,
    },
    sender,
    respond: responsePoster({ fetch: resolved.fetch, allowed: resolved.responseUrlAllowed, logger }),
    pending: new PendingCommands(deps.store.ephemeral, resolved.pendingCommandTtlMs, () => deps.clock.now()),
    profiles: new SlackProfiles({ store: deps.store, sender, logger }),
    revoked: new RevokedPats(deps.store.ephemeral, () => deps.clock.now()),
  };
  registerSlashCommand(app, services);
  registerPatButtons(app, services);
  registerReplaceModals(app, services);
  registerReplaceAll(app, services);
  registerPager(app, services);
  registerRenewModalSubmit(app, services);
  registerAppHome(app, services);
  app.error(async (error) => {
    // The error itself (pino's serializer keeps type, message, stack and Bolt's `code`).
    logger.error({ err: error, code: error.code }, 'unhandled Slack listener error');
  });

  const route: Route = {
    method: 'POST',
    path: resolved.path,
    body: 'raw',
    raw: async (req: RawRequest, res: RawResponse) => {
      await receiver.handle(req, res);
    },
  };
  return {
    routes: [route],
    app,
    services,
    notifier: new SlackNotifier(services),
    verifyLinkedAccount: (ids, account) => verifyLinkedAccount(services, ids, account),
    notifySlackSignedIn: async (input) => {
      try {
        return await notifySignedIn(services, input);
      } catch (error) {
        logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'Slack signed-in notice failed',
        );
        return { dmSent: false };
      }
    },
  };
}

/** The Slack routes alone (`POST /slack/events`). Prefer `createSlackChannel` to get the notifier too. */
export function slackRoutes(
  deps: ChannelDeps<SlackChannelConfig>,
  options: SlackChannelOptions = {},
): Route[] {
  return createSlackChannel(deps, options).routes;
}
