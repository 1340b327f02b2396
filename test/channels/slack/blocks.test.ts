/** Block Kit builders are pure functions of view models. */
import { randomBytes } from 'node:crypto';
import { helpEntries } from '../../../src/core/commands/help-entries';
import type { Pat } from '../../../src/core/pat';
import { toPatView, type PatView } from '../../../src/core/pat-view';
import { actionResultMessage } from '../../../src/channels/slack/blocks/action-result';
import { helpMessage } from '../../../src/channels/slack/blocks/help';
import { homeView, HOME_MAX_ROWS } from '../../../src/channels/slack/blocks/home-view';
import { escapeMrkdwn } from '../../../src/channels/slack/blocks/mrkdwn';
import { patListMessage } from '../../../src/channels/slack/blocks/pat-list';
import { expiryLine, patRowBlocks, type PatRow } from '../../../src/channels/slack/blocks/pat-row';
import { renewModal } from '../../../src/channels/slack/blocks/renew-modal';
import {
  digestMessage,
  DIGEST_MAX_ENTRIES,
  reminderMessage,
} from '../../../src/channels/slack/blocks/reminder';
import { revokeQuestionMessage } from '../../../src/channels/slack/blocks/revoke-question';
import { signInPromptMessage } from '../../../src/channels/slack/blocks/signin-prompt';
import { textMessage } from '../../../src/channels/slack/blocks/text-message';
import { patRows } from '../../../src/channels/slack/pat-action-values';
import { buttonsIn } from '../../support/slack-harness';

const NOW = new Date('2026-11-28T00:00:00Z');
const DAY = 86_400_000;

