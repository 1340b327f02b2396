/** Proactive messages: a 1:1 PAT reminder, the sign-in-needed notice, a channel digest. Pure. */
import type { types } from '@slack/bolt';
import type { ChannelDigest, PatReminder, ReminderPat, SignInNeededNotice } from '../../../core/notifier';
import { patStatus } from '../../../core/pat-status';
import { ACTION } from '../action-ids';
import type { Block, SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { renewButtonText } from './pat-row';
import { replaceButton } from './replace-button';
import { statusEmoji } from './status-emoji';

/** Signed values for a reminder's buttons; null hides them. */
export interface ReminderButtons {
  /**
   * The PAT's one row value (core ROW_ACTIONS): Renew (one click, `renewDays`), Other… (the
   * renew modal) and Rotate, or Create replacement when renewing can no longer help.
   */
  row: string;
  snooze1: string;
  snooze3: string;
  renewDays: number;
}

/** Slack messages hold 50 blocks; a digest shows this many PATs and counts the rest. */
export const DIGEST_MAX_ENTRIES = 40;

export function reminderEmoji(pat: ReminderPat, now: Date): string {
  return statusEmoji(patStatus({ targetAccounts: pat.allOrgs ? null : [], validTo: pat.expiresAt }, now));
}

/** Renew helps only before expiry and when the all-organisations retirement does not end the PAT. */
export function reminderCanRenew(reminder: PatReminder): boolean {
  return reminder.kind === 'threshold' && reminder.pat.daysLeft >= 0 && !reminder.pat.endsAtGlobalRetirement;
}

/**
 * A reminder's buttons (at most Slack's 5): Renew, Other…, Rotate and the snoozes while renewing
 * helps; Create replacement once it cannot (expired, a dead all-organisations PAT).
 */
function reminderButtons(reminder: PatReminder, buttons: ReminderButtons): types.Button[] {
  const snoozes =
    reminder.kind === 'threshold' && reminder.pat.daysLeft >= 0
      ? [
          button('Snooze 1 day', ACTION.snooze1, buttons.snooze1),
          button('Snooze 3 days', ACTION.snooze3, buttons.snooze3),
        ]
      : [];
  if (!reminderCanRenew(reminder))
    return [{ ...replaceButton('recreate', buttons.row), style: 'primary' }, ...snoozes];
  return [
    button(renewButtonText(buttons.renewDays), ACTION.renew, buttons.row, 'primary'),
    button('Other…', ACTION.renewOther, buttons.row),
    replaceButton('rotate', buttons.row),
    ...snoozes,
  ];
}

function button(text: string, actionId: string, value: string, style?: 'primary'): types.Button {
  const b: types.Button = { type: 'button', text: plain(text), action_id: actionId, value };
  if (style) b.style = style;
  return b;
}

export function reminderMessage(
  reminder: PatReminder,
  buttons: ReminderButtons | null,
  now: Date,
): SlackMessage {
  const { pat } = reminder;
  const blocks: Block[] = [
    {
      type: 'section',
      block_id: `reminder:${pat.patId}`,
      text: mrkdwn(
        `${reminderEmoji(pat, now)} ${escapeMrkdwn(reminder.text)}\n*${escapeMrkdwn(pat.name)}* · ${escapeMrkdwn(pat.org)} · ` +
          `${pat.daysLeft < 0 ? 'Expired' : 'Expires'} ${escapeMrkdwn(pat.expiresOn)} (${escapeMrkdwn(pat.relative)})`,
      ),
    },
    {
      type: 'context',
      block_id: `reminder_note:${pat.patId}`,
      elements: [
        mrkdwn(
          reminder.timeZoneLabel === 'UTC'
            ? 'Dates in UTC'
            : `Dates in ${escapeMrkdwn(reminder.timeZoneLabel)}`,
        ),
      ],
    },
  ];
  if (buttons) {
    blocks.push({
      type: 'actions',
      block_id: `reminder_actions:${pat.patId}`,
      elements: reminderButtons(reminder, buttons),
    });
  }
  return { text: escapeMrkdwn(reminder.text), blocks };
}

export function signInNeededMessage(notice: SignInNeededNotice, url: string): SlackMessage {
  return {
    text: escapeMrkdwn(notice.text),
    blocks: [
      {
        type: 'section',
        block_id: 'signin_needed',
        text: mrkdwn(`${escapeMrkdwn(notice.message)}\n${escapeMrkdwn(notice.nextStep)}`),
      },
      {
        type: 'actions',
        block_id: 'signin_actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION.signIn,
            text: plain('Sign in with Microsoft'),
            url,
            style: 'primary',
          },
        ],
      },
    ],
  };
}

export interface DigestModel {
  digest: ChannelDigest;
  /** Owner user id → mrkdwn (a `<@U…>` mention or an escaped name). */
  owners: ReadonlyMap<string, string>;
  /** Owner-signed one-click Renew value per PAT id (only the owner can use it); absent hides it. */
  renewValues: ReadonlyMap<string, string>;
  /** What the one-click Renew asks for (RENEW_DEFAULT_DAYS). */
  renewDays: number;
  now: Date;
}

export function digestMessage(model: DigestModel): SlackMessage {
  const { digest } = model;
  const who = (userId: string, name: string | null): string =>
    model.owners.get(userId) ?? escapeMrkdwn(name ?? 'someone');
  const blocks: Block[] = [
    {
      type: 'section',
      block_id: 'digest_title',
      text: mrkdwn(`*PATs expiring soon* · ${escapeMrkdwn(digest.day)}`),
    },
    {
      type: 'context',
      block_id: 'digest_note',
      elements: [
        mrkdwn(
          `${digest.timeZoneLabel === 'UTC' ? 'Dates in UTC' : `Dates in ${escapeMrkdwn(digest.timeZoneLabel)}`} · only a PAT's owner can renew it`,
        ),
      ],
    },
  ];
  for (const entry of digest.entries.slice(0, DIGEST_MAX_ENTRIES)) {
    const section: types.SectionBlock = {
      type: 'section',
      block_id: `digest:${entry.pat.patId}`,
      text: mrkdwn(
        `${reminderEmoji(entry.pat, model.now)} *${escapeMrkdwn(entry.pat.name)}* · ${escapeMrkdwn(entry.pat.org)} · ` +
          `${who(entry.owner.userId, entry.owner.displayName)} · ${escapeMrkdwn(entry.thresholdLabel)} (${escapeMrkdwn(entry.pat.expiresOn)})`,
      ),
    };
    const value = model.renewValues.get(entry.pat.patId);
    if (value && entry.kind !== 'expired')
      section.accessory = button(renewButtonText(model.renewDays), ACTION.renew, value);
    blocks.push(section);
  }
  if (digest.entries.length > DIGEST_MAX_ENTRIES) {
    blocks.push({
      type: 'context',
      block_id: 'digest_more',
      elements: [
        mrkdwn(
          `${digest.entries.length - DIGEST_MAX_ENTRIES} more: owners can see all theirs with \`/pat list\`.`,
        ),
      ],
    });
  }
  if (digest.unreadable.length > 0) {
    const names = digest.unreadable.map((u) => who(u.owner.userId, u.owner.displayName)).join(', ');
    blocks.push({
      type: 'context',
      block_id: 'digest_unreadable',
      elements: [mrkdwn(`:warning: Couldn't check the PATs of ${names}: they need to run \`/pat signin\`.`)],
    });
  }
  return { text: escapeMrkdwn(digest.text).slice(0, 3000), blocks };
}
