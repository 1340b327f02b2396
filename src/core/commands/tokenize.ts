/** Splits cleaned command text into words, keeping quoted names (`"…"`, `'…'`, `“…”`, `‘…’`) whole. */

export interface Token {
  text: string;
  /** True when the word was written in quotes (a name, never a keyword or a number). */
  quoted: boolean;
}

/** For each opening quote, the characters that may close it. */
const CLOSERS: Record<string, string> = {
  '"': '"”“',
  '“': '”"“',
  '”': '”"',
  "'": "'’",
  '‘': "’'‘",
  '«': '»',
};

const TRAILING_PUNCTUATION = /[.,!?;:…]+$/;

function findCloser(text: string, from: number, closers: string): number {
  let first = -1;
  for (let i = from; i < text.length; i++) {
    if (!closers.includes(text[i])) continue;
    if (first < 0) first = i;
    const rest = text.slice(i + 1);
    if (rest === '' || rest[0] === ' ' || /^[.,!?;:…]+( |$)/.test(rest)) return i;
  }
  return first;
}

/**
 * Tokenizes one line. A quote opens only at the start of a word and closes at the matching quote
 * that ends a word (so `'Bob's PAT'` stays whole); an unclosed quote runs to the end. Trailing
 * punctuation after the last unquoted word is dropped (`pat list.`).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    const closers = CLOSERS[text[i]];
    if (closers !== undefined) {
      const end = findCloser(text, i + 1, closers);
      if (end < 0) {
        tokens.push({ text: text.slice(i + 1).trim(), quoted: true });
        break;
      }
      tokens.push({ text: text.slice(i + 1, end).trim(), quoted: true });
      i = end + 1;
      continue;
    }
    let end = text.indexOf(' ', i);
    if (end < 0) end = text.length;
    tokens.push({ text: text.slice(i, end), quoted: false });
    i = end;
  }
  // Drop trailing punctuation (and punctuation-only words) at the end of the message.
  while (tokens.length > 0) {
    const last = tokens[tokens.length - 1];
    if (last.quoted) break;
    const stripped = last.text.replace(TRAILING_PUNCTUATION, '');
    if (stripped !== '') {
      last.text = stripped;
      break;
    }
    tokens.pop();
  }
  return tokens;
}