function pat(partial: Partial<Pat> & { name: string }): Pat {
  return {
    id: `00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    org: 'contoso',
    scope: 'vso.code',
    targetAccounts: ['org-1'],
    validFrom: new Date(NOW.getTime() - 10 * DAY),
    validTo: new Date(NOW.getTime() + 5 * DAY),
    ...partial,
  };
}

const row = (p: Pat, tz: string | null = null, renewDays = 90): PatRow => ({
  view: toPatView(p, NOW, tz),
  value: `row-${p.id}`,
  renewDays,
});
const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe('PAT row', () => {
  it('shows emoji, escaped name, org, expiry, days left and scopes', () => {
    const blocks = patRowBlocks(row(pat({ name: 'a <b> & c', scope: 'vso.code_write' })));
    const text = textOf(blocks[0]);
    expect(text).toContain(':red_circle: *a &lt;b&gt; &amp; c* · contoso');
    expect(text).toContain('Expires in 5 days · Thu 3 Dec 2026');
    expect(text).toContain('Scopes:');
  });

  it('has a one-click Renew, Other…, Rotate and a Revoke with a confirm dialog, all with the row’s one value', () => {
    const p = pat({ name: 'x' });
    const blocks = patRowBlocks(row(p));
    type Button = Record<string, unknown> & { text: { text: string } };
    const elementsOf = (b: unknown) => (b as { elements: Button[] }).elements;
    const buttons = elementsOf(blocks[blocks.length - 1]);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['pat_renew', 'Renew 90 days', `row-${p.id}`],
      ['pat_renew_other', 'Other…', `row-${p.id}`],
      ['pat_rotate', 'Rotate', `row-${p.id}`],
      ['pat_confirm_revoke', 'Revoke', `row-${p.id}`],
    ]);
    expect(buttons[0].style).toBe('primary');
    expect(buttons[3].style).toBe('danger');
    expect(textOf(buttons[3].confirm)).toContain('cannot be undone');
    const custom = patRowBlocks(row(p, null, 45));
    expect(elementsOf(custom[custom.length - 1])[0].text.text).toBe('Renew 45 days');
  });

  it('offers only Create replacement for expired PATs (dead all-organisations ones too), nothing for revoked ones', () => {
    const expired = row(pat({ name: 'old', validTo: new Date(NOW.getTime() - 2 * DAY) }));
    expect(buttonsIn(patRowBlocks(expired)).map((b) => [b.action_id, b.value])).toEqual([
      ['pat_recreate', `row-${expired.view.id}`],
    ]);
    // A global PAT valid for 100 more days, seen on 2 Dec 2026: dead since 1 Dec.
    const global = pat({ name: 'g', targetAccounts: null, validTo: new Date(NOW.getTime() + 100 * DAY) });
    const dead = { ...row(global), view: toPatView(global, new Date('2026-12-02T00:00:00Z'), null) };
    expect(buttonsIn(patRowBlocks(dead)).map((b) => b.action_id)).toEqual(['pat_recreate']);
    expect(expiryLine(expired.view)).toBe('Expired Thu 26 Nov 2026 (2 days ago)');
    const revoked = row(pat({ name: 'gone', revoked: true }));
    expect(buttonsIn(patRowBlocks(revoked))).toHaveLength(0);
    expect(textOf(patRowBlocks(revoked))).toContain(':white_circle:');
  });

  it('warns about all-organisation and full-access PATs', () => {
    const blocks = patRowBlocks(
      row(
        pat({
          name: 'g',
          targetAccounts: null,
          scope: 'app_token',
          validTo: new Date(NOW.getTime() + 100 * DAY),
        }),
      ),
    );
    const context = blocks.find((b) => b.type === 'context');
    expect(textOf(context)).toContain('All organisations: stops working on Tue 1 Dec 2026');
    expect(textOf(context)).toContain('Full access: consider narrower scopes');
  });

  it('uses the status emoji from docs/ux.md: one ladder, as the Teams colours', () => {
    const emoji = (days: number) =>
      textOf(patRowBlocks(row(pat({ name: 'e', validTo: new Date(NOW.getTime() + days * DAY) })))[0]);
    expect(emoji(-1)).toContain(':red_circle:');
    expect(emoji(7)).toContain(':red_circle:');
    expect(emoji(8)).toContain(':large_blue_circle:');
    expect(emoji(30)).toContain(':large_blue_circle:');
    expect(emoji(31)).toContain(':large_green_circle:');
  });
});

describe('PAT list message', () => {
  const rows = Array.from({ length: 23 }, (_, i) =>
    row(pat({ name: `p${i}`, validTo: new Date(NOW.getTime() + (i + 1) * DAY) })),
  );

  it('pages long lists under 50 blocks with Previous/Next', () => {
    const first = patListMessage({
      rows,
      page: 0,
      pageSize: 10,
      orgs: ['contoso'],
      failureLine: '',
      allFailed: false,
      timeZoneLabel: 'UTC',
    });
    expect(first.blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(first.blocks)).toContain('Page 1 of 3');
    expect(
      buttonsIn(first.blocks)
        .filter((b) => b.block_id === 'pat_list_pager')
        .map((b) => b.action_id),
    ).toEqual(['pat_page_next']);
    const middle = patListMessage({
      rows,
      page: 1,
      pageSize: 10,
      orgs: ['contoso'],
      failureLine: '',
      allFailed: false,
      timeZoneLabel: 'UTC',
    });
    expect(
      buttonsIn(middle.blocks)
        .filter((b) => b.block_id === 'pat_list_pager')
        .map((b) => b.value),
    ).toEqual(['0', '2']);
    const last = patListMessage({
      rows,
      page: 99,
      pageSize: 10,
      orgs: ['contoso'],
      failureLine: '',
      allFailed: false,
      timeZoneLabel: 'UTC',
    });
    expect(textOf(last.blocks)).toContain('Page 3 of 3');
    expect(textOf(last.blocks)).toContain('p22');
  });

  it('says when there is nothing, names failed organisations and the time zone', () => {
    const empty = patListMessage({
      rows: [],
      page: 0,
      pageSize: 10,
      orgs: ['contoso', 'fabrikam'],
      failureLine: "Couldn't read 1 organisation: fabrikam (not a member).",
      allFailed: false,
      failedOrgs: ['fabrikam'],
      timeZoneLabel: 'Europe/Berlin',
    });
    // "no PATs" only about what was read: fabrikam could not be read, so it is not in that sentence
    expect(empty.text).toBe('You have no active or expired PATs in contoso.');
    expect(textOf(empty.blocks)).toContain("Couldn't read 1 organisation: fabrikam (not a member)");
    expect(textOf(empty.blocks)).toContain('Dates in Europe/Berlin');
    expect(buttonsIn(empty.blocks)).toHaveLength(0);
  });

  it('does not say "no PATs" when no organisation could be read (only why not)', () => {
    const unread = patListMessage({
      rows: [],
      page: 0,
      pageSize: 10,
      orgs: ['contoso', 'fabrikam'],
      failureLine: "Couldn't read 2 organisations: contoso and fabrikam (not a member).",
      allFailed: true,
      failedOrgs: ['contoso', 'fabrikam'],
      timeZoneLabel: 'UTC',
    });
    expect(unread.text).toMatch(/^I couldn't read any of your 2 organisations/);
    expect(textOf(unread.blocks)).not.toContain('no active or expired PATs');
    expect(textOf(unread.blocks)).toContain("Couldn't read 2 organisations: contoso and fabrikam");
  });

  it('uses the person’s time zone for dates', () => {
    const late = pat({ name: 'tz', validTo: new Date('2026-12-03T23:30:00Z') });
    expect(textOf(patRowBlocks(row(late, 'Asia/Tokyo')))).toContain('Fri 4 Dec 2026');
    expect(textOf(patRowBlocks(row(late, null)))).toContain('Thu 3 Dec 2026');
  });
});

describe('other builders', () => {
  it('sign-in prompt has a link button and names the pending command', () => {
    const msg = signInPromptMessage({
      reason: 'Why <now>',
      url: 'https://x/auth',
      pendingCommand: '/pat list',
    });
    const button = buttonsIn(msg.blocks)[0];
    expect(button.action_id).toBe('signin_link');
    expect(textOf(msg.blocks)).toContain('"url":"https://x/auth"');
    expect(textOf(msg.blocks)).toContain('Why &lt;now&gt;');
    expect(textOf(msg.blocks)).toContain("I'll run `/pat list` for you");
  });

  it('renew modal: title within 24 chars, a datepicker, metadata kept', () => {
    const view = renewModal({ initialDate: '2027-02-26', renewDays: 90, privateMetadata: '{"a":"x"}' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    // Other…: the lengths the one-click button does not give, the longest, or a date.
    const select = (view.blocks[1] as unknown as { element: { options: Array<{ value: string }> } }).element;
    expect(select.options.map((o) => o.value)).toEqual(['30', 'max', 'date']);
    const thirty = renewModal({ initialDate: '2027-02-26', renewDays: 30, privateMetadata: '{}' });
    const options = (thirty.blocks[1] as unknown as { element: { options: Array<{ value: string }> } })
      .element;
    expect(options.options.map((o) => o.value)).toEqual(['90', 'max', 'date']);
    expect(view.private_metadata).toBe('{"a":"x"}');
    expect(textOf(view.blocks)).toContain('"initial_date":"2027-02-26"');
    expect(view.submit?.text).toBe('Renew');
  });

  it('home view stays under 100 blocks with many PATs and lists subscriptions', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(pat({ name: `h${i}`, targetAccounts: null, scope: 'app_token' })),
    );
    const view = homeView({
      rows,
      failureLine: '',
      orgs: ['contoso'],
      timeZoneLabel: 'UTC',
      subscriptions: [{ channelId: 'C1', pattern: null }],
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(view.blocks)).toContain(`${40 - HOME_MAX_ROWS} more`);
    expect(textOf(view.blocks)).toContain('<#C1>: all your PATs');
  });

  it('home view for a person who is not signed in', () => {
    const view = homeView({
      signIn: { url: 'https://x', reason: 'Sign in' },
      rows: null,
      failureLine: '',
      orgs: [],
      timeZoneLabel: 'UTC',
      subscriptions: [],
    });
    expect(buttonsIn(view.blocks).map((b) => b.action_id)).toEqual(['signin_link']);
    expect(textOf(view.blocks)).toContain('None yet');
  });

  it('revoke question has Revoke and Cancel', () => {
    const msg = revokeQuestionMessage({
      view: toPatView(pat({ name: 'q' }), NOW),
      confirmValue: 'c',
      cancelValue: 'n',
    });
    expect(buttonsIn(msg.blocks).map((b) => [b.action_id, b.value])).toEqual([
      ['pat_confirm_revoke', 'c'],
      ['pat_cancel', 'n'],
    ]);
    expect(msg.text).toContain('Revoke `q` in contoso?');
  });

  it('action result shows the headline and the refreshed PAT', () => {
    const view: PatView = toPatView(pat({ name: 'r' }), NOW);
    const msg = actionResultMessage({
      emoji: ':white_check_mark:',
      headline: 'Renewed `r`.',
      row: { view, value: null, renewDays: 90 },
    });
    expect(msg.text).toBe('Renewed `r`.');
    expect(textOf(msg.blocks)).toContain('*r* · contoso');
  });

  it('help lists every command with /pat', () => {
    const msg = helpMessage(helpEntries({ prefix: '/pat' }));
    for (const cmd of [
      'list',
      'renew',
      'revoke',
      'snooze',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'orgs',
      'signin',
      'signout',
      'help',
    ]) {
      expect(textOf(msg.blocks)).toContain(`/pat ${cmd}`);
    }
  });

  it('escapes mrkdwn control characters, in blocks and in the notification text', () => {
    expect(escapeMrkdwn('<@U1> & <!channel>')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt;');
    const plainMsg = textMessage('PAT <!channel> renewed', 'next <step>');
    expect(plainMsg.text).toBe('PAT &lt;!channel&gt; renewed next &lt;step&gt;');
    expect(JSON.stringify(plainMsg.blocks)).not.toContain('<!channel>');
    const trusted = textMessage('Only <@U1> can renew this PAT.', undefined, { trusted: true });
    expect(trusted.text).toBe('Only <@U1> can renew this PAT.');
    const listMsg = patListMessage({
      rows: [row(pat({ name: '<!here>' }))],
      page: 0,
      pageSize: 10,
      orgs: ['contoso'],
      failureLine: '',
      allFailed: false,
      timeZoneLabel: 'UTC',
    });
    expect(listMsg.text).not.toContain('<!here>');
    expect(JSON.stringify(listMsg.blocks)).not.toContain('<!here>');
  });

  it('signed rows carry values that stay under Slack’s 2,000-character limit', () => {
    const rows = patRows(
      { key: randomBytes(32), ownerId: 'u'.repeat(200), now: NOW, renewDays: 90 },
      [pat({ name: 'long' })],
      null,
    );
    expect(rows[0].value!.length).toBeLessThanOrEqual(2000);
  });
});

describe('reminder and digest builders', () => {
  const rp = (days: number, name = 'n') => ({
    patId: `id-${name}`,
    name,
    org: 'contoso',
    daysLeft: days,
    expiresAt: new Date(NOW.getTime() + days * DAY),
    validTo: new Date(NOW.getTime() + days * DAY),
    expiresOn: 'Thu 3 Dec 2026',
    relative: 'in 5 days',
    allOrgs: false,
    endsAtGlobalRetirement: false,
  });
  const values = { row: 'a', snooze1: 'd', snooze3: 'e', renewDays: 90 };

  it('a reminder shows the sentence, the PAT and buttons; an expired one offers Create replacement', () => {
    const live = reminderMessage(
      {
        kind: 'threshold',
        threshold: '7d',
        thresholdLabel: 'x',
        pat: rp(5, 'a<b'),
        timeZone: 'UTC',
        timeZoneLabel: 'UTC',
        text: 'a<b expires in 5 days.',
      },
      values,
      NOW,
    );
    expect(live.text).toBe('a&lt;b expires in 5 days.');
    expect(textOf(live.blocks)).toContain(':red_circle:');
    expect(buttonsIn(live.blocks).map((b) => [b.action_id, b.value])).toEqual([
      ['pat_renew', 'a'],
      ['pat_renew_other', 'a'],
      ['pat_rotate', 'a'],
      ['pat_snooze_1', 'd'],
      ['pat_snooze_3', 'e'],
    ]);
    const expired = reminderMessage(
      {
        kind: 'expired',
        threshold: 'expired',
        thresholdLabel: 'x',
        pat: rp(-2),
        timeZone: 'UTC',
        timeZoneLabel: 'UTC',
        text: 'n expired.',
      },
      values,
      NOW,
    );
    expect(buttonsIn(expired.blocks).map((b) => [b.action_id, b.value])).toEqual([['pat_recreate', 'a']]);
    expect(textOf(expired.blocks)).toContain('Create replacement');
    expect(textOf(expired.blocks)).toContain(':red_circle:');
    const dead = reminderMessage(
      {
        kind: 'global-retirement',
        threshold: 'global-retirement',
        thresholdLabel: 'x',
        pat: { ...rp(-1, 'g'), allOrgs: true, endsAtGlobalRetirement: true },
        timeZone: 'UTC',
        timeZoneLabel: 'UTC',
        text: 'g stopped working.',
      },
      values,
      NOW,
    );
    expect(buttonsIn(dead.blocks).map((b) => b.action_id)).toEqual(['pat_recreate']);
  });

  it('a digest mentions owners, caps its length and names unreadable owners', () => {
    const entries = Array.from({ length: DIGEST_MAX_ENTRIES + 5 }, (_, i) => ({
      owner: { userId: 'u1', displayName: 'Alice' },
      kind: 'threshold' as const,
      threshold: '7d',
      thresholdLabel: 'expires in 5 days',
      pat: rp(5, `p${i}`),
    }));
    const msg = digestMessage({
      digest: {
        conversationKey: 'slack:T:C',
        day: '2026-11-28',
        timeZone: 'UTC',
        timeZoneLabel: 'UTC',
        entries,
        unreadable: [{ owner: { userId: 'u2', displayName: '<Bob>' }, code: 'auth.needs_signin' }],
        text: 'digest',
      },
      owners: new Map([['u1', '<@U1>']]),
      renewValues: new Map([['id-p0', 'v0']]),
      renewDays: 90,
      now: NOW,
    });
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(msg.blocks)).toContain('<@U1>');
    expect(textOf(msg.blocks)).toContain('5 more');
    expect(textOf(msg.blocks)).toContain("Couldn't check the PATs of &lt;Bob&gt;");
    const withButton = msg.blocks.filter((b) => b.type === 'section' && 'accessory' in b && b.accessory);
    expect(withButton).toHaveLength(1);
    expect(textOf(withButton[0])).toContain('"action_id":"pat_renew","value":"v0"');
    expect(textOf(withButton[0])).toContain('Renew 90 days');
  });
});
