/**
 * Turns a chat message into a command. Tolerant of how people and clients type: with or without
 * a leading `/` and the `pat` word, any case for keywords (names keep theirs), Teams mention
 * markup, HTML entities, odd spaces, trailing punctuation, quoted names. It never throws:
 * anything it cannot read becomes `{ kind: 'invalid', reason, suggestion }`.
 */
import { parseAdminArgs } from '../admin/admin-command';
import { isCalendarDate, isOrgName, parseDayCount } from './command-values';
import { nearest } from './edit-distance';
import { formatCount, formatNumber } from '../format-number';
import type { Wording } from '../../errors';
import { exampleArgs, exampleFor } from './help-entries';
import { normalizeText } from './normalize-text';
import {
  MAX_INPUT_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_TARGET_LENGTH,
  RENEW_DAYS_MAX,
  RENEW_DAYS_MIN,
  SNOOZE_DAYS_MAX,
  SNOOZE_DAYS_MIN,
  type CommandKind,
  type InvalidCommand,
  type ParsedCommand,
  type RenewDuration,
} from './parsed-command';
import { tokenize, type Token } from './tokenize';

export interface ParseOptions {
  /**
   * The text follows Slack's `/pat`, so it starts with the command (`list`). Only changes how the
   * input is echoed in an `invalid` result (`/pat …`); a repeated `pat` word is tolerated either way.
   */
  implicitPat?: boolean;
  /**
   * How people type commands here (`pat` in Teams, `/pat` in Slack): reasons and suggestions in
   * an `invalid` result are written with it. Default `pat`.
   */
  prefix?: string;
}

/** Command words and the aliases people type for them. */
const WORDS: Record<string, CommandKind> = {
  list: 'list',
  ls: 'list',
  renew: 'renew',
  extend: 'renew',
  revoke: 'revoke',
  recreate: 'recreate',
  replace: 'recreate',
  rotate: 'rotate',
  snooze: 'snooze',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  subscriptions: 'subscriptions',
  orgs: 'orgs',
  org: 'orgs',
  signin: 'signin',
  login: 'signin',
  signout: 'signout',
  logout: 'signout',
  help: 'help',
  '?': 'help',
  remind: 'remind',
  status: 'status',
  admin: 'admin',
};

/** Two-word forms (`sign in`). */
const PAIRS: Record<string, CommandKind> = {
  'sign in': 'signin',
  'log in': 'signin',
  'sign out': 'signout',
  'log out': 'signout',
  'remind me': 'remind',
};

/** Canonical words offered as suggestions. */
const SUGGESTABLE = [
  'list',
  'renew',
  'revoke',
  'recreate',
  'rotate',
  'snooze',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'orgs',
  'signin',
  'signout',
  'help',
  'remind',
  'status',
  'admin',
];

const ECHO_LIMIT = 200;

/** `suggestion` is the command after the prefix (`orgs add contoso`). */
class Invalid {
  constructor(
    readonly reason: Wording,
    readonly suggestion: string,
  ) {}
}

function invalid(
  code: InvalidCommand['code'],
  input: string,
  reason: Wording,
  suggestion: string,
  options: ParseOptions,
): InvalidCommand {
  const prefix = options.prefix ?? 'pat';
  const echoed = options.implicitPat && input !== '' ? `${options.prefix ?? '/pat'} ${input}` : input;
  const clipped = echoed.length > ECHO_LIMIT ? `${echoed.slice(0, ECHO_LIMIT - 1)}…` : echoed;
  const said = typeof reason === 'string' ? reason : reason(prefix);
  return { kind: 'invalid', code, input: clipped, reason: said, suggestion: `${prefix} ${suggestion}` };
}

function joinTarget(tokens: readonly Token[], what: string, kind: CommandKind): string {
  const target = tokens
    .map((t) => t.text)
    .join(' ')
    .trim();
  if (target === '') throw new Invalid(`Say which PAT to ${what}.`, exampleArgs(kind));
  if (target.length > MAX_TARGET_LENGTH) {
    throw new Invalid(`That PAT name is too long (over ${MAX_TARGET_LENGTH} characters).`, exampleArgs(kind));
  }
  return target;
}

/** Takes `<days>`, `<days>d` or `<days> days` off the end of the arguments, if present. */
function popDays(args: Token[]): { days: number; word: string } | null {
  if (args.length >= 2) {
    const last = args[args.length - 1];
    const before = args[args.length - 2];
    if (!last.quoted && !before.quoted && /^days?$/i.test(last.text)) {
      const n = parseDayCount(before.text);
      if (n !== null) {
        args.splice(-2, 2);
        return { days: n, word: `${before.text} ${last.text}` };
      }
    }
  }
  const last = args[args.length - 1];
  if (last && !last.quoted) {
    const n = parseDayCount(last.text);
    if (n !== null) {
      args.pop();
      return { days: n, word: last.text };
    }
  }
  return null;
}

