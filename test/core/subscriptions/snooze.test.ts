import { snoozeFromButton, snoozePat, type SnoozeDeps } from '../../../src/core/subscriptions';
import { startWorld, type World } from '../reminders/support/sweep-world';

let w: World;
let deps: SnoozeDeps;
beforeEach(async () => {
  w = await startWorld();
  w.h.clock.set('2027-03-01T10:00:00Z');
  deps = {
    tokensApi: w.h.client().client,
    tokenProvider: w.tokens,
    clock: w.h.clock,
    audit: w.store.audit,
    logger: w.logger,
    snoozes: w.store.snoozes,
  };
});
afterEach(() => w.close());

describe('snooze', () => {
  it('`pat snooze <name> <days>` finds the PAT by name and pauses its reminders', async () => {
    const ada = await w.addUser('ada');
    const id = w.addPat(ada, 'Deploy', '2027-03-09T12:00:00Z');
    const result = await snoozePat(deps, {
      userId: ada.user.id,
      orgs: ['contoso'],
      target: 'deploy',
      days: 3,
    });
    expect(result).toMatchObject({
      kind: 'snoozed',
      patId: id,
      patName: 'Deploy',
      until: new Date('2027-03-04T10:00:00Z'),
    });
    if (result.kind === 'snoozed') {
      expect(result.message).toBe(
        "Snoozed reminders for `Deploy` until Thu 4 Mar 2027. I'll still remind you the day before it expires and on the day it expires.",
      );
    }
    expect(await w.store.snoozes.get(ada.user.id, id)).toEqual(new Date('2027-03-04T10:00:00Z'));
    // The sweep honours it: no 14d reminder today.
    await w.sweep();
    expect(w.notifier.direct).toHaveLength(0);
  });

  it('by id, ambiguous names, unknown names and invalid days', async () => {
    const ada = await w.addUser('ada');
    const first = w.addPat(ada, 'twin', '2027-03-09T12:00:00Z');
    w.addPat(ada, 'twin', '2027-03-10T12:00:00Z');
    const byId = await snoozePat(deps, { userId: ada.user.id, orgs: ['contoso'], target: first, days: 1 });
    expect(byId).toMatchObject({ kind: 'snoozed', patId: first });
    const twins = await snoozePat(deps, { userId: ada.user.id, orgs: ['contoso'], target: 'twin', days: 1 });
    expect(twins.kind).toBe('ambiguous');
    if (twins.kind === 'ambiguous') expect(twins.message).toContain(`pat snooze ${first}`);
    const unknown = await snoozePat(deps, {
      userId: ada.user.id,
      orgs: ['contoso'],
      target: 'nope',
      days: 1,
    });
    expect(unknown.kind === 'failed' && unknown.error.code).toBe('ado.pat_not_found');
    const tooLong = await snoozePat(deps, {
      userId: ada.user.id,
      orgs: ['contoso'],
      target: 'twin',
      days: 91,
    });
    expect(tooLong.kind === 'failed' && tooLong.error.code).toBe('input.invalid');
  });

  it('a user whose sign-in expired gets the auth outcome', async () => {
    const ada = await w.addUser('ada');
    w.tokens.failSignIn(ada.user.id);
    const result = await snoozePat(deps, { userId: ada.user.id, orgs: ['contoso'], target: 'x', days: 1 });
    expect(result).toMatchObject({ kind: 'auth', outcome: { kind: 'needs_signin' } });
  });

  it('the Snooze button works only for the owner and makes no Azure DevOps call', async () => {
    const ada = await w.addUser('ada');
    const bob = await w.addUser('bob');
    const id = w.addPat(ada, 'deploy', '2027-03-09T12:00:00Z');
    w.h.sim.resetRequests();
    const refused = await snoozeFromButton(deps, {
      userId: bob.user.id,
      ownerUserId: ada.user.id,
      ownerName: 'ada',
      patId: id,
      days: 1,
    });
    expect(refused.kind === 'failed' && refused.error.code).toBe('action.not_owner');
    expect(refused.kind === 'failed' && refused.error.message).toBe('Only ada can snooze this PAT.');
    expect(await w.store.snoozes.get(bob.user.id, id)).toBeNull();
    const ok = await snoozeFromButton(deps, {
      userId: ada.user.id,
      ownerUserId: ada.user.id,
      patId: id,
      patName: 'deploy',
      days: 3,
    });
    expect(ok).toMatchObject({ kind: 'snoozed', until: new Date('2027-03-04T10:00:00Z') });
    expect(w.h.sim.requestCount()).toBe(0);
  });
});
