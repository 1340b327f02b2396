/**
 * Who may see operational details (host, pid, sweep statistics) on an otherwise public
 * endpoint: a caller with the `Authorization: Bearer <token>` (compared in constant time), or a
 * caller on this machine (a loopback peer, not relayed by a proxy: a reverse proxy on the same
 * host connects from loopback but adds `X-Forwarded-For`/`Forwarded`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from './server';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function header(req: Pick<HttpRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function hasBearer(req: Pick<HttpRequest, 'headers'>, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

function isRelayed(req: Pick<HttpRequest, 'headers'>): boolean {
  return header(req, 'x-forwarded-for') !== undefined || header(req, 'forwarded') !== undefined;
}

export function mayShowDetails(
  req: Pick<HttpRequest, 'headers' | 'remoteAddress'>,
  token: string | null,
): boolean {
  if (token !== null && hasBearer(req, token)) return true;
  return isLoopbackAddress(req.remoteAddress) && !isRelayed(req);
}
