/** The proactive cards (reminder, sign-in notice, channel digest, subscriptions) are pure functions of their models. */
import {
  digestCard,
  mentionOf,
  plainOwner,
  type DigestCardEntry,
} from '../../../src/channels/teams/cards/digest-card';
import { reminderCard, type ReminderCardModel } from '../../../src/channels/teams/cards/reminder-card';
import { signInNeededCard } from '../../../src/channels/teams/cards/signin-needed-card';
import { subscriptionsCard } from '../../../src/channels/teams/cards/subscriptions-card';
import { deliveryFailure } from '../../../src/channels/teams/delivery-failure';
import type { DigestEntry, PatReminder, ReminderPat } from '../../../src/core/notifier';
import { CodedError } from '../../../src/errors';
import { cardText, findAction } from '../../support/teams-harness';

const pat = (extra: Partial<ReminderPat> = {}): ReminderPat => ({
  patId: 'pat-1',
  name: 'deploy_key',
  org: 'contoso',
  daysLeft: 3,
  expiresAt: new Date('2026-12-03T10:00:00Z'),
  validTo: new Date('2026-12-03T10:00:00Z'),
  expiresOn: 'Thu 3 Dec 2026',
  relative: 'in 3 days',
  allOrgs: false,
  endsAtGlobalRetirement: false,
  ...extra,
});

const reminder = (extra: Partial<PatReminder> = {}, patExtra: Partial<ReminderPat> = {}): PatReminder => ({
  kind: 'threshold',
  threshold: '3d',
  thresholdLabel: 'expires in 3 days',
  pat: pat(patExtra),
  timeZone: 'Europe/Berlin',
  timeZoneLabel: 'Europe/Berlin',
  text: '`deploy_key` in contoso expires in 3 days (Thu 3 Dec 2026). Renew it to keep it working.',
  ...extra,
});

const model = (r: PatReminder): ReminderCardModel => ({
  reminder: r,
  buttons: {
    renew: 'renew-token',
    snooze: { oneDay: 'snooze-1', threeDays: 'snooze-3' },
    list: 'list-token',
  },
  tokensPageUrl: 'https://dev.azure.com/contoso/_usersSettings/tokens',
  pageSize: 10,
  renewDays: 90,
  minRenewDate: '2026-11-29',
});

