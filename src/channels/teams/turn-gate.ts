/**
 * The check every Teams turn passes before any teams-ai handler runs: the activity names its
 * tenant (`conversation.tenantId`) and, for messages and invokes, its person
 * (`from.aadObjectId`), with no fallbacks to `from.id` or `channelData`; and the tenant is one
 * patbot serves (ALLOWED_TENANT_IDS). A refused person gets a plain answer, never silence, and
 * nothing reaches Azure DevOps or the store.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../../core/logger';
import { CodedError } from '../../errors';
import type { TenantPolicy } from '../../config';
import { sendInvokeResponse, sendMessageResponse } from './replies';

/** The Teams identity an activity names, or null when it names none. */
export interface TeamsIdentity {
  tenantId: string;
  aadObjectId: string;
}

export function tenantOf(activity: Partial<Activity>): string | null {
  const tenantId = activity.conversation?.tenantId;
  return typeof tenantId === 'string' && tenantId.trim() !== '' ? tenantId.trim() : null;
}

export function teamsIdentityOf(activity: Partial<Activity>): TeamsIdentity | null {
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from?.aadObjectId;
  if (!tenantId || typeof aadObjectId !== 'string' || aadObjectId.trim() === '') return null;
  return { tenantId, aadObjectId: aadObjectId.trim() };
}

export function tenantAllowed(tenantId: string, policy: TenantPolicy): boolean {
  return policy === 'any' || policy.includes(tenantId.toLowerCase());
}

const NO_IDENTITY = new CodedError(
  'auth.no_identity',
  "I can't tell who you are: this message names no Microsoft Entra user and tenant.",
  { nextStep: 'Message patbot from Microsoft Teams, signed in with your work account.' },
);
const OTHER_TENANT = new CodedError(
  'auth.tenant_not_allowed',
  "patbot only serves its own organisation's Microsoft Entra tenant, and your Teams account is in another one.",
  { nextStep: 'Ask your administrator for a patbot in your own organisation.' },
);

function refusalOf(activity: Partial<Activity>, policy: TenantPolicy): CodedError | null {
  const needsPerson = activity.type === 'message' || activity.type === 'invoke';
  const tenantId = tenantOf(activity);
  if (!tenantId || (needsPerson && !teamsIdentityOf(activity))) return NO_IDENTITY;
  return tenantAllowed(tenantId, policy) ? null : OTHER_TENANT;
}

async function answer(ctx: TurnContext, refusal: CodedError): Promise<void> {
  const { type, name } = ctx.activity;
  if (type === 'message') await ctx.sendActivity(refusal.userText);
  else if (type === 'invoke' && name === 'adaptiveCard/action')
    await sendMessageResponse(ctx, refusal.userText);
  else if (type === 'invoke') await sendInvokeResponse(ctx, 403, { error: refusal.code });
  // installs and membership changes from a refused tenant are dropped without a word
}

/** True when the turn may run; otherwise answers the person, logs, and returns false. */
export async function admitTurn(ctx: TurnContext, policy: TenantPolicy, log: Logger): Promise<boolean> {
  const refusal = refusalOf(ctx.activity, policy);
  if (!refusal) return true;
  log.warn(
    {
      event: 'teams.turn_refused',
      code: refusal.code,
      type: ctx.activity.type,
      tenantId: tenantOf(ctx.activity),
    },
    'Teams activity refused before any handler',
  );
  await answer(ctx, refusal);
  return false;
}
