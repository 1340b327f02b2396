/**
 * The weekly admin digest through the real Teams endpoint, the real Azure DevOps client and the
 * simulator: only an administrator (checked with Azure DevOps) subscribes a channel; on the
 * weekly slot (ADMIN_DIGEST_AT, default Monday 08:00 UTC) the poll tick posts the organisation's
 * expiry view and the unknown-owner events read since the last digest, once per week and
 * channel (a second tick and a restarted instance repeat nothing); a big week is cut to fit
 * Teams' 28 KB; `pat admin digest off` stops it.
 */
import { AdoAdminClient, AdoTokensClient } from '../../../src/ado';
import { startApp, type RunningApp } from '../../../src/app';
import { TEAMS_MESSAGE_MAX_BYTES } from '../../../src/channels/teams/cards/size-limits';
import { loadConfig } from '../../../src/config';
import { entraSettingsForSimulator } from '../../../src/identity';
import { HttpsNetworkClient } from '../../../src/identity/https-network-client';
import type { Place } from '../../support/teams-activity';
import {
  ALICE,
  BOB,
  cardOf,
  cardText,
  DAY_MS,
  PERSONAL_ALICE,
  PERSONAL_BOB,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness';

const ADMINS: Place = { kind: 'channel', id: '19:admins@thread.tacv2', teamId: '19:team@thread.tacv2' };
const CAROL = { oid: '33333333-3333-4333-8333-333333333333', upn: 'carol@contoso.example' };
/** Monday 30 Nov 2026 08:00 UTC, the first slot after the harness's Saturday. */
const MONDAY_SLOT = new Date('2026-11-30T08:00:00.000Z');

describe('Teams: pat admin digest (weekly admin digest)', () => {
  let h: TeamsHarness;
  // Replies in a channel go to the thread (`<id>;messageid=…`); the digest to the channel itself.
  const texts = (conversationId: string): string[] =>
    h.connector
      .messages()
      .filter((m) => String(m.conversation?.id).split(';')[0] === conversationId)
      .map((m) => (cardOf(m) ? cardText(cardOf(m)) : String(m.text)));
  const last = (conversationId: string): string => texts(conversationId).at(-1) ?? '';
  const digests = (): string[] => texts(ADMINS.id).filter((t) => t.startsWith('contoso: weekly PAT digest'));

  beforeAll(async () => {
    h = await startTeamsHarness();
    // Short-lived access tokens: every read asks the token cache for a fresh one (the fixed clock).
    h.entra.setAccessTokenLifetime(60);
    h.ado.addCollectionAdmin('contoso', ALICE.oid);
    h.ado.addMember('contoso', { oid: CAROL.oid, name: CAROL.upn });
    await h.message(ALICE, PERSONAL_ALICE, 'pat help');
    await h.message(BOB, PERSONAL_BOB, 'pat help');
    await h.signIn(ALICE);
    await h.signIn(BOB);
    h.connector.clear();
  });
  afterAll(async () => h.close());

  it('refuses a member without View audit log, and asks for a channel in a 1:1 chat; nothing is kept', async () => {
    await h.message(BOB, ADMINS, 'pat admin digest contoso');
    expect(last(ADMINS.id)).toContain('You need the View audit log permission in contoso to send its digest');
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin digest contoso');
    expect(last(PERSONAL_ALICE.id)).toContain('in the channel that should get the weekly digest');
    expect(await h.store.adminDigests.list()).toEqual([]);
  });

  it('an administrator subscribes the channel; nothing is posted before the first slot', async () => {
    await h.message(ALICE, ADMINS, 'pat admin digest contoso');
    expect(last(ADMINS.id)).toContain(
      "This channel gets contoso's weekly PAT digest, Mondays at 08:00 UTC (first on Mon 30 Nov 2026)",
    );
    expect(await h.store.adminDigests.list()).toMatchObject([
      { org: 'contoso', conversationKey: expect.any(String) },
    ]);
    await h.message(ALICE, PERSONAL_ALICE, 'pat admin watch contoso');
    h.clock.advance(60_000);
    expect(await h.pollAudit()).toMatchObject({ kind: 'ran', digests: [] });
    expect(digests()).toEqual([]);
  });

  it('on Monday posts the expiry view and the unknown-owner events, once, even after a restart', async () => {
    h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'soon-key',
      validTo: new Date(MONDAY_SLOT.getTime() + 3 * DAY_MS),
    });
    h.ado.addPat({
      ownerOid: BOB.oid,
      org: 'contoso',
      name: 'far-key',
      validTo: new Date(MONDAY_SLOT.getTime() + 40 * DAY_MS),
    });
    const leaked = h.ado.addPat({
      ownerOid: CAROL.oid,
      org: 'contoso',
      name: 'carol-ci',
      validTo: new Date(MONDAY_SLOT.getTime() + 60 * DAY_MS),
    });
    h.clock.advance(60_000);
    h.ado.addTokenEvent({
      org: 'contoso',
      actionId: 'Token.PatSystemRevokeEvent',
      patId: leaked.authorizationId,
    });
    h.clock.advance(60_000);
    await h.pollAudit(); // Saturday: the event is read and kept for the digest.
    expect(digests()).toEqual([]);

    h.clock.set(new Date(MONDAY_SLOT.getTime() + 60_000));
    expect(await h.pollAudit()).toMatchObject({ kind: 'ran', digests: ['sent'] });
    expect(digests()).toHaveLength(1);
    const digest = digests()[0];
    expect(digest).toContain('contoso: weekly PAT digest, Mon 30 Nov 2026');
    expect(digest).toContain('One PAT in contoso expires in the next 14 days, one owner.');
    expect(digest).toContain(`${BOB.upn}: "soon-key" expires`);
    expect(digest).not.toContain('far-key');
    expect(digest).toContain("One PAT event for people who don't use patbot since");
    expect(digest).toContain(`${CAROL.upn}: "carol-ci" was revoked by Azure DevOps`);

    h.clock.advance(300_000);
    expect(await h.pollAudit()).toMatchObject({ kind: 'ran', digests: ['skipped'] });
    const restarted = await secondInstance(h);
    try {
      h.clock.advance(300_000);
      expect(await restarted.pollAudit()).toMatchObject({ kind: 'ran', digests: ['skipped'] });
    } finally {
      await restarted.stop();
    }
    expect(digests()).toHaveLength(1);
  });

  it('the next week lists only new events, and a big week is cut with "and N more" to fit 28 KB', async () => {
    for (let i = 0; i < 80; i++) {
      h.ado.addPat({
        ownerOid: BOB.oid,
        org: 'contoso',
        name: `service-connection-${String(i).padStart(2, '0')}-${'x'.repeat(60)}`,
        validTo: new Date(MONDAY_SLOT.getTime() + 7 * DAY_MS + (i + 1) * 3_600_000),
      });
    }
    h.clock.set(new Date(MONDAY_SLOT.getTime() + 7 * DAY_MS + 120_000));
    expect(await h.pollAudit()).toMatchObject({ kind: 'ran', digests: ['sent'] });
    expect(digests()).toHaveLength(2);
    const second = digests()[1];
    expect(second).toContain('contoso: weekly PAT digest, Mon 7 Dec 2026');
    expect(second).toContain("No PAT events for people who don't use patbot since Mon 30 Nov 2026");
    expect(second).not.toContain('carol-ci');
    expect(second).toMatch(/…and \d+ more PATs/);
    const message = h.connector.messages(ADMINS.id).at(-1);
    expect(Buffer.byteLength(JSON.stringify(message), 'utf8')).toBeLessThan(TEAMS_MESSAGE_MAX_BYTES);
  });

  it('`pat admin digest off` stops it', async () => {
    await h.message(BOB, ADMINS, 'pat admin digest off contoso');
    expect(last(ADMINS.id)).toBe("This channel no longer gets contoso's weekly PAT digest.");
    expect(await h.store.adminDigests.list()).toEqual([]);
    h.clock.set(new Date(MONDAY_SLOT.getTime() + 14 * DAY_MS + 60_000));
    expect(await h.pollAudit()).toMatchObject({ kind: 'ran', digests: [] });
    expect(digests()).toHaveLength(2);
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
