/** The command table from docs/ux.md, one example each: what `pat help` shows on both platforms. */
import type { CommandKind } from './parsed-command';

export interface HelpEntry {
  kind: CommandKind;
  /** Usage as written in the docs, with the prefix, e.g. `pat renew <name> [30|90|max|yyyy-mm-dd]`. */
  usage: string;
  /** What it does, in a few words. */
  description: string;
  /** One command to copy, with the prefix, e.g. `pat renew "nightly build" 90`. */
  example: string;
}

/** Usage and example after the command prefix (`list [org]`); `helpEntries` puts the prefix in front. */
const ENTRIES: readonly HelpEntry[] = [
  {
    kind: 'list',
    usage: 'list [org]',
    description: 'your PATs, soonest expiry first',
    example: 'list',
  },
  {
    kind: 'renew',
    usage: 'renew <name> [30|90|max|yyyy-mm-dd]',
    description: 'extend one PAT (90 days when no length is given)',
    example: 'renew "nightly build" 90',
  },
  {
    kind: 'revoke',
    usage: 'revoke <name>',
    description: 'revoke one PAT (asks to confirm)',
    example: 'revoke old-deploy',
  },
  {
    kind: 'recreate',
    usage: 'recreate <name>',
    description: 'a new PAT like this one; its value is shown once, only to you',
    example: 'recreate "nightly build"',
  },
  {
    kind: 'rotate',
    usage: 'rotate <name>',
    description: 'recreate, then revoke the old one now or in a few days',
    example: 'rotate deploy-prod',
  },
  {
    kind: 'snooze',
    usage: 'snooze <name> <days>',
    description: 'pause reminders for one PAT (1 to 90 days)',
    example: 'snooze "nightly build" 7',
  },
  {
    kind: 'subscribe',
    usage: 'subscribe [name-pattern]',
    description: "in a channel: announce your PATs' expiry here",
    example: 'subscribe deploy-*',
  },
  {
    kind: 'unsubscribe',
    usage: 'unsubscribe',
    description: 'stop announcing here',
    example: 'unsubscribe',
  },
  {
    kind: 'subscriptions',
    usage: 'subscriptions',
    description: 'see what this channel receives',
    example: 'subscriptions',
  },
  {
    kind: 'orgs',
    usage: 'orgs [add|remove <org>]',
    description: 'which Azure DevOps organisations to look at',
    example: 'orgs add contoso',
  },
  { kind: 'signin', usage: 'signin', description: 'link your Microsoft account', example: 'signin' },
  {
    kind: 'signout',
    usage: 'signout',
    description: 'unlink your Microsoft account',
    example: 'signout',
  },
  { kind: 'help', usage: 'help', description: 'this list, one example each', example: 'help' },
];

/** Only in sandbox mode (trying patbot locally). */
const REMIND_ENTRY: HelpEntry = {
  kind: 'remind',
  usage: 'remind me',
  description: 'sandbox: send me the reminders due now, ignoring working hours',
  example: 'remind me',
};

const STATUS_ENTRY: HelpEntry = {
  kind: 'status',
  usage: 'status',
  description: "administrators: patbot's health and settings",
  example: 'status',
};

/** Administrators: the organisation watch (docs/admin.md). */
const ADMIN_ENTRIES: readonly HelpEntry[] = [
  {
    kind: 'admin',
    usage: 'admin watch <org>',
    description: 'administrators: alert owners when Azure DevOps revokes or flags their PATs',
    example: 'admin watch contoso',
  },
  {
    kind: 'admin',
    usage: 'admin unwatch <org>',
    description: 'administrators: stop watching an organisation',
    example: 'admin unwatch contoso',
  },
  {
    kind: 'admin',
    usage: 'admin status',
    description: 'administrators: the organisations you watch',
    example: 'admin status',
  },
  {
    kind: 'admin',
    usage: 'admin expiring <org> [days]',
    description: "administrators: everyone's PATs expiring soon (default 14 days)",
    example: 'admin expiring contoso 14',
  },
  {
    kind: 'admin',
    usage: 'admin digest <org>',
    description: "administrators: this channel gets the organisation's weekly PAT digest",
    example: 'admin digest contoso',
  },
  {
    kind: 'admin',
    usage: 'admin digest off <org>',
    description: "stop this channel's weekly admin digest",
    example: 'admin digest off contoso',
  },
];

/**
 * The help table, written with `prefix` (`pat` in Teams, `/pat` in Slack); `admin` adds
 * `status`; `sandbox` adds `remind me`; `renewDays` is RENEW_DEFAULT_DAYS (90 by default).
 */
export function helpEntries(
  options: { prefix?: string; admin?: boolean; sandbox?: boolean; renewDays?: number } = {},
): HelpEntry[] {
  const prefix = options.prefix ?? 'pat';
  const days = options.renewDays ?? 90;
  const entries = [
    ...ENTRIES.slice(0, -1),
    ...(options.sandbox ? [REMIND_ENTRY] : []),
    ...ENTRIES.slice(-1),
    ...(options.admin ? [STATUS_ENTRY, ...ADMIN_ENTRIES] : []),
  ];
  return entries.map((e) => ({
    ...e,
    usage: `${prefix} ${e.usage}`,
    example: `${prefix} ${e.example}`,
    ...(e.kind === 'renew' ? { description: e.description.replace('90 days', `${days} days`) } : {}),
  }));
}

/** The example for one command kind, after the prefix (`snooze "nightly build" 7`). */
export function exampleArgs(kind: CommandKind): string {
  return (
    [...ENTRIES, REMIND_ENTRY, STATUS_ENTRY, ...ADMIN_ENTRIES].find((e) => e.kind === kind)?.example ?? 'help'
  );
}

/** The example for one command kind, written with `prefix`. */
export function exampleFor(kind: CommandKind, prefix = 'pat'): string {
  return `${prefix} ${exampleArgs(kind)}`;
}
