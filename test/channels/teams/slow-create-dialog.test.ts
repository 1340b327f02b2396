/**
 * Teams answers a dialog (task/fetch) within about 5 seconds. Creating a replacement races
 * `dialogDeadlineMs`: too slow, the dialog says so at once, and a PAT Azure DevOps creates
 * anyway is revoked as soon as it exists (nobody saw its value), audited, and a chat note without
 * the secret says nothing was left. Through the real /api/messages and the simulator's latency.
 */
import {
  activityContext,
  ALICE,
  cardOf,
  cardText,
  DAY_MS,
  NOW,
  PERSONAL_ALICE,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';
import { invokeActivity } from '../../support/teams-activity';
import { SECRET_SHAPE } from '../../support/secret-places';

const DEADLINE_MS = 300;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('Teams: a slow Create replacement is cancelled and leaves nothing behind', () => {
  let h: TeamsHarness;
  let aliceId: string;

  beforeAll(async () => {
    h = await startTeamsHarness({ channel: { dialogDeadlineMs: DEADLINE_MS } });
    await h.signIn(ALICE);
    aliceId = (await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    }))!.id;
  });
  afterAll(async () => h.close());
  afterEach(() => {
    h.ado.setLatency(0);
    h.ado.clearFaults();
  });

  const seed = (name: string) =>
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name,
      scope: 'vso.code',
      validTo: new Date(NOW.getTime() - 3 * DAY_MS),
    }).authorizationId;

  async function createButton(name: string): Promise<Record<string, unknown>> {
    await h.message(ALICE, PERSONAL_ALICE, `pat recreate ${name}`);
    const card: Json = cardOf(h.connector.messages().at(-1));
    return card.actions.find((a: Json) => a.title === 'Create replacement').data;
  }

  function fetchTask(data: Record<string, unknown>) {
    return h.post(
      invokeActivity(activityContext(h), ALICE, PERSONAL_ALICE, 'task/fetch', {
        data,
        context: { theme: 'default' },
      }),
    );
  }

  const replacements = (name: string, oldId: string) =>
    h.ado.patsOf(ALICE.oid).filter((p) => p.displayName === name && p.authorizationId !== oldId);

  it('Create answers after the deadline: the dialog says so at once; the late PAT is revoked, audited, and a note says so', async () => {
    const oldId = seed('slow-build');
    const button = await createButton('slow-build');
    // Get and List are quick; the Create itself takes 1.5 s (well past the 300 ms deadline).
    h.ado.inject({ match: { method: 'POST' }, latencyMs: 1500, times: 1 });
    const posted = h.connector.messages().length;
    const started = Date.now();
    const answer = await fetchTask(button);
    expect(Date.now() - started).toBeLessThan(1400); // answered before the Create finished
    expect(answer.status).toBe(200);
    const dialog = answer.body.task.value.card.content;
    expect(cardText(dialog)).toContain("Azure DevOps is slow, so I'm cancelling this.");
    expect(cardText(dialog)).toContain('Try again in a minute.');

    await h.channel.idle(); // the late Create finishes and is undone
    const made = replacements('slow-build', oldId);
    expect(made).toHaveLength(1);
    expect(made[0].revoked).toBe(true);
    const note = h.connector.messages().slice(posted);
    expect(note).toHaveLength(1);
    expect(cardText(cardOf(note[0]))).toContain(
      'Azure DevOps finished creating `slow-build` in contoso after I had cancelled, so I revoked it at once. Nothing was left behind.',
    );
    const audit = await h.store.audit.list(aliceId, 20);
    expect(audit.find((e) => e.action === 'create' && e.patId === made[0].authorizationId)).toMatchObject({
      outcome: 'ok',
    });
    expect(audit.find((e) => e.action === 'revoke' && e.patId === made[0].authorizationId)).toMatchObject({
      outcome: 'ok',
      detail: 'created after the dialog was cancelled; never shown',
    });
    // The secret appears nowhere: not in the dialog, the chat, the audit log or the logs.
    for (const where of [
      JSON.stringify(answer.body),
      JSON.stringify(h.connector.messages()),
      JSON.stringify(audit),
      h.logs.text(),
    ]) {
      expect(where).not.toMatch(SECRET_SHAPE);
    }
  });

  it('Azure DevOps slow on every call: the deadline passes before the Create, so nothing is created', async () => {
    const oldId = seed('sluggish');
    const button = await createButton('sluggish');
    h.ado.setLatency(DEADLINE_MS + 200); // the Get alone misses the deadline
    h.ado.resetRequests();
    const posted = h.connector.messages().length;
    const answer = await fetchTask(button);
    expect(cardText(answer.body.task.value.card.content)).toContain(
      "Azure DevOps is slow, so I'm cancelling this.",
    );
    await h.channel.idle();
    expect(h.ado.requestCount({ method: 'POST' })).toBe(0);
    expect(replacements('sluggish', oldId)).toHaveLength(0);
    expect(h.connector.messages().slice(posted)).toHaveLength(0); // nothing happened, nothing to say
  });

  it('in time, the dialog shows the new PAT as before', async () => {
    const oldId = seed('quick-build');
    const button = await createButton('quick-build');
    const answer = await fetchTask(button);
    expect(JSON.stringify(answer.body)).toMatch(SECRET_SHAPE);
    expect(replacements('quick-build', oldId)[0].revoked).toBe(false);
  });
});
