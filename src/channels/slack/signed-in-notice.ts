/**
 * After the identity module links a Slack user to their Microsoft account: DM them
 * "You're signed in", then run the command they tried before signing in (if any, and if its
 * response_url is still usable), answering where they asked.
 */
import { textMessage } from './blocks/text-message';
import { botDmChannel } from './dm-detector';
import { answerCommand } from './handlers/slash-command';
import type { SlackServices } from './slack-services';
import { resolveSlackUser, type SlackIds } from './slack-user';

export interface SignedInResult {
  dmSent: boolean;
  /** The command that was run again, if any (as typed after `/pat`). */
  reran?: string;
}

export async function notifySignedIn(s: SlackServices, ids: SlackIds): Promise<SignedInResult> {
  const log = s.deps.logger.child({ component: 'slack', teamId: ids.teamId });
  const user = await resolveSlackUser(s.deps.store, ids);
  const who = user.entraAccount?.username ? ` as ${user.entraAccount.username}` : '';
  const pending = await s.pending.take(ids);
  const next = pending
    ? `I'm running \`${s.options.command} ${pending.text.trim()}\` for you now.`
    : `Run \`${s.options.command} list\` to see your PATs.`;
  const message = textMessage(
    `You're signed in${who}. ${next}`,
    `Not you? Run ${s.options.command} signout.`,
  );
  let dmSent = false;
  try {
    const channel = await botDmChannel({ store: s.deps.store, sender: s.sender, logger: log }, user.id, ids);
    await s.sender.postMessage({
      channel: channel ?? ids.slackUserId,
      text: message.text,
      blocks: message.blocks,
    });
    dmSent = true;
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "could not DM 'You're signed in'",
    );
  }
  if (!pending) return { dmSent };
  await answerCommand(s, {
    ids,
    channelId: pending.channelId,
    channelName: pending.channelName,
    responseUrl: pending.responseUrl,
    text: pending.text,
  });
  return { dmSent, reran: pending.text };
}
