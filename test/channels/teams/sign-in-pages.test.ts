/** The fallback sign-in pages and their scripts, served by the bot (no CDN). */
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';

describe('sign-in pages', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ auth: true });
  });
  afterAll(async () => h.close());

  it('serves auth-start with the Entra authority, client id and scopes from configuration', async () => {
    const res = await fetch(`${h.url}/auth-start.html?clientId=evil&tenantId=evil`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    const meta = /name="patbot-sign-in" content="([^"]+)"/
      .exec(html)![1]
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(JSON.parse(meta)).toEqual({
      authorizeUrl: `${h.entra.origin}/${h.entra.tenantId}/oauth2/v2.0/authorize`,
      clientId: h.entra.clientId,
      scope: '499b84ac-1321-427f-aa17-267ca6975798/.default openid profile offline_access',
    });
    expect(html).toContain('<script src="/teams-js/MicrosoftTeams.min.js"></script>');
    expect(html).not.toMatch(/https?:\/\/[^"]*\.js/); // no script from elsewhere
  });

  it('serves auth-end, the page scripts and TeamsJS v2 locally', async () => {
    for (const path of ['/auth-end.html', '/auth-start.js', '/auth-end.js']) {
      expect((await fetch(`${h.url}${path}`)).status).toBe(200);
    }
    const end = await (await fetch(`${h.url}/auth-end.js`)).text();
    expect(end).toContain('microsoftTeams.authentication.notifySuccess');
    const teams = await fetch(`${h.url}/teams-js/MicrosoftTeams.min.js`);
    expect(teams.headers.get('content-type')).toMatch(/javascript/);
    expect(await teams.text()).toContain('microsoftTeams');
  });
});