describe('reminder card', () => {
  it('names the PAT, organisation, expiry and days left, with Renew, Snooze and "Show all my PATs"', () => {
    const card = reminderCard(model(reminder()));
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    expect(text.split('\n')[0]).toBe('deploy_key expires in 3 days');
    expect(text).toContain('Organisation\ncontoso');
    expect(text).toContain('Expires\nThu 3 Dec 2026 (in 3 days)');
    expect(text).toContain('Days left\n3 days');
    expect(text).toContain('Dates in Europe/Berlin.');
    // One click renews for the default length; Other… holds 30 days, the longest and a date.
    expect(findAction(card, 'Renew 90 days')).toEqual({ verb: 'pat.renew', data: { t: 'renew-token' } });
    expect(findAction(card, '30 days')).toEqual({ verb: 'pat.renew', data: { t: 'renew-token', d: '30' } });
    expect(findAction(card, 'Longest allowed').data).toEqual({ t: 'renew-token', d: 'max' });
    expect(findAction(card, 'Renew until this date').data).toEqual({ t: 'renew-token', d: 'date' });
    expect(JSON.stringify(card)).toContain('"title":"Other…"');
    expect(findAction(card, 'Snooze 1 day')).toEqual({
      verb: 'pat.snooze',
      data: { t: 'snooze-1', n: 'deploy_key' },
    });
    expect(findAction(card, 'Snooze 3 days').data.t).toBe('snooze-3');
    expect(findAction(card, 'Show all my PATs')).toEqual({
      verb: 'pat.list',
      data: { t: 'list-token', shown: 10 },
    });
    expect(card.fallbackText).toBe(reminder().text);
    // Markdown in names is shown as typed.
    expect(JSON.stringify(card.body)).toContain('deploy\\\\_key');
  });

  it('says an expired PAT cannot be extended and links to create a new one, without Renew or Snooze', () => {
    const card = reminderCard(
      model(
        reminder(
          { kind: 'expired', threshold: 'expired', thresholdLabel: 'expired 2 days ago' },
          { daysLeft: -2, relative: '2 days ago', expiresOn: 'Sat 28 Nov 2026' },
        ),
      ),
    );
    const text = cardText(card);
    expect(text).toContain("Expired PATs can't be extended: create a replacement.");
    expect(text).toContain('Expired\nSat 28 Nov 2026 (2 days ago)');
    expect(text).toContain('Days left\nexpired 2 days ago');
    expect(() => findAction(card, '30 days')).toThrow();
    expect(() => findAction(card, 'Snooze 1 day')).toThrow();
    expect(card.actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Create a new PAT',
      url: 'https://dev.azure.com/contoso/_usersSettings/tokens',
    });
  });

  it('explains the 1 Dec 2026 retirement of all-organisation PATs, without Renew', () => {
    const card = reminderCard(
      model(
        reminder(
          {
            kind: 'global-retirement',
            threshold: 'global-retirement',
            thresholdLabel: 'stops on 1 Dec 2026',
          },
          { allOrgs: true, endsAtGlobalRetirement: true, daysLeft: 1 },
        ),
      ),
    );
    const text = cardText(card);
    expect(text).toContain('deploy_key stops on 1 Dec 2026');
    expect(text).toContain('Azure DevOps retires PATs that work in all organisations on 1 Dec 2026');
    expect(text).toContain('Organisation\nall organisations');
    expect(() => findAction(card, '30 days')).toThrow();
    expect(card.actions).toContainEqual(expect.objectContaining({ title: 'Create a new PAT' }));
  });
});

describe('sign-in-needed card', () => {
  const notice = {
    kind: 'signin-needed' as const,
    reason: 'needs_signin' as const,
    code: 'auth.needs_signin' as const,
    message: 'Your sign-in expired.',
    nextStep: 'Sign in again.',
    text: "I can't check your Azure DevOps PATs any more, so I can't warn you before one expires.",
  };

  it('says what happened and how to sign in again, with a deep link to the chat when there is one', () => {
    const card = signInNeededCard({
      notice,
      chatLink: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot',
    });
    expect(cardText(card)).toContain(notice.text);
    expect(cardText(card)).toContain('Type `pat signin` in this chat to sign in again');
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the chat with patbot',
        url: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot',
      },
    ]);
    expect(signInNeededCard({ notice, chatLink: null }).actions).toBeUndefined();
  });
});

