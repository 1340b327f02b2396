/**
 * `pat orgs add|remove <org>`: one rule for every channel. Changes start from the organisations
 * the person effectively uses (their own choice, else the configured default); removing the last
 * one goes back to the default rather than leaving nothing to look in. A person may look in at
 * most `MAX_ORGS_PER_USER` organisations: every list reads each of them, so the fan-out of one
 * command stays bounded.
 */
import { commandText } from './messages';

/** `MAX_ORGS_PER_USER` when not configured. */
export const DEFAULT_MAX_ORGS_PER_USER = 10;

export interface OrgsChange {
  /** What to store on the user (null = the configured default). */
  next: string[] | null;
  /** The organisations used from now on. */
  effective: string[];
  /** The sentence to show. */
  message: string;
  /** The change was refused (nothing to store). */
  refused?: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const listText = (orgs: readonly string[]) =>
  orgs.length > 0 ? orgs.map((o) => `\`${o}\``).join(', ') : 'no organisation';

function chosenOrDefault(chosen: readonly string[] | null, defaults: readonly string[]): string[] {
  return [...(chosen && chosen.length > 0 ? chosen : defaults)];
}

/**
 * The organisations a person's commands look in: their own choice, else the configured default,
 * never more than `max` (a list stored before the cap existed is read only up to it).
 */
export function effectiveOrgs(
  chosen: readonly string[] | null,
  defaults: readonly string[],
  max: number = Number.POSITIVE_INFINITY,
): string[] {
  return chosenOrDefault(chosen, defaults).slice(0, Math.max(1, max));
}

/** The sentence for a stored list longer than the cap (null when it fits). */
export function orgsCapNotice(
  chosen: readonly string[] | null,
  defaults: readonly string[],
  max: number,
  prefix = 'pat',
): string | null {
  const all = chosenOrDefault(chosen, defaults);
  if (all.length <= max) return null;
  return (
    `You have ${all.length} organisations saved; I read only the first ${max}. ` +
    `Remove the ones you no longer need with ${commandText(prefix, 'orgs remove <org>')}.`
  );
}

export function changeOrgs(
  chosen: readonly string[] | null,
  defaults: readonly string[],
  action: 'add' | 'remove',
  org: string,
  max: number = DEFAULT_MAX_ORGS_PER_USER,
  prefix = 'pat',
): OrgsChange {
  const current = chosenOrDefault(chosen, defaults);
  const has = current.some((o) => same(o, org));
  const unchanged = (message: string, refused?: boolean): OrgsChange => ({
    next: chosen ? [...chosen] : null,
    effective: current.slice(0, max),
    message,
    ...(refused ? { refused } : {}),
  });
  if (action === 'add') {
    if (has) return unchanged(`I already look in \`${org}\`.`);
    if (current.length >= max)
      return unchanged(
        `I didn't add \`${org}\`: you already look in ${current.length} organisations, the most I read for one person (${max}). ` +
          `Remove one first with ${commandText(prefix, 'orgs remove <org>')}, then add this one again.`,
        true,
      );
    const next = [...current, org];
    return { next, effective: next, message: `Added \`${org}\`. I now look in ${listText(next)}.` };
  }
  if (!has) return unchanged(`I wasn't looking in \`${org}\`. I look in ${listText(current)}.`);
  const remaining = current.filter((o) => !same(o, org));
  if (remaining.length === 0) {
    return {
      next: null,
      effective: [...defaults],
      message: `Removed \`${org}\`. That was the last one, so I look in the default again: ${listText(defaults)}.`,
    };
  }
  return {
    next: remaining,
    effective: remaining.slice(0, max),
    message: `Removed \`${org}\`. I now look in ${listText(remaining)}.`,
  };
}
