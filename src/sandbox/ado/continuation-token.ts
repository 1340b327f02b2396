/** Opaque, HMAC-signed continuation tokens bound to the caller, org, filter and sort. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class ContinuationTokens {
  private readonly secret = randomBytes(32);

  issue(binding: string, offset: number): string {
    const payload = Buffer.from(JSON.stringify({ o: offset, n: randomBytes(4).toString('hex') })).toString(
      'base64url',
    );
    return `${payload}.${this.mac(binding, payload)}`;
  }

  /** The offset, or undefined when the token is malformed or was issued for another binding. */
  read(binding: string, token: string): number | undefined {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return undefined;
    const expected = Buffer.from(this.mac(binding, payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o?: unknown };
      return typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0
        ? parsed.o
        : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(binding: string, payload: string): string {
    return createHmac('sha256', this.secret)
      .update(`${binding}\n${payload}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
