/** The command table from docs/ux.md, one example each: what `pat help` shows on both platforms. */
import type { CommandKind } from './parsed-command';

export interface HelpEntry {
  kind: CommandKind;
  /** Usage as written in the docs, e.g. `pat renew <name> [30|90|max|yyyy-mm-dd]`. */
  usage: string;
  /** What it does, in a few words. */
  description: string;
  /** One command to copy, e.g. `pat renew "nightly build" 90`. */
  example: string;
}

const ENTRIES: readonly HelpEntry[] = [
  {
    kind: 'list',
    usage: 'pat list [org]',
    description: 'your PATs, soonest expiry first',
    example: 'pat list',
  },
  {
    kind: 'renew',
    usage: 'pat renew <name> [30|90|max|yyyy-mm-dd]',
    description: 'extend one PAT (30 days when no length is given)',
    example: 'pat renew "nightly build" 90',
  },
  {
    kind: 'revoke',
    usage: 'pat revoke <name>',
    description: 'revoke one PAT (asks to confirm)',
    example: 'pat revoke old-deploy',
  },
  {
    kind: 'snooze',
    usage: 'pat snooze <name> <days>',
    description: 'pause reminders for one PAT (1 to 90 days)',
    example: 'pat snooze "nightly build" 7',
  },
  {
    kind: 'subscribe',
    usage: 'pat subscribe [name-pattern]',
    description: "in a channel: announce your PATs' expiry here",
    example: 'pat subscribe deploy-*',
  },
  {
    kind: 'unsubscribe',
    usage: 'pat unsubscribe',
    description: 'stop announcing here',
    example: 'pat unsubscribe',
  },
  {
    kind: 'subscriptions',
    usage: 'pat subscriptions',
    description: 'see what this channel receives',
    example: 'pat subscriptions',
  },
  {
    kind: 'orgs',
    usage: 'pat orgs [add|remove <org>]',
    description: 'which Azure DevOps organisations to look at',
    example: 'pat orgs add contoso',
  },
  { kind: 'signin', usage: 'pat signin', description: 'link your Microsoft account', example: 'pat signin' },
  {
    kind: 'signout',
    usage: 'pat signout',
    description: 'unlink your Microsoft account',
    example: 'pat signout',
  },
  { kind: 'help', usage: 'pat help', description: 'this list, one example each', example: 'pat help' },
];

/** Only in sandbox mode (trying patbot locally). */
const REMIND_ENTRY: HelpEntry = {
  kind: 'remind',
  usage: 'pat remind me',
  description: 'sandbox: send me the reminders due now, ignoring working hours',
  example: 'pat remind me',
};

const STATUS_ENTRY: HelpEntry = {
  kind: 'status',
  usage: 'pat status',
  description: "administrators: patbot's health and settings",
  example: 'pat status',
};

/** Administrators: the organisation watch (docs/admin.md). */
const ADMIN_ENTRIES: readonly HelpEntry[] = [
  {
    kind: 'admin',
    usage: 'pat admin watch <org>',
    description: 'administrators: alert owners when Azure DevOps revokes or flags their PATs',
    example: 'pat admin watch contoso',
  },
  {
    kind: 'admin',
    usage: 'pat admin unwatch <org>',
    description: 'administrators: stop watching an organisation',
    example: 'pat admin unwatch contoso',
  },
  {
    kind: 'admin',
    usage: 'pat admin status',
    description: 'administrators: the organisations you watch',
    example: 'pat admin status',
  },
  {
    kind: 'admin',
    usage: 'pat admin expiring <org> [days]',
    description: "administrators: everyone's PATs expiring soon (default 14 days)",
    example: 'pat admin expiring contoso 14',
  },
];

/**
 * The help table. `prefix` replaces the `pat` word (Slack uses `/pat`); `admin` adds `pat status`;
 * `sandbox` adds `pat remind me`.
 */
export function helpEntries(
  options: { prefix?: string; admin?: boolean; sandbox?: boolean } = {},
): HelpEntry[] {
  const prefix = options.prefix ?? 'pat';
  const entries = [
    ...ENTRIES.slice(0, -1),
    ...(options.sandbox ? [REMIND_ENTRY] : []),
    ...ENTRIES.slice(-1),
    ...(options.admin ? [STATUS_ENTRY, ...ADMIN_ENTRIES] : []),
  ];
  const swap = (s: string): string => (prefix === 'pat' ? s : s.replace(/^pat\b/, prefix));
  return entries.map((e) => ({ ...e, usage: swap(e.usage), example: swap(e.example) }));
}

/** The example for one command kind (with the `pat` word). */
export function exampleFor(kind: CommandKind): string {
  return (
    [...ENTRIES, REMIND_ENTRY, STATUS_ENTRY, ...ADMIN_ENTRIES].find((e) => e.kind === kind)?.example ??
    'pat help'
  );
}
