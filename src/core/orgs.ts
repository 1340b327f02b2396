/**
 * `pat orgs add|remove <org>`: one rule for every channel. Changes start from the organisations
 * the person effectively uses (their own choice, else the configured default); removing the last
 * one goes back to the default rather than leaving nothing to look in.
 */

export interface OrgsChange {
  /** What to store on the user (null = the configured default). */
  next: string[] | null;
  /** The organisations used from now on. */
  effective: string[];
  /** The sentence to show. */
  message: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const listText = (orgs: readonly string[]) =>
  orgs.length > 0 ? orgs.map((o) => `\`${o}\``).join(', ') : 'no organisation';

/** The organisations a person's commands look in. */
export function effectiveOrgs(chosen: readonly string[] | null, defaults: readonly string[]): string[] {
  return [...(chosen && chosen.length > 0 ? chosen : defaults)];
}

export function changeOrgs(
  chosen: readonly string[] | null,
  defaults: readonly string[],
  action: 'add' | 'remove',
  org: string,
): OrgsChange {
  const current = effectiveOrgs(chosen, defaults);
  const has = current.some((o) => same(o, org));
  if (action === 'add') {
    if (has)
      return {
        next: chosen ? [...chosen] : null,
        effective: current,
        message: `I already look in \`${org}\`.`,
      };
    const next = [...current, org];
    return { next, effective: next, message: `Added \`${org}\`. I now look in ${listText(next)}.` };
  }
  if (!has)
    return {
      next: chosen ? [...chosen] : null,
      effective: current,
      message: `I wasn't looking in \`${org}\`. I look in ${listText(current)}.`,
    };
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
    effective: remaining,
    message: `Removed \`${org}\`. I now look in ${listText(remaining)}.`,
  };
}
