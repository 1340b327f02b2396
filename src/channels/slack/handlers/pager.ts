/**
 * Previous / Next on a long list. The value is only a page number and the list is always the
 * clicker's own, so it needs no signature; it is still validated.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { PAGE_ACTIONS } from '../action-ids';
import { listReply } from '../run-command';
import type { SlackServices } from '../slack-services';
import { orgsFor, resolveSlackUser } from '../slack-user';
import { surfaceOf } from './block-surface';

export function pageFromValue(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,3}$/.test(value)) return null;
  return Number(value);
}

export function registerPager(app: App, s: SlackServices): void {
  app.action<BlockAction<ButtonAction>>(PAGE_ACTIONS, async ({ ack, body, action }) => {
    await ack();
    const page = pageFromValue(action.value);
    const where = surfaceOf(body);
    if (page === null || !where.responseUrl) return;
    const user = await resolveSlackUser(s.deps.store, where.ids);
    const reply = await listReply(s, where.ids, user, orgsFor(user, s.deps.config), page);
    await s.respond(where.responseUrl, reply.message, { replaceOriginal: true });
  });
}
