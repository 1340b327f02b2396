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
  return revokeFound(deps, access.accessToken, input.userId, pat);
}

/** Revokes a PAT already found, with an audit entry; a PAT already revoked says so. */
async function revokeFound(
  deps: PatUseCaseDeps,
  accessToken: string,
  userId: string,
  pat: Pat,
): Promise<RevokePatResult> {
  const audit = (outcome: 'ok' | 'failed', detail: string | null): Promise<void> =>
    recordAudit(deps, {
      at: deps.clock.now(),
      userId,
      action: 'revoke',
      org: pat.org,
      patId: pat.id,
      patName: pat.name,
      outcome,
      detail,
    });
  try {
    await deps.tokensApi.revoke({ org: pat.org, accessToken }, pat.id);
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

/** A Revoke button: the signed value names the PAT and its organisation. */
export interface RevokeSignedPatInput {
  userId: string;
  org: string;
  patId: string;
  /** False (or absent): only ask. True: the person confirmed; revoke. */
  confirmed?: boolean;
  /** The PAT as the card showed it (name, org), when the channel kept it: saves the Get. */
  known?: Pat;
}

/**
 * Revoke by the signed id, no listing: the PAT as the card knew it, else one Get; then, once
 * confirmed, one Delete. At most two Azure DevOps calls; a PAT the card already saw revoked is
 * `already_revoked` without a call.
 */
export async function revokeSignedPat(
  deps: PatUseCaseDeps,
  input: RevokeSignedPatInput,
): Promise<RevokePatResult> {
  const access = await accessTokenFor(deps, input.userId);
  if (access.kind === 'auth') return access;
  let pat: Pat;
  if (input.known && input.known.id === input.patId && input.known.org === input.org) {
    pat = input.known;
  } else {
    try {
      pat = await deps.tokensApi.get({ org: input.org, accessToken: access.accessToken }, input.patId);
    } catch (e) {
      return knownFailure(e);
    }
  }
  if (pat.revoked) return { kind: 'already_revoked', pat, message: alreadyRevokedMessage(pat.name, pat.org) };
  if (input.confirmed !== true) {
    return { kind: 'confirm', pat, message: revokeConfirmMessage(pat.name, pat.org) };
  }
  return revokeFound(deps, access.accessToken, input.userId, pat);
}
