/** Where a clicked button was (a message with a response_url, or the Home tab) and its team. */
import type { BlockAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import type { SlackIds } from '../slack-user';

export interface BlockSurface {
  ids: SlackIds;
  /** Set for buttons on messages. */
  responseUrl?: string;
  /** True for buttons on the Home tab. */
  home: boolean;
  /**
   * True when the clicked message is only the clicker's to change: ephemeral, or in a DM. A
   * button on a normal channel message (a digest) answers with a new ephemeral message instead.
   */
  replaceable: boolean;
  triggerId: string;
}

export function surfaceOf(body: BlockAction): BlockSurface {
  const teamId = body.team?.id ?? body.user.team_id ?? body.view?.team_id ?? '';
  const container = body.container as { is_ephemeral?: unknown } | undefined;
  const channelId = body.channel?.id ?? '';
  return {
    replaceable: container?.is_ephemeral === true || channelId.startsWith('D'),
    ids: { teamId, slackUserId: body.user.id },
    responseUrl:
      typeof body.response_url === 'string' && body.response_url !== '' ? body.response_url : undefined,
    home: body.view?.type === 'home',
    triggerId: body.trigger_id,
  };
}

/** The PAT's section block as shown where the button was (for display in the modal only). */
export function patSectionFrom(body: BlockAction, patId: string): types.SectionBlock | undefined {
  // Slack echoes the message/view blocks untyped; only a mrkdwn section text is copied.
  const blocks: unknown = body.message?.blocks ?? body.view?.blocks;
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Array<Record<string, unknown>>) {
    if (block?.type !== 'section' || block.block_id !== `pat:${patId}`) continue;
    const text = block.text as { type?: unknown; text?: unknown } | undefined;
    if (text?.type === 'mrkdwn' && typeof text.text === 'string') {
      return { type: 'section', text: { type: 'mrkdwn', text: text.text.slice(0, 3000) } };
    }
  }
  return undefined;
}
