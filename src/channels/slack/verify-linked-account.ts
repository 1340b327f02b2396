/**
 * Account-link check: the Microsoft account that signed in must be the Slack user's own, judged
 * by the e-mail address on their Slack profile (`users.info`, scope `users:read.email`). This
 * stops a forwarded sign-in link from giving its sender the clicker's Azure DevOps access.
 * Addresses are compared with `sameEmail` (NFKC + lower case; look-alike compatibility
 * characters such as the Kelvin sign are refused, see src/core/email-fold.ts).
 */
import { foldEmail, sameEmail } from '../../core/email-fold';
import type { SlackServices } from './slack-services';
import type { SlackIds } from './slack-user';

export type LinkVerdict = { ok: true } | { ok: false; reason: 'mismatch' | 'no_email' };

export async function verifyLinkedAccount(
  s: SlackServices,
  ids: SlackIds,
  account: { names: readonly string[] },
): Promise<LinkVerdict> {
  let email: string | undefined;
  try {
    const info = await s.sender.enqueue(`users:${ids.teamId}`, () =>
      s.sender.client.users.info({ user: ids.slackUserId }),
    );
    email = info.user?.profile?.email?.trim() || undefined;
  } catch (error) {
    s.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'users.info failed');
  }
  if (!email) return { ok: false, reason: 'no_email' };
  if (foldEmail(email) === null) {
    s.deps.logger.warn(
      { slackUserId: ids.slackUserId },
      'slack profile e-mail refused: look-alike characters',
    );
    return { ok: false, reason: 'mismatch' };
  }
  const profileEmail = email;
  return account.names.some((n) => sameEmail(n, profileEmail))
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
