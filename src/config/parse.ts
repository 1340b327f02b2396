/** Small parsers the slices share; each records what is wrong in a `Problems` list. */

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class Problems {
  readonly list: string[] = [];
  add(variable: string, problem: string, fix: string): void {
    this.list.push(`${variable}: ${problem} ${fix}`);
  }
  /** A required variable that is empty: `NAME is not set: it is required …. Fix.` */
  missing(variable: string, requirement: string, fix: string): void {
    this.list.push(`${variable} is not set: ${requirement} ${fix}`);
  }
}

export function parseBool(value: string | undefined, name: string, problems: Problems): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  problems.add(name, `"${value}" is not a yes/no value.`, 'Use 1 or 0.');
  return undefined;
}

export function parseUrl(value: string, name: string, problems: Problems): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    problems.add(name, `"${value}" is not an http(s) URL.`, 'Use a full URL such as https://example.com.');
    return value;
  }
}

export function isLoopbackUrl(value: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Outside sandbox mode, a URL that receives Microsoft Entra tokens must be https (loopback excepted). */
export function requireHttps(name: string, value: string, sandbox: boolean, problems: Problems): void {
  if (!sandbox && value.startsWith('http:') && !isLoopbackUrl(value))
    problems.add(name, 'must be an https URL: it receives Microsoft Entra tokens.', 'Use https://….');
}

export function parseInteger(
  value: string | undefined,
  name: string,
  fallback: number,
  range: { min: number; max: number },
  problems: Problems,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    problems.add(
      name,
      `"${value}" is not a whole number from ${range.min} to ${range.max}.`,
      `Use e.g. ${fallback}.`,
    );
    return fallback;
  }
  return n;
}
