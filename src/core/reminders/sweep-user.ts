/**
 * One user's turn in the sweep: silent token → PATs in each organisation → planned direct
 * reminders → claim/send/record. Returns what the user's channels need for their digests.
 * Never throws for expected failures; the sweep catches the rest per user.
 */
import { asCodedError, DEFAULT_PREFIX, type CodedError } from '../../errors';
import { resolveTimeZone } from '../format-date';
import type { DigestOwner, SignInNeededNotice } from '../notifier';
import type { Pat } from '../pat';
import { effectiveOrgs } from '../orgs';
import { effectiveExpiry } from '../pat-status';
import type { StoredConversation, User } from '../store';
import type { TokenOutcome } from '../token-provider';
import { deliverDirect } from './deliver';
import { dmTarget } from './ledger-keys';
import { collectPats } from '../use-cases/find-pats';
import { planReminders } from './plan-reminders';
import { toPatReminder } from './reminder-view';
import { deliverRevokeReminders } from './revoke-due';
import { closeEpisode, openEpisode, signinNoticeKey } from './signin-episode';
import type { SweepContext } from './sweep-context';
import { isWithinWorkingHours } from './working-hours';

/** What the channel digests learn from a user's turn. */
export type UserReading =
  | { kind: 'read'; owner: DigestOwner; pats: Pat[]; snoozes: Map<string, Date> }
  | { kind: 'unreadable'; owner: DigestOwner; code: CodedError['code']; episode: number }
  | { kind: 'not-read' };

const DAY_MS = 86_400_000;
const UNREADABLE_KINDS = new Set(['needs_signin', 'needs_consent', 'claims_challenge']);

/** Snoozes of the PATs that could be due now (one read each; far-off and long-expired PATs are skipped). */
async function nearSnoozes(
  ctx: SweepContext,
  userId: string,
  pats: readonly Pat[],
): Promise<Map<string, Date>> {
  const ahead = (Math.max(0, ...ctx.options.thresholdsDays, ctx.options.globalNoticeDays) + 2) * DAY_MS;
  const behind = -(ctx.options.expiredNoticeDays + 2) * DAY_MS;
  const snoozes = new Map<string, Date>();
  for (const pat of pats) {
    const left = effectiveExpiry(pat).at.getTime() - ctx.now.getTime();
    if (left > ahead || left < behind) continue;
    const until = await ctx.store.snoozes.get(userId, pat.id);
    if (until) snoozes.set(pat.id, until);
  }
  return snoozes;
}

/** The user's usable personal conversation (null when there is none or all failed permanently). */
async function personalConversation(ctx: SweepContext, userId: string): Promise<StoredConversation | null> {
  for (const platform of ['teams', 'slack'] as const) {
    const c = await ctx.store.conversations.personalFor(userId, platform);
    if (c && c.status === 'active') return c;
  }
  return null;
}

/** The notice, naming commands with `prefix`: how the recipient types them where it is sent. */
function signInNotice(
  reason: SignInNeededNotice['reason'],
  error: CodedError,
  prefix: string,
): SignInNeededNotice {
  return {
    kind: 'signin-needed',
    reason,
    code: error.code,
    message: error.message,
    nextStep: error.nextStepFor(prefix),
    text: `I can't check your Azure DevOps PATs any more, so I can't warn you before one expires. ${error.userTextFor(prefix)}`.trim(),
  };
}

/** The user's token, silently; a thrown CodedError is an `unavailable` outcome. */
async function silentToken(ctx: SweepContext, userId: string): Promise<TokenOutcome> {
  try {
    return await ctx.tokenProvider.getAccessToken(userId);
  } catch (e) {
    return { kind: 'unavailable', error: asCodedError(e) };
  }
}