describe('digest card', () => {
  const entry = (name: string, days: number, kind: DigestEntry['kind'] = 'threshold'): DigestEntry => ({
    owner: { userId: 'u-alice', displayName: 'Alice' },
    kind,
    threshold: `${days}d`,
    thresholdLabel: days < 0 ? `expired ${-days} days ago` : `expires in ${days} days`,
    pat: pat({ patId: `id-${name}`, name, daysLeft: days }),
  });
  const alice = mentionOf('29:alice', 'Alice <Admin>');
  const items = (n: number): DigestCardEntry[] =>
    Array.from({ length: n }, (_, i) => ({ entry: entry(`pat-${i}`, 3), owner: alice, renew: `renew-${i}` }));

  it('mentions each owner once in the entities and shows days left with an owner-only Renew', () => {
    const card = digestCard({
      entries: [
        { entry: entry('deploy', 3), owner: alice, renew: 'renew-alice' },
        { entry: entry('gone', -2, 'expired'), owner: alice, renew: null },
      ],
      unreadable: [plainOwner('Bob')],
      timeZoneLabel: 'UTC',
      text: 'fallback',
    });
    const text = cardText(card);
    expect(alice.text).toBe('<at>Alice Admin</at>');
    expect(text).toContain(
      'deploy · contoso\n<at>Alice Admin</at>: expires in 3 days (Thu 3 Dec 2026)\n3 days left',
    );
    expect(text).toContain(
      'gone · contoso\n<at>Alice Admin</at>: expired 2 days ago (Thu 3 Dec 2026)\nexpired 2 days ago',
    );
    expect(text).toContain("Expired PATs can't be extended: the owner needs to create a new one.");
    expect(text).toContain("I couldn't check Bob's PATs: they need to sign in to patbot again.");
    expect(text).toContain('Only Alice Admin can renew deploy.');
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Alice Admin</at>', mentioned: { id: '29:alice', name: 'Alice Admin' } },
    ]);
    expect(findAction(card, '30 days', 'deploy')).toEqual({
      verb: 'pat.renew',
      data: { t: 'renew-alice', d: '30' },
    });
    expect(() => findAction(card, '30 days', 'gone')).toThrow();
    expect(card.fallbackText).toBe('fallback');
  });

  it('gives two different people with the same name distinct mentions', () => {
    const otherAlice = mentionOf('29:alice-2', 'Alice <Admin>');
    const card = digestCard({
      entries: [
        { entry: entry('deploy', 3), owner: alice, renew: 'r1' },
        { entry: entry('build', 2), owner: otherAlice, renew: 'r2' },
      ],
      unreadable: [],
      timeZoneLabel: 'UTC',
      text: 't',
    });
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Alice Admin</at>', mentioned: { id: '29:alice', name: 'Alice Admin' } },
      {
        type: 'mention',
        text: '<at>Alice Admin (2)</at>',
        mentioned: { id: '29:alice-2', name: 'Alice Admin (2)' },
      },
    ]);
    expect(cardText(card)).toContain('<at>Alice Admin (2)</at>: expires in 2 days');
  });

  it('counts the entries beyond the limit instead of overflowing the card', () => {
    const card = digestCard({
      entries: items(5),
      unreadable: [],
      timeZoneLabel: 'UTC',
      text: 't',
      maxEntries: 3,
    });
    const text = cardText(card);
    expect(text).toContain('pat-2');
    expect(text).not.toContain('pat-3');
    expect(text).toContain('And 2 more.');
  });
});

describe('subscriptions card', () => {
  it('lists subscribers with their patterns, marking the caller', () => {
    const card = subscriptionsCard(
      [
        {
          userId: 'a',
          displayName: 'Alice',
          namePattern: 'deploy-*',
          createdAt: new Date(),
          isCaller: false,
        },
        { userId: 'b', displayName: null, namePattern: null, createdAt: new Date(), isCaller: true },
      ],
      'fallback',
    );
    expect(cardText(card)).toContain('Alice: PATs matching `deploy-*`\nsomeone (you): all PATs');
    expect(cardText(subscriptionsCard([], 'x'))).toContain('This channel gets no PAT alerts yet.');
  });
});

describe('delivery failures', () => {
  it('keeps chat.unreachable permanent and chat.throttled transient; anything else is transient', () => {
    const unreachable = new CodedError('chat.unreachable', 'gone', { nextStep: 'x' });
    const throttled = new CodedError('chat.throttled', 'slow', { nextStep: 'x' });
    expect(deliveryFailure(unreachable, 'k')).toEqual({
      ok: false,
      permanent: true,
      error: unreachable,
      conversationKey: 'k',
    });
    expect(deliveryFailure(throttled, 'k')).toMatchObject({ permanent: false, error: throttled });
    expect(deliveryFailure({ statusCode: 404 })).toMatchObject({
      permanent: true,
      error: { code: 'chat.unreachable' },
    });
    expect(deliveryFailure({ statusCode: 502 })).toMatchObject({
      permanent: false,
      error: { code: 'chat.unreachable', details: { status: 502 } },
    });
    expect(deliveryFailure(new Error('ECONNRESET'))).toMatchObject({ permanent: false });
  });
});
