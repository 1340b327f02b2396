/**
 * The organisation watch through the real Teams endpoint, the real Azure DevOps client and the
 * simulator: a non-admin is refused and nothing is kept; an administrator turns it on; a
 * system revocation between polls reaches the owner once (DM with Create replacement, one line
 * in the owner's subscribed channel); a restart between polls loses and repeats nothing; the
 * expiry view flags departed owners; Retry-After is honoured.
 */
import { AdoAdminClient, AdoTokensClient } from '../../../src/ado';
import { startApp, type RunningApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { entraSettingsForSimulator } from '../../../src/identity';
import { HttpsNetworkClient } from '../../../src/identity/https-network-client';
import { invokeActivity } from '../../support/teams-activity';
import {
  activityContext,
  ALICE,
  BOB,
  CHANNEL,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const MON = new Date('2026-11-30T09:30:00.000Z');

describe('Teams: pat admin (organisation watch)', () => {
  let h: TeamsHarness;
  const texts = (conversationId: string): string[] =>
    h.connector.messages(conversationId).map((m) => (cardOf(m) ? cardText(cardOf(m)) : String(m.text)));
  const last = (conversationId: string): string => texts(conversationId).at(-1) ?? '';
  const alerts = (conversationId: string, needle: string): number =>
    texts(conversationId).filter((t) => t.includes(needle)).length;

  beforeAll(async () => {
    h = await startTeamsHarness();
    h.clock.set(MON);
    h.entra.setAccessTokenLifetime(60);
    h.ado.addCollectionAdmin('contoso', ALICE.oid);
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    await h.signIn(ALICE);
    await h.signIn(BOB);
    await h.message(BOB, CHANNEL, 'pat subscribe');
    h.connector.clear();
  });
  afterAll(async () => h.close());

  it('refuses a member without View audit log, names the permission and who has it, and keeps nothing', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat admin watch contoso');
    const said = last(PERSONAL_BOB.id);
    expect(said).toContain('View audit log');
    expect(said).toContain('Project Collection Administrators');
    expect(said).toContain('I kept nothing');
    expect(await h.store.admin.get('contoso')).toBeNull();
    expect(await h.store.admin.list()).toEqual([]);
  });

  it('an administrator turns it on; status shows it', async () => {
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin watch contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('Watching contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('never change anything');
    const watch = await h.store.admin.get('contoso');
    const alice = await h.store.users.findByIdentity({
      platform: 'teams',
      tenantId: h.entra.tenantId,
      aadObjectId: ALICE.oid,
    });
    expect(watch?.adminUserId).toBe(alice?.id);
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin status');
    expect(last(PERSONAL_ALICE.id)).toContain('contoso: watched since');
  });

  it('a system revocation between polls reaches the owner once, with Create replacement, and one line in the subscribed channel', async () => {
    h.clock.set(new Date(MON.getTime() + 60_000));
    expect(await h.pollAudit()).toMatchObject({ kind: 'ran' });
    h.connector.clear();
    const pat = h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'nightly-build',
      validTo: new Date(MON.getTime() + 20 * DAY_MS),
    });
    h.clock.advance(30_000);
    h.ado.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatSystemRevokeEvent',
      patId: pat.authorizationId,
    });
    h.clock.advance(30_000);
    await h.pollAudit();
    const dm = h.connector.messages(PERSONAL_BOB.id);
    expect(dm).toHaveLength(1);
    const text = cardText(cardOf(dm[0]));
    expect(text).toContain(
      'Your PAT "nightly-build" in contoso was revoked by Azure DevOps on Mon 30 Nov 2026 09:31 UTC',
    );
    expect(text).toContain('Create replacement');
    expect(alerts(CHANNEL.id, 'nightly-build')).toBe(1);

    // The alert's Create replacement opens the recreate dialog for the owner (task/fetch): the
    // new PAT is made in contoso with the same name, and its secret is only in the dialog.
    const button = (
      cardOf(dm[0]) as { actions: { title: string; data: Record<string, unknown> }[] }
    ).actions.find((a) => a.title === 'Create replacement');
    expect(button?.data.msteams).toEqual({ type: 'task/fetch' });
    const fetchAs = (who: typeof BOB, place: typeof PERSONAL_BOB) =>
      h.post(
        invokeActivity(activityContext(h), who, place, 'task/fetch', {
          data: button?.data,
          context: { theme: 'default' },
        }),
      );
    const refused = await fetchAs(ALICE, PERSONAL_ALICE);
    expect(JSON.stringify(refused.body)).not.toMatch(/AZDO/);
    const before = h.ado.patsOf(BOB.oid).length;
    const answer = await fetchAs(BOB, PERSONAL_BOB);
    expect(answer.body.task.type).toBe('continue');
    const dialog = JSON.stringify(answer.body.task.value.card.content);
    expect(dialog).toContain('Created `nightly-build` in contoso');
    expect(dialog).toMatch(/[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}/);
    const made = h.ado.patsOf(BOB.oid);
    expect(made).toHaveLength(before + 1);
    expect(made.filter((p) => p.displayName === 'nightly-build' && !p.revoked)).toHaveLength(1);
    expect(JSON.stringify(h.connector.messages(PERSONAL_BOB.id))).not.toMatch(/AZDO/);
    // The next polls read the same window again (late entries): nothing goes out twice.
    h.clock.advance(300_000);
    await h.pollAudit();
    await h.pollAudit();
    // The revocation went out once; the replacement's own creation is told once too.
    expect(alerts(PERSONAL_BOB.id, 'was revoked by Azure DevOps')).toBe(1);
    expect(alerts(PERSONAL_BOB.id, 'was created by you')).toBe(1);
    expect(h.connector.messages(PERSONAL_BOB.id)).toHaveLength(2);
    expect(JSON.stringify(h.connector.messages(PERSONAL_BOB.id))).not.toMatch(/AZDO/);
    expect((await h.store.admin.get('contoso'))?.lastError).toBeNull();
  });

  it('honours Retry-After from the audit service and still delivers', async () => {
    const pat = h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'release-key',
      validTo: new Date(MON.getTime() + 20 * DAY_MS),
    });
    h.ado.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatPublicDiscoveryEvent',
      patId: pat.authorizationId,
    });
    h.clock.advance(1000);
    h.ado.inject({ status: 429, retryAfterSeconds: 4, match: { oid: ALICE.oid } });
    h.adminWaits.length = 0;
    await h.pollAudit();
    expect(h.adminWaits).toContain(4000);
    expect(alerts(PERSONAL_BOB.id, 'release-key')).toBe(1);
    expect(last(PERSONAL_BOB.id)).toContain('was found in a public repository');
  });

  it('a restart between polls loses and repeats nothing', async () => {
    const a = h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'before-restart',
      validTo: new Date(MON.getTime() + 20 * DAY_MS),
    });
    h.ado.addTokenEvent({ org: 'contoso', actionId: 'Token.PatSystemRevokeEvent', patId: a.authorizationId });
    h.clock.advance(1000);
    await h.pollAudit();
    expect(alerts(PERSONAL_BOB.id, 'before-restart')).toBe(1);
    // Events while patbot is down, then a new process on the same database.
    const b = h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'while-down',
      validTo: new Date(MON.getTime() + 20 * DAY_MS),
    });
    h.clock.advance(120_000);
    h.ado.addTokenEvent({ org: 'contoso', actionId: 'Token.PatSystemRevokeEvent', patId: b.authorizationId });
    h.clock.advance(200_000);
    const restarted = await secondInstance(h);
    try {
      await restarted.pollAudit();
      expect(alerts(PERSONAL_BOB.id, 'while-down')).toBe(1);
      expect(alerts(PERSONAL_BOB.id, 'before-restart')).toBe(1);
      h.clock.advance(300_000);
      await restarted.pollAudit();
      expect(alerts(PERSONAL_BOB.id, 'while-down')).toBe(1);
    } finally {
      await restarted.stop();
    }
  });

  it('lists PATs expiring soon grouped by owner, with a departed owner flagged', async () => {
    h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'soon-key',
      validTo: new Date(h.clock.now().getTime() + 3 * DAY_MS),
    });
    h.ado.addPat({
      ownerOid: ALICE.oid,
      org: 'contoso',
      name: 'later-key',
      validTo: new Date(h.clock.now().getTime() + 30 * DAY_MS),
    });
    h.ado.markDeparted('contoso', BOB.oid);
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso');
    const view = last(PERSONAL_ALICE.id);
    expect(view).toContain('One PAT in contoso expires in the next 14 days');
    expect(view).toContain(`${BOB.upn} (left the organisation): "soon-key" expires`);
    expect(view).toContain('One owner has left the organisation');
    expect(view).not.toContain('later-key');
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin expiring contoso 40');
    expect(last(PERSONAL_ALICE.id)).toContain(`${ALICE.upn}: "later-key" expires`);
    await h.message(BOB, PERSONAL_BOB, 'pat admin expiring contoso');
    expect(last(PERSONAL_BOB.id)).toContain('Only Project Collection Administrators of contoso');
    // In a channel everyone would see other people's PATs: only in the 1:1 chat.
    const before = h.ado.requestCount();
    await h.message(ALICE, CHANNEL, 'pat admin expiring contoso');
    const reply = h.connector.messages().at(-1);
    const replyText = cardOf(reply) ? cardText(cardOf(reply)) : String(reply?.text);
    expect(replyText).toContain('only in our 1:1 chat');
    expect(replyText).not.toContain('soon-key');
    expect(h.ado.requestCount()).toBe(before);
  });

  it("uses the administrator's sign-in only for the listed reads", async () => {
    const calls = h.ado.requests({ oid: ALICE.oid });
    expect(calls.length).toBeGreaterThan(5);
    for (const c of calls) {
      expect(c.method).toBe('GET');
      expect(c.path).toMatch(
        /\/_apis\/(audit\/auditlog|permissions\/[^/]+\/1|graph\/users|tokenadmin\/personalaccesstokens\/[^/]+)$/,
      );
    }
  });

  it('unwatch by someone without the permission is refused; by the administrator it stops', async () => {
    await h.message(BOB, PERSONAL_BOB, 'pat admin unwatch contoso');
    expect(last(PERSONAL_BOB.id)).toContain('View audit log');
    expect(await h.store.admin.get('contoso')).not.toBeNull();
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin unwatch contoso');
    expect(last(PERSONAL_ALICE.id)).toBe('Stopped watching contoso. I no longer read its audit log.');
    expect(await h.store.admin.get('contoso')).toBeNull();
  });
});

/** A second patbot process on the same database (as after a restart), not serving HTTP. */
async function secondInstance(h: TeamsHarness): Promise<RunningApp> {
  const env = {
    PORT: '0',
    PUBLIC_BASE_URL: 'https://patbot.example',
    ADO_ORGANIZATIONS: 'contoso',
    HOST: '127.0.0.1',
    DATABASE_URL: h.config.database.url,
    SANDBOX: '1',
  };
  const sleep = async () => undefined;
  return startApp({
    env,
    serve: false,
    overrides: {
      clock: h.clock,
      logger: h.logs.logger,
      simulators: false,
      scheduler: false,
      entra: {
        settings: entraSettingsForSimulator(h.entra, loadConfig(env).ado.scopes),
        caPem: h.entra.caPem,
      },
      tokensApi: new AdoTokensClient({ baseUrl: h.ado.url, clock: h.clock, sleep }),
      orgAdminApi: new AdoAdminClient({
        vsspsBaseUrl: h.ado.url,
        auditBaseUrl: h.ado.url,
        devBaseUrl: h.ado.url,
        clock: h.clock,
        sleep,
      }),
      teams: { msalNetworkClient: new HttpsNetworkClient({ ca: h.entra.caPem }) },
    },
  });
}
