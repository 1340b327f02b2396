/** The Slack manifest template and `npm run manifest` (scripts/manifest-slack.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { buildSlackManifest, main, normaliseBaseUrl } from '../../../scripts/manifest-slack';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: Array<{ command: string; url: string; usage_hint: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
  display_information: { name: string };
}

describe('Slack app manifest', () => {
  const manifest = parse(buildSlackManifest('https://bot.example.com/')) as Manifest;

  it('points the command, interactivity and events at one Request URL', () => {
    const url = 'https://bot.example.com/slack/events';
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: '/pat', url });
    expect(manifest.features.slash_commands[0].usage_hint).toContain('renew <name>');
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
  });

  it('asks only for the bot scopes patbot uses', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'chat:write',
      'chat:write.public',
      'commands',
      'im:write',
      'users:read',
      'users:read.email',
    ]);
  });

  it('refuses a missing or non-https base URL', () => {
    expect(() => normaliseBaseUrl(undefined)).toThrow('PUBLIC_BASE_URL is not set');
    expect(() => normaliseBaseUrl('http://bot.example.com')).toThrow('not https');
    expect(() => normaliseBaseUrl('https://bot.example.com/?x=1')).toThrow('query');
    expect(normaliseBaseUrl('https://bot.example.com/base/')).toBe('https://bot.example.com/base');
  });

  it('the CLI writes the filled manifest', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-manifest-')), 'slack-manifest.yml');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main(['--out', out], { PUBLIC_BASE_URL: 'https://pat.contoso.com' })).toBe(0);
      const text = fs.readFileSync(out, 'utf8');
      expect(text).not.toContain('{PUBLIC_BASE_URL}');
      expect(text).toContain('https://pat.contoso.com/slack/events');
      expect(main(['--out', out], {})).toBe(1);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
