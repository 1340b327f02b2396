/** App Home: `app_home_opened` publishes the person's PATs, subscriptions, or a sign-in prompt. */
import type { App } from '@slack/bolt';
import { resolveTimeZone } from '../../../core/format-date';
import { allOrgsFailed } from '../../../core/org-failures';
import { listPats } from '../../../core/use-cases/list-pats';
import { asCodedError } from '../../../errors';
import { signInReason } from '../auth-replies';
import { homeView, type HomeModel, type HomeSubscriptionModel } from '../blocks/home-view';
import { FIRST_SIGNIN_REASON } from '../blocks/signin-prompt';
import { patRows } from '../pat-action-values';
import { signingFor } from '../run-command';
import type { SlackServices } from '../slack-services';
import type { AppHomeOpenedEvent } from '../slack-types';
import { orgsFor, resolveSlackUser, type SlackIds } from '../slack-user';
import { failureLineFor } from '../slack-wording';

async function subscriptionsOf(
  s: SlackServices,
  userId: string,
  teamId: string,
): Promise<HomeSubscriptionModel[]> {
  const subs = await s.deps.store.subscriptions.listForUser(userId);
  const prefix = `slack:${teamId}:`;
  return subs
    .filter((sub) => sub.conversationKey.startsWith(prefix))
    .map((sub) => ({ channelId: sub.conversationKey.slice(prefix.length), pattern: sub.namePattern }));
}

/** Builds the Home model for a person (lists their PATs when they are signed in). */
export async function homeModel(s: SlackServices, ids: SlackIds, notice?: string): Promise<HomeModel> {
  const user = await s.profiles.ensure(await resolveSlackUser(s.deps.store, ids), ids);
  const orgs = orgsFor(user, s.deps.config);
  const base: HomeModel = {
    notice,
    rows: null,
    failureLine: '',
    orgs,
    timeZoneLabel: resolveTimeZone(user.timezone).label,
    subscriptions: await subscriptionsOf(s, user.id, ids.teamId),
  };
  if (!user.entraAccount) {
    return {
      ...base,
      signIn: { url: await s.deps.identity.slackSignInUrl(ids), reason: FIRST_SIGNIN_REASON },
    };
  }
  const result = await listPats(s.useCases, { userId: user.id, orgs });
  if (result.kind === 'auth') {
    if (result.outcome.kind === 'unavailable')
      return { ...base, problem: result.outcome.error.userTextFor(s.options.command) };
    const url = await s.deps.identity.slackSignInUrl(ids);
    return { ...base, signIn: { url, reason: signInReason(user, result.outcome, s.options.command) } };
  }
  if (result.kind === 'failed') return { ...base, problem: result.error.userTextFor(s.options.command) };
  return {
    ...base,
    rows: patRows(signingFor(s, user), result.pats, user.timezone),
    failureLine: failureLineFor(result.failures, s.options.command),
    allFailed: allOrgsFailed(orgs, result.failures),
  };
}

/** Publishes the Home tab (queued per user, 429-aware). Never throws. */
export async function publishHome(s: SlackServices, ids: SlackIds, notice?: string): Promise<boolean> {
  try {
    const view = homeView(await homeModel(s, ids, notice));
    await s.sender.enqueue(`home:${ids.teamId}:${ids.slackUserId}`, () =>
      s.sender.client.views.publish({ user_id: ids.slackUserId, view }),
    );
    return true;
  } catch (error) {
    s.deps.logger.warn(
      { errorCode: asCodedError(error).code, err: error },
      'publishing the Slack Home tab failed',
    );
    return false;
  }
}

export function registerAppHome(app: App, s: SlackServices): void {
  app.event('app_home_opened', async ({ event, body }) => {
    const opened = event as AppHomeOpenedEvent;
    if (opened.tab !== 'home') return;
    const teamId = typeof body.team_id === 'string' ? body.team_id : '';
    await publishHome(s, { teamId, slackUserId: opened.user });
  });
}
