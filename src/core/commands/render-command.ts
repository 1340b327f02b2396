/** Writes a command back as text, e.g. for suggestions and buttons that prefill a command. */
import type { ParsedCommand, RenewDuration } from './parsed-command';

const PLAIN_NAME = /^[\p{L}\p{N}_#@+=~^$%*.-]+$/u;

/** Quotes a name when it would not survive as one plain word (spaces, quotes, digits-only, …). */
export function quoteName(name: string): string {
  const ambiguous = /^(\d+d?|max|days?)$/i.test(name) || /[.,!?;:…]$/.test(name) || name.startsWith('/');
  if (PLAIN_NAME.test(name) && !ambiguous) return name;
  if (!name.includes('"') && !name.includes('”') && !name.includes('“')) return `"${name}"`;
  if (!name.includes("'") && !name.includes('’')) return `'${name}'`;
  return `“${name}”`;
}

function duration(d: RenewDuration): string {
  if (d.kind === 'days') return String(d.days);
  if (d.kind === 'max') return 'max';
  return d.date;
}

/** The canonical text of a command, with the `pat` word (`pat renew "nightly build" 90`). */
export function renderCommand(command: ParsedCommand): string {
  switch (command.kind) {
    case 'list':
      return command.org ? `pat list ${command.org}` : 'pat list';
    case 'renew':
      return `pat renew ${quoteName(command.target)}${command.duration ? ` ${duration(command.duration)}` : ''}`;
    case 'revoke':
      return `pat revoke ${quoteName(command.target)}`;
    case 'snooze':
      return `pat snooze ${quoteName(command.target)} ${command.days}`;
    case 'subscribe':
      return command.pattern ? `pat subscribe ${quoteName(command.pattern)}` : 'pat subscribe';
    case 'orgs':
      return command.action === 'show' ? 'pat orgs' : `pat orgs ${command.action} ${command.org}`;
    case 'remind':
      return 'pat remind me';
    case 'invalid':
      return command.suggestion;
    default:
      return `pat ${command.kind}`;
  }
}
