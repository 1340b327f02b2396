/** PORT, HOST, PUBLIC_BASE_URL, HTTP_BODY_LIMIT_BYTES, READYZ_DETAIL_TOKEN: the HTTP edge. */
import { parseInteger, parseUrl, Problems } from './parse';
import type { Raw } from './schema';
import type { HttpConfig, Slice } from './types';

/** Without BOT_ID /api/messages is unauthenticated: loopback only, whatever HOST says. */
function hostFor(raw: Raw, warnings: string[]): string {
  const host = raw.HOST ?? (raw.BOT_ID ? '0.0.0.0' : '127.0.0.1');
  if (raw.BOT_ID) return host;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    warnings.push(
      `BOT_ID is empty, so /api/messages accepts unauthenticated requests: binding to 127.0.0.1 instead of HOST=${host}.`,
    );
    return '127.0.0.1';
  }
  warnings.push('BOT_ID is empty: /api/messages accepts unauthenticated requests (loopback only).');
  return host;
}

function parseDetailToken(value: string | undefined, problems: Problems): string | null {
  if (value === undefined) return null;
  if (value.length < 16 || /\s/.test(value)) {
    problems.add(
      'READYZ_DETAIL_TOKEN',
      'must be at least 16 characters without spaces.',
      "Generate one with: node -e \"console.log(require('crypto').randomBytes(24).toString('base64url'))\"",
    );
    return null;
  }
  return value;
}

export function httpFrom(raw: Raw): Slice<HttpConfig> {
  const problems = new Problems();
  const warnings: string[] = [];
  const port = parseInteger(raw.PORT, 'PORT', 3978, { min: 0, max: 65535 }, problems);
  const host = hostFor(raw, warnings);
  const publicBaseUrl = parseUrl(
    raw.PUBLIC_BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    'PUBLIC_BASE_URL',
    problems,
  );
  const bodyLimitBytes = parseInteger(
    raw.HTTP_BODY_LIMIT_BYTES,
    'HTTP_BODY_LIMIT_BYTES',
    256 * 1024,
    { min: 1024, max: 10 * 1024 * 1024 },
    problems,
  );
  const readyzDetailToken = parseDetailToken(raw.READYZ_DETAIL_TOKEN, problems);
  return {
    value: { port, host, publicBaseUrl, bodyLimitBytes, readyzDetailToken },
    problems: problems.list,
    warnings,
  };
}
