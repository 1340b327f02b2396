/** What every Teams handler gets: the channel's dependencies, settings and helpers. */
import { effectiveOrgs } from '../../core/orgs';
import type { PatUseCaseDeps } from '../../core/use-cases/deps';
import type { Logger } from '../../core/logger';
import type { ChannelDeps } from '../deps';
import { actionSigner, type ActionSigner } from './action-values';
import { Background } from './background';
import { ListViews } from './list-view';
import { PendingSignIns } from './pending-sign-ins';
import type { TeamsSettings } from './teams-settings';
import { turnLog } from './turn-log';
import type { TurnContext } from 'botbuilder';

export interface BotContext {
  deps: ChannelDeps;
  settings: TeamsSettings;
  useCases: PatUseCaseDeps;
  signer: ActionSigner;
  pending: PendingSignIns;
  /** The list each person was last shown, so a row click patches it (./list-view.ts). */
  views: ListViews;
  background: Background;
  /** The channel's logger; inside a turn prefer `logOf(ctx)`, which carries the request's correlation id. */
  log: Logger;
  logOf(ctx: TurnContext): Logger;
}

export function createBotContext(deps: ChannelDeps, settings: TeamsSettings): BotContext {
  const now = () => deps.clock.now();
  const log = deps.logger.child({ component: 'teams' });
  return {
    deps,
    settings,
    useCases: {
      tokensApi: deps.tokensApi,
      tokenProvider: deps.tokenProvider,
      clock: deps.clock,
      audit: deps.store.audit,
      logger: log,
      renewDefaultDays: deps.config.ado.renewDefaultDays,
    },
    signer: actionSigner(deps.actionKey, now, deps.previousActionKey ?? null),
    pending: new PendingSignIns(deps.store.ephemeral, now),
    views: new ListViews(deps.store.ephemeral, now),
    background: new Background(log),
    log,
    logOf: (ctx) => turnLog(ctx, log),
  };
}

/** The organisations a user looks in: their own choice, else the configured default; at most MAX_ORGS_PER_USER. */
export function orgsOf(bc: BotContext, user: { orgs: string[] | null }): string[] {
  return effectiveOrgs(user.orgs, bc.deps.config.ado.organizations, bc.deps.config.ado.maxOrgsPerUser);
}
