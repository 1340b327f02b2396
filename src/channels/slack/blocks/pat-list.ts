/**
 * The `/pat list` message: a header, notes, one line for organisations that could not be read,
 * one row per PAT (paged) and the pager. Pure. Every page is guaranteed to fit Slack's limits
 * (./slack-limits.ts): the rows per page are cut until every page of the list fits.
 */
import type { types } from '@slack/bolt';
import { allOrgsFailedHeadline } from '../../../core/org-failures';
import { ACTION } from '../action-ids';
import type { Block, SlackMessage } from '../slack-types';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn';
import { groupHeadingBlocks } from './dead-globals-heading';
import { patRowBlocks, type PatRow } from './pat-row';
import { fitsSlack } from './slack-limits';

/** PATs per page asked for; fewer are shown when a page would not fit. */
export const DEFAULT_PAGE_SIZE = 10;

export interface PatListModel {
  /** All rows, in list order. */
  rows: PatRow[];
  /** 0-based page to show (clamped). */
  page: number;
  pageSize: number;
  /** Organisations looked in. */
  orgs: string[];
  /** One line about the organisations that could not be read, with its next step ('' = none). */
  failureLine: string;
  /** Every organisation failed: say so instead of "no PATs". */
  allFailed: boolean;
  /** The organisations that could not be read ("no PATs" speaks only of the others). */
  failedOrgs?: readonly string[];
  /** Other notes shown once (e.g. only the first N organisations are read). */
  notices?: string[];
  /** `UTC` or an IANA zone name. */
  timeZoneLabel: string;
  /** Replace all's signed value, when some rows are dead all-organisations PATs. */
  replaceAllValue?: string;
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function pageCount(rows: number, pageSize: number): number {
  return Math.max(1, Math.ceil(rows / Math.max(1, pageSize)));
}

/** "No PATs" only about the organisations that were read: the failure line says why the others are missing. */
function noneText(model: PatListModel): string {
  const failed = new Set(model.failedOrgs ?? []);
  const read = model.orgs.filter((o) => !failed.has(o));
  return `You have no active or expired PATs in ${listOf(read.length > 0 ? read : model.orgs)}.`;
}

function headline(model: PatListModel): string {
  const where = escapeMrkdwn(listOf(model.orgs));
  if (model.allFailed) return `*${allOrgsFailedHeadline(model.orgs.length)}*`;
  if (model.rows.length === 0) return escapeMrkdwn(noneText(model));
  return `*Your PATs in ${where}* (${model.rows.length}), soonest expiry first`;
}

function pagerBlock(page: number, pages: number): Block {
  const pager: types.Button[] = [];
  const button = (text: string, actionId: string, to: number): types.Button => ({
    type: 'button',
    text: plain(text),
    action_id: actionId,
    value: String(to),
  });
  if (page > 0) pager.push(button('Previous', ACTION.pagePrev, page - 1));
  if (page < pages - 1) pager.push(button('Next', ACTION.pageNext, page + 1));
  return { type: 'actions', block_id: 'pat_list_pager', elements: pager };
}

/** One page with `perPage` rows (page already clamped). */
function buildPage(model: PatListModel, page: number, perPage: number): SlackMessage {
  const pages = pageCount(model.rows.length, perPage);
  const shown = model.rows.slice(page * perPage, (page + 1) * perPage);
  const blocks: Block[] = [{ type: 'section', block_id: 'pat_list_header', text: mrkdwn(headline(model)) }];

  const notes = [
    model.timeZoneLabel === 'UTC' ? 'Dates in UTC' : `Dates in ${escapeMrkdwn(model.timeZoneLabel)}`,
  ];
  if (pages > 1) notes.push(`Page ${page + 1} of ${pages}`);
  blocks.push({ type: 'context', block_id: 'pat_list_notes', elements: [mrkdwn(notes.join(' · '))] });

  if (model.failureLine) {
    blocks.push({
      type: 'section',
      block_id: 'pat_list_failures',
      text: mrkdwn(`:warning: ${escapeMrkdwn(model.failureLine)}`),
    });
  }
  for (const [i, notice] of (model.notices ?? []).entries()) {
    blocks.push({
      type: 'context',
      block_id: `pat_list_notice_${i}`,
      elements: [mrkdwn(escapeMrkdwn(notice))],
    });
  }
  shown.forEach((row, i) =>
    blocks.push(
      ...groupHeadingBlocks(shown[i - 1]?.view, row.view, model.replaceAllValue),
      { type: 'divider' },
      ...patRowBlocks(row),
    ),
  );
  if (pages > 1) blocks.push(pagerBlock(page, pages));

  const fallback = model.allFailed
    ? `${allOrgsFailedHeadline(model.orgs.length)} ${model.failureLine}`
    : model.rows.length === 0
      ? noneText(model)
      : `Your PATs (${model.rows.length}): ${shown.map((r) => `${r.view.name} ${r.view.expiresOn}`).join('; ')}`;
  return { text: escapeMrkdwn(fallback).slice(0, 3000), blocks };
}

/**
 * The most rows per page (≤ `pageSize`) for which every page fits Slack's limits. Computed from
 * the whole list, so Previous/Next page numbers mean the same rows on every click.
 */
export function rowsPerPage(model: PatListModel): number {
  const asked = Math.max(1, Math.floor(model.pageSize));
  for (let perPage = asked; perPage > 1; perPage--) {
    const pages = pageCount(model.rows.length, perPage);
    let fits = true;
    for (let p = 0; p < pages && fits; p++) fits = fitsSlack(buildPage(model, p, perPage));
    if (fits) return perPage;
  }
  return 1;
}

export function patListMessage(model: PatListModel): SlackMessage {
  const perPage = rowsPerPage(model);
  const pages = pageCount(model.rows.length, perPage);
  const page = Math.min(Math.max(0, Math.floor(model.page)), pages - 1);
  return buildPage(model, page, perPage);
}
