/** The App Home tab: the person's PATs, their subscriptions, or a sign-in prompt. Pure. */
import { allOrgsFailedHeadline } from '../../../core/org-failures';
import { ACTION } from '../action-ids';
import type { Block, HomeView } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { patRowBlocks, type PatRow } from './pat-row';

/** Home tabs hold at most 100 blocks; 20 rows (≤ 4 blocks each) leave room for the rest. */
export const HOME_MAX_ROWS = 20;

export interface HomeSubscriptionModel {
  /** Where, e.g. `<#C123>` (rendered by Slack). */
  channelId: string;
  pattern: string | null;
}

export interface HomeModel {
  /** The outcome of the last button pressed on the Home tab (e.g. `Renewed … until …`). */
  notice?: string;
  signIn?: { url: string; reason: string };
  /** Null when not signed in or when listing failed (see `problem`). */
  rows: PatRow[] | null;
  problem?: string;
  /** One line for the organisations that could not be read ('' = none). */
  failureLine: string;
  /** Every organisation failed (say so instead of "no PATs"). */
  allFailed?: boolean;
  orgs: string[];
  timeZoneLabel: string;
  subscriptions: HomeSubscriptionModel[];
}

export function homeView(model: HomeModel): HomeView {
  const blocks: Block[] = [
    { type: 'header', block_id: 'home_title', text: plain('Your personal access tokens', 150) },
  ];
  if (model.notice) {
    blocks.push({ type: 'section', block_id: 'home_notice', text: mrkdwn(escapeMrkdwn(model.notice)) });
  }
  if (model.signIn) blocks.push(...signInBlocks(model.signIn));
  if (model.problem) {
    blocks.push({
      type: 'section',
      block_id: 'home_problem',
      text: mrkdwn(`:warning: ${escapeMrkdwn(model.problem)}`),
    });
  }
  if (model.rows) blocks.push(...listBlocks(model, model.rows));
  blocks.push(...subscriptionBlocks(model.subscriptions));
  return { type: 'home', blocks };
}

/** The sign-in reason and its "Sign in with Microsoft" button. */
function signInBlocks(signIn: { url: string; reason: string }): Block[] {
  return [
    { type: 'section', block_id: 'home_signin', text: mrkdwn(escapeMrkdwn(signIn.reason)) },
    {
      type: 'actions',
      block_id: 'home_signin_actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION.signIn,
          text: plain('Sign in with Microsoft'),
          url: signIn.url,
          style: 'primary',
        },
      ],
    },
  ];
}

/** The PAT list: its notes line, failures, empty state, up to HOME_MAX_ROWS rows and a "more" hint. */
function listBlocks(model: HomeModel, rows: PatRow[]): Block[] {
  const blocks: Block[] = [listNotesBlock(model, rows.length)];
  if (model.failureLine) {
    blocks.push({
      type: 'section',
      block_id: 'home_failures',
      text: mrkdwn(`:warning: ${escapeMrkdwn(model.failureLine)}`),
    });
  }
  if (rows.length === 0) {
    blocks.push({
      type: 'section',
      block_id: 'home_empty',
      text: mrkdwn(
        model.allFailed ? allOrgsFailedHeadline(model.orgs.length) : 'You have no active or expired PATs.',
      ),
    });
  }
  for (const row of rows.slice(0, HOME_MAX_ROWS)) blocks.push({ type: 'divider' }, ...patRowBlocks(row));
  if (rows.length > HOME_MAX_ROWS) {
    blocks.push({
      type: 'context',
      block_id: 'home_more',
      elements: [
        mrkdwn(`${rows.length - HOME_MAX_ROWS} more: run \`/pat list\` to page through all of them.`),
      ],
    });
  }
  return blocks;
}

/** `N PATs in <orgs> · Dates in <zone>`. */
function listNotesBlock(model: HomeModel, count: number): Block {
  const where = escapeMrkdwn(model.orgs.join(', '));
  const tz = model.timeZoneLabel === 'UTC' ? 'Dates in UTC' : `Dates in ${escapeMrkdwn(model.timeZoneLabel)}`;
  return {
    type: 'context',
    block_id: 'home_list_notes',
    elements: [mrkdwn(`${count} PATs in ${where || 'no organisation'} · ${tz}`)],
  };
}

/** The "Channel subscriptions" section: one line per subscription, or how to add one. */
function subscriptionBlocks(subscriptions: HomeSubscriptionModel[]): Block[] {
  const blocks: Block[] = [
    { type: 'divider' },
    { type: 'header', block_id: 'home_subs_title', text: plain('Channel subscriptions', 150) },
  ];
  if (subscriptions.length === 0) {
    blocks.push({
      type: 'section',
      block_id: 'home_subs_none',
      text: mrkdwn('None yet. In a channel, `/pat subscribe` will announce your PATs’ expiry there.'),
    });
  } else {
    const lines = subscriptions.map(
      (s) =>
        `• <#${s.channelId}>: ${s.pattern ? `PATs matching \`${escapeMrkdwn(s.pattern)}\`` : 'all your PATs'}`,
    );
    blocks.push({ type: 'section', block_id: 'home_subs', text: mrkdwn(lines.join('\n')) });
  }
  return blocks;
}
