/**
 * Duplicate keys in raw JSON text. `JSON.parse` keeps the last of two equal keys silently, so a
 * log line such as `{"component":"reminders","component":"scheduler"}` looks fine once parsed:
 * this scans the text itself and reports `path.key` for every key that repeats in one object.
 */
export function duplicateJsonKeys(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i += 1;
  };
  const str = (): string => {
    const start = i;
    i += 1; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    if (text[i] === '{') object(path);
    else if (text[i] === '[') {
      i += 1;
      ws();
      for (let n = 0; text[i] !== ']'; n += 1) {
        value(`${path}[${n}]`);
        ws();
        if (text[i] === ',') i += 1;
        ws();
      }
      i += 1;
    } else if (text[i] === '"') str();
    else while (i < text.length && !/[,}\]\s]/.test(text[i])) i += 1;
  };
  const object = (path: string): void => {
    const seen = new Set<string>();
    i += 1;
    ws();
    while (text[i] !== '}') {
      const key = str();
      const keyPath = path ? `${path}.${key}` : key;
      if (seen.has(key)) found.push(keyPath);
      seen.add(key);
      ws();
      i += 1; // colon
      value(keyPath);
      ws();
      if (text[i] === ',') i += 1;
      ws();
    }
    i += 1;
  };
  JSON.parse(text); // must be valid JSON first
  value('');
  return found;
}
