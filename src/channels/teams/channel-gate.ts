/**
 * Which Bot Framework channels may reach `/api/messages`. A valid Bot Framework token does not
 * mean the activity came from Teams: the same keys sign for Web Chat and Direct Line, which
 * anyone with the Azure Bot's Web Chat / Direct Line secret can use, and those channels let the
 * sender choose `from.id`. patbot takes `msteams` only (plus `emulator` in sandbox mode, where
 * nothing is real), and refuses the rest before botbuilder or any handler sees the activity.
 *
 * Reading `channelId` from the body before the token is checked is safe: a sender can only
 * lie its way into a refusal; an activity that says `msteams` still goes through the full JWT
 * validation, whose key endorsements must include `msteams`.
 */
import { CodedError } from '../../errors';

export function allowedChannelIds(sandbox: boolean): readonly string[] {
  return sandbox ? ['msteams', 'emulator'] : ['msteams'];
}

/** Throws `auth.channel_not_allowed` (403 at the HTTP edge) unless the activity's channel is allowed. */
export function refuseOtherChannels(activity: unknown, allowed: readonly string[]): void {
  const channelId = (activity as { channelId?: unknown } | null)?.channelId;
  if (typeof channelId === 'string' && allowed.includes(channelId)) return;
  throw new CodedError('auth.channel_not_allowed', 'This bot only accepts activities from Microsoft Teams.', {
    nextStep: 'Talk to patbot in Microsoft Teams.',
    details: { channelId: typeof channelId === 'string' ? channelId.slice(0, 40) : null },
  });
}
