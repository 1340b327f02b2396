/** Plain-text rendering of a channel digest and of the sign-in notice (channels may render richer). */
import { code } from '../messages';
import type { DigestEntry, UnreadableOwner } from '../notifier';

function ownerName(owner: { userId: string; displayName: string | null }): string {
  return owner.displayName ?? 'a subscriber';
}

/** "PATs that need attention: - `deploy` in contoso (Ada) expires in 3 days (Tue 1 Dec 2026)". */
export function digestText(entries: readonly DigestEntry[], unreadable: readonly UnreadableOwner[]): string {
  const lines: string[] = [];
  if (entries.length > 0) {
    lines.push('PATs that need attention:');
    for (const e of entries) {
      lines.push(
        `- ${code(e.pat.name)} in ${e.pat.org} (${ownerName(e.owner)}) ${e.thresholdLabel} (${e.pat.expiresOn})`,
      );
    }
  }
  for (const u of unreadable) {
    lines.push(`I couldn't check ${ownerName(u.owner)}'s PATs: they need to sign in to patbot again.`);
  }
  return lines.join('\n');
}
