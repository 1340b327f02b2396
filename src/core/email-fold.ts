/**
 * Unicode-safe comparison of e-mail addresses (the Slack profile's against the Microsoft
 * account's), used to decide whether a Slack sign-in link may be linked to a Microsoft account.
 *
 * Folding: trim, NFKC, `toLowerCase()` (locale-independent), NFKC again (lower-casing `İ`
 * gives `i` + U+0307, which must compare in one normal form).
 *
 * Refused (`foldEmail` returns null, so the address matches nothing):
 * - any code point that NFKC changes on its own: compatibility characters such as the Kelvin
 *   sign `K` (U+212A, folds to ASCII `k`), the Ohm and Angstrom signs, fullwidth letters
 *   (`ａｌｉｃｅ`), ligatures (`ﬁ`) and the micro sign. They look like (or fold into) ordinary
 *   letters, so an address spelled with them could pass for someone else's; no real mailbox
 *   needs them, and refusing costs at most a "sign in with your own account" retry;
 * - an empty address or one longer than 320 characters.
 *
 * Kept distinct on purpose (no full case folding): the Turkish dotless `ı` is not `i`, and
 * `ß` is not `ss`. Two different mailboxes must never fold to one string; a false refusal is
 * recoverable, a false match hands one person's Azure DevOps access to another.
 *
 * Canonically equivalent spellings match: `é` (U+00E9) and `e` + U+0301 fold to the same string.
 */

const MAX_EMAIL_LENGTH = 320;

/** True when some code point of `s` is changed by NFKC on its own (a compatibility character). */
function hasCompatibilityCharacter(s: string): boolean {
  for (const ch of s) {
    if (ch.normalize('NFKC') !== ch) return true;
  }
  return false;
}

/** The comparable form of an e-mail address, or null when it is refused (see the module doc). */
export function foldEmail(address: string): string | null {
  const trimmed = address.trim();
  if (trimmed === '' || trimmed.length > MAX_EMAIL_LENGTH) return null;
  if (hasCompatibilityCharacter(trimmed)) return null;
  return trimmed.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** True when both addresses fold (neither is refused) to the same string. */
export function sameEmail(a: string, b: string): boolean {
  const fa = foldEmail(a);
  return fa !== null && fa === foldEmail(b);
}