function parseRenew(args: Token[]): ParsedCommand {
  let duration: RenewDuration | undefined;
  if (args.length >= 2) {
    const last = args[args.length - 1];
    const days = popDays(args);
    if (days) {
      if (days.days < RENEW_DAYS_MIN || days.days > RENEW_DAYS_MAX) {
        throw new Invalid(
          `A renewal is from ${RENEW_DAYS_MIN} to ${RENEW_DAYS_MAX} days; ${days.word} is outside that.`,
          exampleArgs('renew'),
        );
      }
      duration = { kind: 'days', days: days.days };
    } else if (!last.quoted && last.text.toLowerCase() === 'max') {
      args.pop();
      duration = { kind: 'max' };
    } else if (!last.quoted && /^\d{4}-\d{1,2}-\d{1,2}$/.test(last.text)) {
      if (!isCalendarDate(last.text)) {
        throw new Invalid(
          `${last.text} is not a date; write it as yyyy-mm-dd, e.g. 2027-03-31.`,
          exampleArgs('renew'),
        );
      }
      args.pop();
      duration = { kind: 'date', date: last.text };
    } else if (!last.quoted && /^-\d+d?$/.test(last.text)) {
      throw new Invalid(
        `A renewal is from ${RENEW_DAYS_MIN} to ${RENEW_DAYS_MAX} days; ${last.text} is outside that.`,
        exampleArgs('renew'),
      );
    }
  }
  const target = joinTarget(args, 'renew', 'renew');
  return duration ? { kind: 'renew', target, duration } : { kind: 'renew', target };
}

function parseSnooze(args: Token[]): ParsedCommand {
  const days = args.length >= 2 ? popDays(args) : null;
  if (!days) {
    throw new Invalid(
      `Say for how many days to pause reminders, from ${SNOOZE_DAYS_MIN} to ${SNOOZE_DAYS_MAX}.`,
      exampleArgs('snooze'),
    );
  }
  if (days.days < SNOOZE_DAYS_MIN || days.days > SNOOZE_DAYS_MAX) {
    throw new Invalid(
      `Reminders can be paused for ${SNOOZE_DAYS_MIN} to ${SNOOZE_DAYS_MAX} days; ${days.word} is outside that.`,
      exampleArgs('snooze'),
    );
  }
  return { kind: 'snooze', target: joinTarget(args, 'snooze', 'snooze'), days: days.days };
}

function checkOrg(word: string, example: string): string {
  if (!isOrgName(word)) {
    throw new Invalid(
      `${word.length > 60 ? `${word.slice(0, 59)}…` : word} is not an Azure DevOps organisation name (the {name} in https://dev.azure.com/{name}).`,
      example,
    );
  }
  return word;
}

function parseOrgs(args: Token[]): ParsedCommand {
  if (args.length === 0) return { kind: 'orgs', action: 'show' };
  const verb = args[0].quoted ? '' : args[0].text.toLowerCase();
  if ((verb === 'show' || verb === 'list') && args.length === 1) return { kind: 'orgs', action: 'show' };
  const action =
    verb === 'add' ? 'add' : verb === 'remove' || verb === 'rm' || verb === 'delete' ? 'remove' : null;
  if (action === null) {
    const example = isOrgName(args[0].text) ? `orgs add ${args[0].text}` : exampleArgs('orgs');
    throw new Invalid((p) => `Use \`${p} orgs\` to see your organisations, or add or remove one.`, example);
  }
  if (args.length !== 2) {
    throw new Invalid(`Say which one organisation to ${action}.`, `orgs ${action} contoso`);
  }
  return { kind: 'orgs', action, org: checkOrg(args[1].text, `orgs ${action} contoso`) };
}

