/**
 * Teams reads `<name>` in a message or an Adaptive Card TextBlock as an HTML tag and drops it (and
 * shows `&lt;name&gt;` literally when the text escapes it). Placeholders in help and hints are
 * written `<name>` (as in docs/ux.md); in Teams they become `‹name›`, which every Teams renderer
 * shows as typed. `<at>…</at>` mentions stay. Slack escapes `<` as `&lt;` instead (blocks/mrkdwn).
 */
const ANGLE_WORD = /<(?!\/?at>)([^<>\n]{1,60})>/g;

export function forTeams(text: string): string {
  return text.replace(ANGLE_WORD, '‹$1›');
}
