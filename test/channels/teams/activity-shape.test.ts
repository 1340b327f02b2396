/**
 * The hand-written activity check gives the same verdict, and names the same field, as the zod
 * schema it replaced (kept here as the reference) for valid activities and every kind of defect.
 */
import { z } from 'zod';
import { checkActivityShape } from '../../../src/channels/teams/activity-shape';

const text = (max: number) => z.string().min(1).max(max);
const reference = z
  .object({
    type: text(64),
    serviceUrl: text(2048),
    channelId: text(64).optional(),
    conversation: z.object({ id: text(1024) }).passthrough(),
    from: z.object({ id: text(1024) }).passthrough(),
    recipient: z
      .object({ id: text(1024) })
      .passthrough()
      .optional(),
    name: text(256).optional(),
  })
  .passthrough();

function referenceVerdict(body: unknown): { ok: true } | { ok: false; field: string } {
  const parsed = reference.safeParse(body);
  if (parsed.success) return { ok: true };
  return { ok: false, field: parsed.error.issues[0]?.path.join('.') || 'activity' };
}

const valid = {
  type: 'message',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  conversation: { id: 'a:1', conversationType: 'personal' },
  from: { id: '29:1', aadObjectId: 'x' },
  recipient: { id: '28:bot' },
  name: 'adaptiveCard/action',
  text: 'pat list',
};

const bad: unknown[] = [
  null,
  undefined,
  'message',
  42,
  [],
  [valid],
  {},
  { ...valid, type: '' },
  { ...valid, type: 7 },
  { ...valid, type: 'x'.repeat(65) },
  { ...valid, type: null },
  { ...valid, serviceUrl: undefined },
  { ...valid, serviceUrl: 'x'.repeat(2049) },
  { ...valid, channelId: '' },
  { ...valid, channelId: null },
  { ...valid, channelId: 'x'.repeat(65) },
  { ...valid, conversation: undefined },
  { ...valid, conversation: null },
  { ...valid, conversation: [] },
  { ...valid, conversation: 'a:1' },
  { ...valid, conversation: {} },
  { ...valid, conversation: { id: '' } },
  { ...valid, conversation: { id: 'x'.repeat(1025) } },
  { ...valid, from: undefined },
  { ...valid, from: { id: 5 } },
  { ...valid, recipient: null },
  { ...valid, recipient: {} },
  { ...valid, recipient: { id: 'x'.repeat(1025) } },
  { ...valid, name: '' },
  { ...valid, name: 'x'.repeat(257) },
  { ...valid, name: null },
  // Several defects at once: the first in field order is named.
  { type: '', conversation: null },
  { type: 'message', serviceUrl: 's', from: {}, conversation: {} },
  { type: 'message', serviceUrl: 's', conversation: { id: 'c' }, from: { id: 'f' }, recipient: 3, name: '' },
];

const good: unknown[] = [
  valid,
  { type: 'message', serviceUrl: 's', conversation: { id: 'c' }, from: { id: 'f' } },
  { ...valid, channelId: undefined, recipient: undefined, name: undefined },
  { ...valid, type: 'x'.repeat(64), serviceUrl: 'x'.repeat(2048), name: 'x'.repeat(256) },
  { ...valid, conversation: { id: 'x'.repeat(1024), extra: { deep: [1] } } },
];

describe('checkActivityShape', () => {
  it.each(good.map((b, i) => [i, b]))('accepts well-formed activity #%i', (_i, body) => {
    expect(checkActivityShape(body)).toEqual({ ok: true });
    expect(referenceVerdict(body)).toEqual({ ok: true });
  });

  it.each(bad.map((b, i) => [i, b]))(
    'refuses malformed activity #%i naming the same field as zod',
    (_i, body) => {
      const verdict = checkActivityShape(body);
      expect(verdict.ok).toBe(false);
      expect(verdict).toEqual(referenceVerdict(body));
    },
  );
});