function parseKnown(kind: CommandKind, args: Token[]): ParsedCommand {
  switch (kind) {
    case 'list':
      if (args.length === 0) return { kind: 'list' };
      if (args.length > 1)
        throw new Invalid((p) => `\`${p} list\` takes at most one organisation name.`, 'list');
      return { kind: 'list', org: checkOrg(args[0].text, 'list contoso') };
    case 'renew':
      return parseRenew(args);
    case 'revoke':
      return { kind: 'revoke', target: joinTarget(args, 'revoke', 'revoke') };
    case 'recreate':
      return { kind: 'recreate', target: joinTarget(args, 'recreate', 'recreate') };
    case 'rotate':
      return { kind: 'rotate', target: joinTarget(args, 'rotate', 'rotate') };
    case 'snooze':
      return parseSnooze(args);
    case 'subscribe': {
      if (args.length === 0) return { kind: 'subscribe' };
      const pattern = args
        .map((t) => t.text)
        .join(' ')
        .trim();
      if (pattern === '') return { kind: 'subscribe' };
      if (pattern.length > MAX_PATTERN_LENGTH) {
        throw new Invalid(
          `A name pattern is at most ${MAX_PATTERN_LENGTH} characters.`,
          exampleArgs('subscribe'),
        );
      }
      return { kind: 'subscribe', pattern };
    }
    case 'orgs':
      return parseOrgs(args);
    case 'help':
      return { kind: 'help' };
    case 'admin': {
      const admin = parseAdminArgs(args);
      if ('reason' in admin) throw new Invalid(admin.reason, admin.suggestion);
      return admin;
    }
    default:
      if (args.length > 0)
        throw new Invalid((p) => `\`${exampleFor(kind, p)}\` takes nothing after it.`, exampleArgs(kind));
      return { kind };
  }
}

function suggestFor(word: string, args: readonly Token[]): string {
  const { candidate, distance } = nearest(word.toLowerCase(), SUGGESTABLE);
  if (distance > Math.max(2, Math.floor(word.length / 2))) return 'help';
  if (candidate === 'remind') return exampleArgs('remind');
  const takesArgs = ['list', 'renew', 'revoke', 'recreate', 'rotate', 'snooze', 'subscribe', 'orgs'].includes(
    candidate,
  );
  const rest = args.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
  const suggestion = takesArgs && rest !== '' ? `${candidate} ${rest}` : candidate;
  return suggestion.length > 120 ? candidate : suggestion;
}

/** Parses one chat message into a command. Never throws. */
export function parseCommand(text: string, options: ParseOptions = {}): ParsedCommand {
  try {
    if (typeof text !== 'string')
      return invalid('input.invalid', '', 'I can only read text messages.', 'help', options);
    if (text.length > MAX_INPUT_LENGTH) {
      return invalid(
        'input.too_large',
        normalizeText(text.slice(0, ECHO_LIMIT)),
        `That message is too long (${formatCount(text.length, 'character')}); commands are at most ${formatNumber(MAX_INPUT_LENGTH)}.`,
        'help',
        options,
      );
    }
    const cleaned = normalizeText(text);
    const tokens = tokenize(cleaned);
    // Leading `@patbot` (plain-text mention), then `/`, then the `pat` word.
    while (tokens.length > 0 && !tokens[0].quoted && /^@\S+$/.test(tokens[0].text)) tokens.shift();
    if (tokens.length > 0 && !tokens[0].quoted && tokens[0].text.startsWith('/')) {
      tokens[0] = { ...tokens[0], text: tokens[0].text.replace(/^\/+/, '') };
      if (tokens[0].text === '') tokens.shift();
    }
    // `pat` once, or twice for Slack's `/pat pat list`.
    for (
      let i = 0;
      i < 2 && tokens.length > 0 && !tokens[0].quoted && tokens[0].text.toLowerCase() === 'pat';
      i++
    ) {
      tokens.shift();
    }
    if (tokens.length === 0) return { kind: 'help' };

    const first = tokens[0];
    const word = first.quoted ? '' : first.text.toLowerCase();
    const pair =
      tokens.length >= 2 && !tokens[1].quoted ? PAIRS[`${word} ${tokens[1].text.toLowerCase()}`] : undefined;
    const kind = pair ?? (Object.prototype.hasOwnProperty.call(WORDS, word) ? WORDS[word] : undefined);
    if (kind === undefined) {
      const shown = first.text.length > 40 ? `${first.text.slice(0, 39)}…` : first.text;
      return invalid(
        'input.unknown_command',
        cleaned,
        `"${shown}" is not a command I know.`,
        suggestFor(first.text, tokens.slice(1)),
        options,
      );
    }
    try {
      return parseKnown(kind, tokens.slice(pair ? 2 : 1));
    } catch (e) {
      if (e instanceof Invalid) return invalid('input.invalid', cleaned, e.reason, e.suggestion, options);
      throw e;
    }
  } catch {
    return invalid('input.invalid', '', 'I could not read that message.', 'help', options);
  }
}
