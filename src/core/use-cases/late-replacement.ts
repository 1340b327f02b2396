/**
 * Use case: a replacement Azure DevOps created after the channel had given up waiting (Teams
 * answers a dialog within about 5 s, so a slow Create is cancelled there). Its value was never
 * shown, so nobody holds it: the new PAT is revoked at once and audited, and the person is told
 * nothing was left behind. The secret is dropped here: never shown, logged, stored or posted.
 */
import { code, tokensPageUrl } from '../messages';
import { recordAudit } from './audit';
import type { PatUseCaseDeps } from './deps';
import { accessTokenFor, knownFailure } from './find-pats';
import type { CreateReplacementResult } from './recreate-pat';

/** What the dialog answers at once when creating is slower than the channel can wait. */
export const SLOW_CREATE_MESSAGE = "Azure DevOps is slow, so I'm cancelling this.";
export const SLOW_CREATE_NEXT_STEP = 'Try again in a minute.';

/** The chat note once the late Create finished (no secret, no scopes). */
export interface LateReplacementNote {
  tone: 'good' | 'attention';
  message: string;
  nextStep?: string;
}

/**
 * Revokes the PAT a cancelled Create made anyway. Null when nothing was created (the Create
 * failed or never started): nothing to undo, nothing to say.
 */
export async function discardLateReplacement(
  deps: PatUseCaseDeps,
  userId: string,
  result: CreateReplacementResult,
): Promise<LateReplacementNote | null> {
  if (result.kind !== 'created') return null;
  const { pat } = result;
  const access = await accessTokenFor(deps, userId);
  let failure: string | null = access.kind === 'auth' ? access.outcome.error.code : null;
  if (access.kind === 'ok') {
    try {
      await deps.tokensApi.revoke({ org: pat.org, accessToken: access.accessToken }, pat.id);
    } catch (e) {
      failure = knownFailure(e).error.code;
    }
  }
  await recordAudit(deps, {
    at: deps.clock.now(),
    userId,
    action: 'revoke',
    org: pat.org,
    patId: pat.id,
    patName: pat.name,
    outcome: failure ? 'failed' : 'ok',
    detail: `${failure ? `${failure}: ` : ''}created after the dialog was cancelled; never shown`,
  });
  deps.logger.warn({ org: pat.org, patId: pat.id, revoked: !failure }, 'late replacement discarded');
  if (failure) {
    return {
      tone: 'attention',
      message: `Azure DevOps created ${code(pat.name)} in ${pat.org} after I had cancelled, and I couldn't revoke it. Nobody has its value.`,
      nextStep: `Revoke it on ${tokensPageUrl(pat.org)}, then try again.`,
    };
  }
  return {
    tone: 'good',
    message: `Azure DevOps finished creating ${code(pat.name)} in ${pat.org} after I had cancelled, so I revoked it at once. Nothing was left behind.`,
    nextStep: 'Press the button again when you want the replacement.',
  };
}
