/**
 * Cleans chat text before parsing: Teams mention markup and simple HTML, Slack mentions, HTML
 * entities, non-breaking and zero-width spaces, repeated whitespace.
 */

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
};

/** Decodes the HTML entities chat clients send (`&quot;`, `&nbsp;`, `&#39;`, `&#x2019;`, …). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return whole;
      return String.fromCodePoint(cp);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Space-like characters chat clients insert: NBSP, narrow NBSP, en/em spaces, zero-width spaces, BOM. */
const ODD_SPACES =
  /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\t\r\n\f\v]|\u200c|\u200d/g;

/** Returns the plain command text of a chat message (no markup, single spaces, trimmed). */
export function normalizeText(text: string): string {
  return decodeEntities(
    text
      .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ')
      .replace(/<@[A-Z0-9]+(\|[^>]*)?>/gi, ' ')
      .replace(/<\/?(p|div|span|br|b|i|u|strong|em|code|pre)\b[^>]*>/gi, ' '),
  )
    .replace(ODD_SPACES, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
