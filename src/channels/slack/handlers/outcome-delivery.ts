/** Where an action's outcome goes: the clicked message, the Home tab, or the person's DM. */
import { asCodedError } from '../../../errors';
import { botDmChannel } from '../dm-detector';
import type { SlackServices } from '../slack-services';
import type { SlackMessage } from '../slack-types';
import { resolveSlackUser } from '../slack-user';
import { publishHome } from './app-home';
import type { BlockSurface } from './block-surface';

/**
 * Shows an outcome where the button was: replaces the message, or republishes the Home tab;
 * with neither (e.g. a modal from elsewhere), sends it to the person's DM with patbot.
 */
export async function showOutcome(
  s: SlackServices,
  where: BlockSurface,
  message: SlackMessage,
): Promise<void> {
  if (where.home) {
    await publishHome(s, where.ids, message.text);
    return;
  }
  if (where.responseUrl) {
    const options = where.replaceable
      ? { replaceOriginal: true }
      : { replaceOriginal: false, responseType: 'ephemeral' as const };
    if (await s.respond(where.responseUrl, message, options)) return;
  }
  const log = s.deps.logger.child({ component: 'slack' });
  try {
    const user = await resolveSlackUser(s.deps.store, where.ids);
    const channel = await botDmChannel(
      { store: s.deps.store, sender: s.sender, logger: log },
      user.id,
      where.ids,
    );
    if (channel) await s.sender.postMessage({ channel, text: message.text, blocks: message.blocks });
  } catch (error) {
    log.warn({ errorCode: asCodedError(error).code }, 'could not deliver a Slack action outcome');
  }
}

/** An ephemeral refusal to the clicker; the original message stays as it was. */
export async function refuse(s: SlackServices, where: BlockSurface, message: SlackMessage): Promise<void> {
  if (where.responseUrl) {
    await s.respond(where.responseUrl, message, { responseType: 'ephemeral', replaceOriginal: false });
  } else if (where.home) {
    await publishHome(s, where.ids, message.text);
  }
}

/**
 * A signature proves origin, not uniqueness: within the 5-minute window a captured request could
 * be replayed. Each interaction's `trigger_id` is single-use here (kept 10 minutes).
 */
export async function firstDelivery(s: SlackServices, triggerId: string): Promise<boolean> {
  if (!triggerId) return true;
  const now = s.deps.clock.now();
  return s.deps.store.nonces.use(`slack:trigger:${triggerId}`, new Date(now.getTime() + 10 * 60_000), now);
}
