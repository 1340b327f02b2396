/**
 * Who is in the sandbox Slack workspace: Alex Wilber (the Agents Playground's current user, the
 * same demo persona and Entra account as the Teams sandbox), patbot's bot user, a DM and
 * #general. Slack ids are made up but shaped like Slack's (T…, U…, B…, D…, C…).
 */
import { PLAYGROUND_USER } from '../demo-data';

export interface SlackPerson {
  id: string;
  /** Slack handle (`name`). */
  name: string;
  realName: string;
  /** Profile e-mail: Alex's is their Entra sign-in name, so patbot's link check passes. */
  email: string;
  tz: string;
}

export const SANDBOX_TEAM = { id: 'T0SANDBOX', domain: 'patbot-sandbox' } as const;
export const SANDBOX_APP_ID = 'A0PATBOT';
export const SANDBOX_BOT = { botId: 'B0PATBOT', botUserId: 'U0PATBOT' } as const;

export const SANDBOX_ALEX: SlackPerson = {
  id: 'U0ALEXW',
  name: 'alexw',
  realName: PLAYGROUND_USER.name,
  email: PLAYGROUND_USER.upn,
  tz: 'Europe/London',
};

export interface SandboxChannel {
  id: string;
  name: string;
  kind: 'im' | 'channel';
}

/** The DM id matches what the fake Web API's `conversations.open` answers for Alex. */
export const SANDBOX_CHANNELS: readonly SandboxChannel[] = [
  { id: `D${SANDBOX_ALEX.id.slice(1)}`, name: 'patbot', kind: 'im' },
  { id: 'C0GENERAL', name: 'general', kind: 'channel' },
];

/** `users.info` as Slack answers it (scopes users:read and users:read.email). */
export function usersInfoAnswer(args: Record<string, unknown>): Record<string, unknown> {
  const person = [SANDBOX_ALEX].find((p) => p.id === args.user);
  if (!person) return { ok: false, error: 'user_not_found' };
  return {
    user: {
      id: person.id,
      team_id: SANDBOX_TEAM.id,
      name: person.name,
      real_name: person.realName,
      tz: person.tz,
      is_bot: false,
      deleted: false,
      profile: { email: person.email, real_name: person.realName, display_name: person.name },
    },
  };
}
