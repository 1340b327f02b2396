/**
 * A Renew click as a person makes it: `pat list`, then the list card's one-click "Renew 90 days" button
 * (an `adaptiveCard/action` invoke with the button's own verb and data), one person at a time so
 * the Azure DevOps simulator's request count between the two is that click's calls.
 */
import { PAT_PREFIX, type BenchSims } from './support/sims';
import { teamsCardAction, teamsCommand, type TeamsTarget } from './support/teams';

interface CardAction {
  verb: string;
  data: Record<string, unknown>;
}

/** The first Action.Execute with `verb` anywhere in a JSON value (prefers the one-click Renew, no `d`). */
export function findAction(value: unknown, verb: string): CardAction | null {
  const found: CardAction[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb && o.data && typeof o.data === 'object')
        found.push({ verb, data: o.data as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(value);
  return found.find((a) => a.data.d === undefined) ?? found[0] ?? null;
}

export interface RenewClicks {
  clicks: number;
  /** Azure DevOps calls per click: max over the clicks, and each one. */
  maxAdoCalls: number;
  adoCalls: number[];
  failures: string[];
}

export async function measureRenewClicks(
  t: TeamsTarget,
  sims: BenchSims,
  count: number,
  timeoutMs: number,
): Promise<RenewClicks> {
  const adoCalls: number[] = [];
  const failures: string[] = [];
  for (const user of sims.users.slice(0, count)) {
    const list = await teamsCommand(t, user, 'pat list', timeoutMs);
    const action = findAction(JSON.parse(list.reply), 'pat.renew');
    if (!action) {
      failures.push(`no Renew button in the list of ${user.upn}`);
      continue;
    }
    const before = sims.ado.requestCount();
    const answer = await teamsCardAction(t, user, action);
    // Calls the click makes after answering (a background refresh) count too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    adoCalls.push(sims.ado.requestCount() - before);
    if (answer.status !== 200 || !answer.text.includes(PAT_PREFIX))
      failures.push(`Renew click: HTTP ${answer.status} ${answer.text.slice(0, 160)}`);
  }
  return { clicks: adoCalls.length, maxAdoCalls: Math.max(0, ...adoCalls), adoCalls, failures };
}
