/** The Teams app manifest, filled from the environment and validated offline against the official schema. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { childEnv, runTs } from '../../support/tsx-process';
import {
  buildTeamsAppPackage,
  fillTeamsManifest,
  MANIFEST_DIR,
  manifestValues,
} from '../../../scripts/manifest-teams';

/**
 * Runs @microsoft/app-manifest's schema validation (offline) in a child Node process: the package
 * loads an ESM-only dependency that Node 20 can require but jest's module loader cannot.
 */
function validateTeamsManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'patbot-manifest-check-'));
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(manifest));
  const script = join(__dirname, '../../../scripts/manifest-teams.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', script, '--validate', file], (err, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      if (err) reject(new Error(stderr || err.message));
      else resolve(JSON.parse(stdout) as string[]);
    });
  });
}

const ENV = {
  BOT_ID: '00000000-1111-4222-8333-444444444444',
  AAD_APP_CLIENT_ID: '55555555-6666-4777-8888-999999999999',
  PUBLIC_BASE_URL: 'https://patbot.contoso.com',
};

function png(path: string): { width: number; height: number; alpha: number[] } {
  const data = readFileSync(path);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const idat = data.indexOf('IDAT');
  const raw = inflateSync(data.subarray(idat + 4, idat + 4 + data.readUInt32BE(idat - 4)));
  const alpha: number[] = [];
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) alpha.push(raw[y * (width * 4 + 1) + 1 + x * 4 + 3]);
  return { width, height, alpha };
}

describe('Teams app manifest', () => {
  it('fills the placeholders and matches the official schema (offline)', async () => {
    const manifest = fillTeamsManifest(ENV);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.manifestVersion).toBe('1.25');
    expect(manifest.webApplicationInfo).toEqual({
      id: ENV.AAD_APP_CLIENT_ID,
      resource: `api://botid-${ENV.BOT_ID}`,
    });
    expect(manifest.validDomains).toEqual(['patbot.contoso.com']);
    const bot = (manifest.bots as Array<{ scopes: string[]; commandLists: Array<{ scopes: string[] }> }>)[0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists.map((l) => l.scopes[0])).toEqual(['personal', 'team', 'groupChat']);
    expect(await validateTeamsManifest(manifest)).toEqual([]);
  });

  it('the validator really checks: a lower-case scope is refused', async () => {
    const manifest = fillTeamsManifest(ENV);
    const bots = manifest.bots as Array<{ scopes: string[] }>;
    bots[0].scopes = ['personal', 'groupchat'];
    expect((await validateTeamsManifest(manifest)).length).toBeGreaterThan(0);
  });

  it('names the variables that are missing or wrong', () => {
    expect(() => fillTeamsManifest({ ...ENV, BOT_DOMAIN: 'https://x.example' })).toThrow(/BOT_DOMAIN/);
    expect(manifestValues({ ...ENV, BOT_ID: 'abc' }).problems).toEqual([
      'BOT_ID: "abc" is not a GUID (the Entra app / Azure Bot id).',
    ]);
  });

  it('with nothing set, says BOT_ID and PUBLIC_BASE_URL are not set (the others derive from them)', () => {
    const { problems } = manifestValues({});
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BOT_ID is not set: .*TEAMS_APP_ID and AAD_APP_CLIENT_ID default to it/),
        expect.stringMatching(/^PUBLIC_BASE_URL is not set: .*BOT_DOMAIN defaults to its host/),
      ]),
    );
    expect(problems.join('\n')).not.toMatch(/not a GUID|must be a GUID|TEAMS_APP_ID:|BOT_DOMAIN:/);
  });

  it('derives TEAMS_APP_ID and AAD_APP_CLIENT_ID from BOT_ID and BOT_DOMAIN from PUBLIC_BASE_URL', () => {
    const { values, problems } = manifestValues({
      BOT_ID: ENV.BOT_ID,
      PUBLIC_BASE_URL: 'https://patbot.contoso.com/',
    });
    expect(problems).toEqual([]);
    expect(values).toMatchObject({
      TEAMS_APP_ID: ENV.BOT_ID,
      AAD_APP_CLIENT_ID: ENV.BOT_ID,
      BOT_DOMAIN: 'patbot.contoso.com',
    });
  });

  it('`npm run manifest:teams` in a fresh folder says what is not set, and reads .env there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patbot-package-'));
    const run = () => runTs('scripts/manifest-teams.ts', [], { cwd: dir, env: childEnv() });
    try {
      const bare = await run();
      expect(bare.code).toBe(1);
      expect(bare.stdout + bare.stderr).toContain(`no env file at ${join(dir, '.env')}`);
      expect(bare.stdout + bare.stderr).toContain('BOT_ID is not set');
      expect(bare.stdout + bare.stderr).toContain('PUBLIC_BASE_URL is not set');
      expect(bare.stdout + bare.stderr).not.toContain('must be a GUID');

      writeFileSync(join(dir, '.env'), 'BOT_ID=not-a-guid\nPUBLIC_BASE_URL=https://patbot.contoso.com\n');
      const withFile = await run();
      expect(withFile.code).toBe(1);
      expect(withFile.stdout + withFile.stderr).toContain(`read ${join(dir, '.env')} (2 variable(s) set)`);
      expect(withFile.stdout + withFile.stderr).toContain('BOT_ID: "not-a-guid" is not a GUID');
      expect(withFile.stdout + withFile.stderr).not.toContain('PUBLIC_BASE_URL is not set');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships a 192×192 colour icon and a 32×32 transparent outline icon', () => {
    const color = png(join(MANIFEST_DIR, 'color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.alpha.every((a) => a === 255)).toBe(true);
    const outline = png(join(MANIFEST_DIR, 'outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.alpha.filter((a) => a === 0).length).toBeGreaterThan(32 * 32 * 0.5);
    expect(outline.alpha.some((a) => a === 255)).toBe(true);
  });

  it('writes the app package with the manifest and both icons', async () => {
    const out = mkdtempSync(join(tmpdir(), 'patbot-manifest-'));
    try {
      const { zipPath } = await buildTeamsAppPackage(ENV, { outDir: out, validate: validateTeamsManifest });
      const zip = readFileSync(zipPath);
      const names: string[] = [];
      for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
        const size = zip.readUInt32LE(at + 18);
        const nameLength = zip.readUInt16LE(at + 26);
        names.push(zip.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
        if (names.at(-1) === 'manifest.json') {
          const body = zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size).toString('utf8');
          expect(JSON.parse(body).bots[0].botId).toBe(ENV.BOT_ID);
        }
        at += 30 + nameLength + size;
      }
      expect(names).toEqual(['manifest.json', 'color.png', 'outline.png']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
