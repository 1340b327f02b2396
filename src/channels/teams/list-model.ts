/** Turns the core's list result into the list card's model (views, signed buttons, paging). */
import { tokensPageUrl } from '../../core/messages';
import { allOrgsFailed, failureNextStep, orgFailuresLine } from '../../core/org-failures';
import { orgsCapNotice } from '../../core/orgs';
import type { Pat } from '../../core/pat';
import { deadGlobalsFirst, isDeadGlobal } from '../../core/dead-globals';
import { sortPatViews, toPatView } from '../../core/pat-view';
import type { OrgFailure } from '../../core/use-cases/deps';
import type { User } from '../../core/store';
import { ALL_PATS } from './action-values';
import type { BotContext } from './bot-context';
import type { ListCardModel, Notice, PatRowModel } from './cards/list-card';
import { newViewId, type ListView } from './list-view';

export interface ListModelInput {
  owner: User;
  pats: readonly Pat[];
  failures: readonly OrgFailure[];
  orgs: string[];
  /** First row to show (a later "Show more" page). */
  from?: number;
  shown?: number;
  notice?: Notice;
  refreshUserIds?: string[];
  /** The stored view this card shows (./list-view.ts): its row values carry it. */
  viewId?: string;
  /** `pats` are already in list order (a kept view): a patched row keeps its place. */
  ordered?: boolean;
}

/** The signed "list my PATs" action for a user; with `viewId`, "show that stored list again" (Cancel). */
export function listToken(bc: BotContext, owner: User, orgs: string[], viewId?: string): string {
  return bc.signer.sign({
    v: 'list',
    o: owner.id,
    g: orgs[0] ?? 'none',
    p: ALL_PATS,
    ...(viewId ? { w: viewId } : {}),
  });
}

/** "I read only the first N" when the owner's stored list is longer than the cap and was used. */
function capNotice(bc: BotContext, owner: User, orgs: readonly string[]): string[] {
  const { organizations, maxOrgsPerUser } = bc.deps.config.ado;
  const notice = orgsCapNotice(owner.orgs, organizations, maxOrgsPerUser);
  return notice && orgs.length === maxOrgsPerUser ? [notice] : [];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function listModel(bc: BotContext, input: ListModelInput): ListCardModel {
  const now = bc.deps.clock.now();
  const byId = new Map(input.pats.map((p) => [p.id, p]));
  const unsorted = input.pats.map((p) => toPatView(p, now, input.owner.timezone));
  // Dead all-organisations PATs first, under their own heading (./cards/dead-globals-heading.ts).
  const views = input.ordered ? unsorted : deadGlobalsFirst(sortPatViews(unsorted));
  const rows: PatRowModel[] = views.map((view) => {
    const pat = byId.get(view.id);
    const org = pat?.org ?? view.org;
    const live = view.status !== 'expired' && view.status !== 'revoked';
    // One signed value per row: every row action carries it (the verb says which).
    const value =
      view.status === 'revoked'
        ? null
        : bc.signer.sign({
            v: 'row',
            o: input.owner.id,
            g: org,
            p: view.id,
            ...(input.viewId ? { w: input.viewId } : {}),
          });
    // Create replacement / Rotate open a dialog (task/fetch) with the same row value.
    const mode = live ? ('rotate' as const) : ('recreate' as const);
    const replace = value ? { mode, token: value } : null;
    return { view, value, canRenew: live, tokensPageUrl: tokensPageUrl(org), replace };
  });
  const pageSize = bc.settings.pageSize;
  return {
    ownerName: input.owner.displayName ?? 'you',
    rows,
    from: input.from,
    shown: Math.max(1, input.shown ?? pageSize),
    pageSize,
    orgs: input.orgs,
    failureLine:
      input.failures.length > 0
        ? `${orgFailuresLine(input.failures)} ${failureNextStep(input.failures)}`
        : '',
    allFailed: allOrgsFailed(input.orgs, input.failures),
    notices: capNotice(bc, input.owner, input.orgs),
    notice: input.notice,
    listToken: listToken(bc, input.owner, input.orgs),
    refreshUserIds: input.refreshUserIds,
    minRenewDate: isoDay(new Date(now.getTime() + 86_400_000)),
    renewDays: bc.deps.config.ado.renewDefaultDays,
    ...(views.some(isDeadGlobal)
      ? {
          replaceAllToken: bc.signer.sign({
            v: 'replace_all',
            o: input.owner.id,
            g: input.orgs[0] ?? 'none',
            p: ALL_PATS,
          }),
        }
      : {}),
  };
}

/**
 * The model of a freshly listed card, its list kept as the person's view (./list-view.ts) so a
 * click on a row can patch it in place.
 */
export async function listModelWithView(
  bc: BotContext,
  input: Omit<ListModelInput, 'viewId' | 'ordered'>,
): Promise<ListCardModel> {
  const w = newViewId();
  const model = listModel(bc, { ...input, viewId: w });
  // Kept in the card's order, so a patched row stays where the person clicked it.
  const byId = new Map(input.pats.map((p) => [p.id, p]));
  const view: ListView = {
    w,
    orgs: input.orgs,
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.shown !== undefined ? { shown: input.shown } : {}),
    pats: model.rows.map((r) => byId.get(r.view.id)).filter((p): p is Pat => p !== undefined),
    failures: [...input.failures],
    revoked: [],
  };
  // Too big to keep: the row values name a view that is not there, so a click lists again.
  await bc.views.save(input.owner.id, view);
  return model;
}

/** The model of a kept view (after a click patched it), with the click's notice. */
export function viewModel(
  bc: BotContext,
  input: { owner: User; view: ListView; notice?: Notice; refreshUserIds?: string[] },
): ListCardModel {
  const { view } = input;
  return listModel(bc, {
    owner: input.owner,
    pats: view.pats,
    failures: view.failures,
    orgs: view.orgs,
    from: view.from,
    shown: view.shown,
    notice: input.notice,
    refreshUserIds: input.refreshUserIds,
    viewId: view.w,
    ordered: true,
  });
}
