/**
 * The Teams channel, assembled: the botbuilder adapter (JWT validation per cloud), the teams-ai
 * application and its handlers, the HTTP routes for the edge (`POST /api/messages` and the
 * sign-in pages), the proactive sender and the reminder `Notifier` for the scheduler.
 */
import { setCorrelationId } from './turn-correlation';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Notifier } from '../../core/notifier';
import type { Route } from '../../http/server';
import type { ChannelDeps, TeamsChannelConfig } from '../deps';
import { badActivityBody, checkActivityShape } from './activity-shape';
import { createBotContext } from './bot-context';
import { botResponse } from './bot-response';
import { refuseOtherChannels } from './channel-gate';
import { processTurn } from './process-turn';
import { proactiveSender, type ProactiveSender } from './proactive-sender';
import { signInPageRoutes } from './sign-in-pages';
import { createTeamsAdapter } from './teams-adapter';
import { createTeamsApp } from './teams-app';
import { createTeamsNotifier } from './teams-notifier';
import { resolveTeamsSettings, type TeamsChannelOptions, type TeamsSettings } from './teams-settings';
import { admitTurn } from './turn-gate';
import { keepRequestLog, turnLog } from './turn-log';

export interface TeamsChannel extends ProactiveSender {
  routes: Route[];
  adapter: TeamsAdapter;
  settings: TeamsSettings;
  /**
   * The reminder sweep's `Notifier` for Teams: direct reminders in the person's personal chat,
   * digests in stored channels and group chats (wire it into the PlatformNotifier as `teams`).
   */
  notifier: Notifier;
  /** Resolves when background turns (commands re-run after sign-in) have finished. */
  idle(): Promise<void>;
}

export function createTeamsChannel(
  deps: ChannelDeps<TeamsChannelConfig>,
  options: TeamsChannelOptions = {},
): TeamsChannel {
  const settings = resolveTeamsSettings(deps.config, options);
  const adapter = createTeamsAdapter(deps.config, settings.endpoints, {
    msalNetworkClient: options.msalNetworkClient,
  });
  const bc = createBotContext(deps, settings);
  const app = createTeamsApp(bc, adapter);
  const sender = proactiveSender(adapter, settings.botId);
  bc.background.bind((reference, logic) =>
    adapter.continueConversationAsync(settings.botId ?? '', reference, logic),
  );
  adapter.onTurnError = async (ctx, err) => {
    turnLog(ctx, bc.log).error({ err }, 'unhandled Teams turn error');
  };

  const messages: Route = {
    method: 'POST',
    path: '/api/messages',
    body: 'json',
    raw: async (req, res) => {
      const response = botResponse(res, req.correlationId);
      // A body that is not an activity at all is 400, whatever channel it claims.
      const shape = checkActivityShape(req.body);
      if (!shape.ok) {
        req.log?.warn({ code: 'input.invalid', field: shape.field }, 'Teams activity refused: malformed');
        response.status(400).send(badActivityBody(shape.field)).end();
        return;
      }
      // Before botbuilder and every handler: Teams only (403 at the edge otherwise).
      refuseOtherChannels(req.body, settings.allowedChannelIds);
      await processTurn(adapter, req, response, async (ctx) => {
        keepRequestLog(ctx, req.log);
        setCorrelationId(ctx, req.correlationId);
        // Authenticated; now the person and tenant, still before any teams-ai handler.
        if (await admitTurn(ctx, settings.allowedTenants, turnLog(ctx, bc.log))) await app.run(ctx);
      });
    },
  };

  return {
    routes: [messages, ...signInPageRoutes(settings)],
    adapter,
    settings,
    sendToConversation: sender.sendToConversation,
    notifier: createTeamsNotifier({ bc, sender }),
    idle: () => bc.background.idle(),
  };
}

/** The routes the lead mounts in src/main.ts (use `createTeamsChannel` to also get the sender). */
export function teamsRoutes(
  deps: ChannelDeps<TeamsChannelConfig>,
  options: TeamsChannelOptions = {},
): Route[] {
  return createTeamsChannel(deps, options).routes;
}
