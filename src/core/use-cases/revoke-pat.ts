/** Use case: revoke one PAT, after the person confirms. */
import type { CodedError } from '../../errors';
import {
  alreadyRevokedMessage,
  ambiguousPatMessage,
  revokeConfirmMessage,
  revokedMessage,
} from '../messages';
import type { Pat } from '../pat';
import { recordAudit } from './audit';
import type { AuthFailure, PatUseCaseDeps } from './deps';
import {
  accessTokenFor,
  collectPats,
  knownFailure,
  noOrgsError,
  notFoundError,
  resolveTarget,
} from './find-pats';

export interface RevokePatInput {
  userId: string;
  orgs: readonly string[];
  /** PAT name (case-insensitive) or id. */
  target: string;
  /** False (or absent): only ask. True: the person confirmed; revoke. */
  confirmed?: boolean;
}

export type RevokePatResult =
  /** Ask first: show `message` with Revoke / Cancel buttons. No API change was made. */
  | { kind: 'confirm'; pat: Pat; message: string }
  | { kind: 'revoked'; pat: Pat; message: string }
  | { kind: 'already_revoked'; pat: Pat; message: string }
  | { kind: 'ambiguous'; candidates: Pat[]; message: string }
  | { kind: 'auth'; outcome: AuthFailure }
  | { kind: 'failed'; error: CodedError };

/**
 * Finds the PAT (active or expired; else among revoked ones, which gives `already_revoked`), asks
 * for confirmation, and revokes once confirmed, with an audit entry. Known failures are returned;
 * anything else (a bug) is thrown.
 */
export async function revokePat(deps: PatUseCaseDeps, input: RevokePatInput): Promise<RevokePatResult> {
  if (input.orgs.length === 0) return { kind: 'failed', error: noOrgsError(deps.prefix) };
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  const live = await collectPats(deps, access.accessToken, input.orgs, ['active', 'expired']);
  const found = resolveTarget(live.pats, input.target);
  if (found.kind === 'many') {
    return {
      kind: 'ambiguous',
      candidates: found.candidates,
      message: ambiguousPatMessage(input.target, found.candidates, 'revoke', deps.prefix),
    };
  }
  if (found.kind === 'none') {
    const revoked = await collectPats(deps, access.accessToken, input.orgs, ['revoked']);
    const gone = resolveTarget(revoked.pats, input.target);
    if (gone.kind === 'one' || gone.kind === 'many') {
      const pat = gone.kind === 'one' ? gone.pat : gone.candidates[0];
      return { kind: 'already_revoked', pat, message: alreadyRevokedMessage(pat.name, pat.org) };
    }
    const failure = live.failures[0] ?? revoked.failures[0];
    return {
      kind: 'failed',
      error: failure?.error ?? notFoundError(input.target, input.orgs, live.pats, 'revoke', deps.prefix),
    };
  }
  const pat = found.pat;
  if (input.confirmed !== true) {
    return { kind: 'confirm', pat, message: revokeConfirmMessage(pat.name, pat.org) };
  }
  const audit = (outcome: 'ok' | 'failed', detail: string | null): Promise<void> =>
    recordAudit(deps, {
      at: deps.clock.now(),
      userId: input.userId,
      action: 'revoke',
      org: pat.org,
      patId: pat.id,
      patName: pat.name,
      outcome,
      detail,
    });
  try {
    await deps.tokensApi.revoke({ org: pat.org, accessToken: access.accessToken }, pat.id);
  } catch (e) {
    const { error } = knownFailure(e);
    if (error.code === 'ado.pat_revoked') {
      return {
        kind: 'already_revoked',
        pat: { ...pat, revoked: true },
        message: alreadyRevokedMessage(pat.name, pat.org),
      };
    }
    await audit('failed', error.code);
    deps.logger.warn({ org: pat.org, patId: pat.id, code: error.code }, 'PAT revocation failed');
    return { kind: 'failed', error };
  }
  await audit('ok', null);
  deps.logger.info({ org: pat.org, patId: pat.id }, 'PAT revoked');
  return { kind: 'revoked', pat: { ...pat, revoked: true }, message: revokedMessage(pat.name, pat.org) };
}
