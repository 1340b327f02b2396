/** Turns the core's list result into the list card's model (views, signed buttons, paging). */
import { tokensPageUrl } from '../../core/messages';
import { allOrgsFailed, failureNextStep, orgFailuresLine } from '../../core/org-failures';
import { orgsCapNotice } from '../../core/orgs';
import type { Pat } from '../../core/pat';
import { sortPatViews, toPatView } from '../../core/pat-view';
import type { OrgFailure } from '../../core/use-cases/deps';
import type { User } from '../../core/store';
import { ALL_PATS } from './action-values';
import type { BotContext } from './bot-context';
import type { ListCardModel, Notice, PatRowModel } from './cards/list-card';

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
}

/** The signed "list my PATs" action for a user. */
export function listToken(bc: BotContext, owner: User, orgs: string[]): string {
  return bc.signer.sign({ v: 'list', o: owner.id, g: orgs[0] ?? 'none', p: ALL_PATS });
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
  const views = sortPatViews(input.pats.map((p) => toPatView(p, now, input.owner.timezone)));
  const rows: PatRowModel[] = views.map((view) => {
    const pat = byId.get(view.id);
    const org = pat?.org ?? view.org;
    const live = view.status !== 'expired' && view.status !== 'revoked';
    const sign = (v: 'renew' | 'revoke' | 'recreate' | 'rotate') =>
      bc.signer.sign({ v, o: input.owner.id, g: org, p: view.id });
    const mode = live ? 'rotate' : 'recreate';
    return {
      view,
      renew: live ? sign('renew') : null,
      revoke: view.status !== 'revoked' ? sign('revoke') : null,
      tokensPageUrl: tokensPageUrl(org),
      replace: { mode, token: sign(mode) },
    };
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
  };
}