/** No token: counted, and for sign-in problems one notice per episode in the person's chat. */
async function noToken(
  ctx: SweepContext,
  turn: { owner: DigestOwner; dmDue: boolean },
  outcome: Exclude<TokenOutcome, { kind: 'ok' }>,
): Promise<UserReading> {
  const { tally } = ctx;
  const userId = turn.owner.userId;
  tally.usersFailed++;
  tally.fail(outcome.error.code);
  ctx.logger.info({ userId, outcome: outcome.kind, code: outcome.error.code }, 'sweep: no token for user');
  if (!UNREADABLE_KINDS.has(outcome.kind)) return { kind: 'not-read' };
  const episode = await openEpisode(ctx.store.ledger, userId, ctx.clock.now());
  if (turn.dmDue) {
    const dm = await personalConversation(ctx, userId);
    if (dm) {
      const prefix = ctx.notifier.commandPrefix?.(dm) ?? DEFAULT_PREFIX;
      const notice = signInNotice(outcome.kind as SignInNeededNotice['reason'], outcome.error, prefix);
      await deliverDirect(ctx, userId, signinNoticeKey(userId, episode), notice, dm);
    } else tally.undeliverable++;
  }
  return { kind: 'unreadable', owner: turn.owner, code: outcome.error.code, episode };
}

/** Runs one user's turn. `channelsDue`: some channel they subscribe to is in working hours now. */
export async function sweepUser(ctx: SweepContext, user: User, channelsDue: boolean): Promise<UserReading> {
  const { now, options, tally } = ctx;
  const timeZone = resolveTimeZone(user.timezone).known ? user.timezone : options.defaultTimeZone;
  const dmDue = isWithinWorkingHours(now, timeZone, options.workingHours);
  if (!dmDue && !channelsDue) {
    tally.usersSkipped++;
    return { kind: 'not-read' };
  }
  tally.users++;
  const owner: DigestOwner = { userId: user.id, displayName: user.displayName };
  const log = ctx.logger.child({ userId: user.id });

  const outcome = await silentToken(ctx, user.id);
  if (outcome.kind !== 'ok') return noToken(ctx, { owner, dmDue }, outcome);
  await closeEpisode(ctx.store.ledger, user.id, ctx.clock.now());

  const orgs = effectiveOrgs(user.orgs, options.defaultOrgs, options.maxOrgsPerUser);
  const listed = await collectPats(
    { tokensApi: ctx.tokensApi, logger: log },
    outcome.accessToken,
    orgs,
    ['active', 'expired'],
    {
      throttle: {
        retries: options.throttleRetries,
        maxWaitMs: options.maxThrottleWaitMs,
        sleep: options.sleep,
      },
      signal: options.signal,
    },
  );
  tally.pats += listed.pats.length;
  for (const f of listed.failures) tally.fail(f.error.code);
  if (listed.failures.length > 0) {
    log.warn(
      { failures: listed.failures.map((f) => ({ org: f.org, code: f.error.code })) },
      'sweep: orgs unread',
    );
    if (listed.failures.length === orgs.length) tally.usersFailed++;
  }
  const snoozes = await nearSnoozes(ctx, user.id, listed.pats);

  if (dmDue) {
    const planned = planReminders({
      pats: listed.pats,
      now,
      thresholdsDays: options.thresholdsDays,
      target: dmTarget(user.id),
      timeZone,
      workingHours: options.workingHours,
      snoozes,
      expiredNoticeDays: options.expiredNoticeDays,
      globalNoticeDays: options.globalNoticeDays,
    });
    const dm = await personalConversation(ctx, user.id);
    if (planned.length > 0 && !dm) tally.undeliverable += planned.length;
    let failed = false;
    for (const p of dm ? planned : []) {
      // After a failed send the rest would most likely fail too: a later sweep retries them.
      failed =
        (await deliverDirect(ctx, user.id, p.key, toPatReminder(p, now, timeZone), dm ?? undefined)) ===
        'failed';
      if (failed) break;
    }
    if (!failed) await deliverRevokeReminders(ctx, user.id, dm);
  }
  return { kind: 'read', owner, pats: listed.pats, snoozes };
}
