/** The `/pat list` message: a header, one row per PAT (paged), failures and pager. Pure. */
import type { types } from '@slack/bolt';
import { ACTION } from '../action-ids';
import type { Block, SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { patRowBlocks, type PatRow } from './pat-row';

/** Ten rows (3 blocks each) keep a page well under Slack's 50-block message limit. */
export const DEFAULT_PAGE_SIZE = 10;

export interface PatListModel {
  /** All rows, in list order. */
  rows: PatRow[];
  /** 0-based page to show (clamped). */
  page: number;
  pageSize: number;
  /** Organisations looked in. */
  orgs: string[];
  /** Organisations that could not be read, with the sentence to show. */
  failures: Array<{ org: string; text: string }>;
  /** `UTC` or an IANA zone name. */
  timeZoneLabel: string;
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function pageCount(rows: number, pageSize: number): number {
  return Math.max(1, Math.ceil(rows / Math.max(1, pageSize)));
}

export function patListMessage(model: PatListModel): SlackMessage {
  const pages = pageCount(model.rows.length, model.pageSize);
  const page = Math.min(Math.max(0, Math.floor(model.page)), pages - 1);
  const shown = model.rows.slice(page * model.pageSize, (page + 1) * model.pageSize);
  const where = escapeMrkdwn(listOf(model.orgs));
  const blocks: Block[] = [];

  const count = model.rows.length;
  // "No PATs" only about the organisations that were read: one that could not be read says why below.
  const failed = new Set(model.failures.map((f) => f.org));
  const read = model.orgs.filter((o) => !failed.has(o));
  const noneText =
    read.length === 0
      ? `I couldn't read your PATs in ${listOf(model.orgs)}.`
      : `You have no active or expired PATs in ${listOf(read)}.`;
  const headline =
    count === 0 ? escapeMrkdwn(noneText) : `*Your PATs in ${where}* (${count}), soonest expiry first`;
  blocks.push({ type: 'section', block_id: 'pat_list_header', text: mrkdwn(headline) });

  const notes: string[] = [];
  if (model.timeZoneLabel === 'UTC') notes.push('Dates in UTC');
  else notes.push(`Dates in ${escapeMrkdwn(model.timeZoneLabel)}`);
  if (pages > 1) notes.push(`Page ${page + 1} of ${pages}`);
  blocks.push({ type: 'context', block_id: 'pat_list_notes', elements: [mrkdwn(notes.join(' · '))] });

  for (const failure of model.failures) {
    blocks.push({
      type: 'section',
      block_id: `pat_list_failure:${failure.org}`,
      text: mrkdwn(`:warning: Couldn't read ${escapeMrkdwn(failure.org)}: ${escapeMrkdwn(failure.text)}`),
    });
  }

  for (const row of shown) {
    blocks.push({ type: 'divider' });
    blocks.push(...patRowBlocks(row));
  }

  if (pages > 1) {
    const pager: types.Button[] = [];
    if (page > 0)
      pager.push({
        type: 'button',
        text: plain('Previous'),
        action_id: ACTION.pagePrev,
        value: String(page - 1),
      });
    if (page < pages - 1)
      pager.push({
        type: 'button',
        text: plain('Next'),
        action_id: ACTION.pageNext,
        value: String(page + 1),
      });
    blocks.push({ type: 'actions', block_id: 'pat_list_pager', elements: pager });
  }

  const fallback =
    count === 0
      ? noneText
      : `Your PATs (${count}): ${shown.map((r) => `${r.view.name} ${r.view.expiresOn}`).join('; ')}`;
  return { text: escapeMrkdwn(fallback).slice(0, 3000), blocks };
}
