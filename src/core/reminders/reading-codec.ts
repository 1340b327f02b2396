/**
 * What a user's turn leaves for the channel digests, as JSON text in the sweep queue: another
 * instance may be the one that sends the digests. PAT metadata and snoozes only, never a token.
 */
import type { Pat } from '../pat';
import type { Subscription } from '../store';
import type { UserReading } from './sweep-user';

/** A user's reading with the subscriptions it feeds. */
export interface DigestInput {
  reading: Exclude<UserReading, { kind: 'not-read' }>;
  subs: Array<Pick<Subscription, 'conversationKey' | 'namePattern'>>;
}

type JsonPat = Omit<Pat, 'validFrom' | 'validTo'> & { validFrom: string; validTo: string };
type JsonReading =
  | {
      kind: 'read';
      owner: DigestInput['reading']['owner'];
      pats: JsonPat[];
      snoozes: Array<[string, string]>;
    }
  | Extract<UserReading, { kind: 'unreadable' }>;

/** JSON text for the queue, or null when the user feeds no digest this sweep. */
export function encodeDigestInput(reading: UserReading, subs: readonly Subscription[]): string | null {
  if (reading.kind === 'not-read' || subs.length === 0) return null;
  const json: JsonReading =
    reading.kind === 'read'
      ? {
          kind: 'read',
          owner: reading.owner,
          pats: reading.pats.map((p) => ({
            ...p,
            validFrom: p.validFrom.toISOString(),
            validTo: p.validTo.toISOString(),
          })),
          snoozes: [...reading.snoozes].map(([id, until]) => [id, until.toISOString()]),
        }
      : reading;
  return JSON.stringify({
    reading: json,
    subs: subs.map((s) => ({ conversationKey: s.conversationKey, namePattern: s.namePattern })),
  });
}

/** The reading and subscriptions back; subscriptions carry only what the digests use. */
export function decodeDigestInput(text: string): { reading: UserReading; subs: Subscription[] } {
  const parsed = JSON.parse(text) as { reading: JsonReading; subs: DigestInput['subs'] };
  const r = parsed.reading;
  const reading: UserReading =
    r.kind === 'read'
      ? {
          kind: 'read',
          owner: r.owner,
          pats: r.pats.map((p) => ({ ...p, validFrom: new Date(p.validFrom), validTo: new Date(p.validTo) })),
          snoozes: new Map(r.snoozes.map(([id, until]) => [id, new Date(until)])),
        }
      : r;
  const subs = parsed.subs.map((s): Subscription => ({
    id: '',
    userId: r.owner.userId,
    conversationKey: s.conversationKey,
    namePattern: s.namePattern,
    createdAt: new Date(0),
  }));
  return { reading, subs };
}
