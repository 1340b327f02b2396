/**
 * `npm run manifest`: fills the Teams app manifest's `${{NAME}}` placeholders from the
 * environment, validates it offline against the official schema (@microsoft/app-manifest) and
 * writes the app package (manifest.json + icons, a store-only ZIP) under build/.
 *
 * Variables: BOT_ID, AAD_APP_CLIENT_ID (default BOT_ID), BOT_DOMAIN (default: the host of
 * PUBLIC_BASE_URL), TEAMS_APP_ID (default BOT_ID), APP_VERSION (default package.json's version).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeEnvFile, loadEnvFile, processEnv } from '../src/config';

export type ManifestEnv = Record<string, string | undefined>;

const ROOT = resolve(__dirname, '..');
export const MANIFEST_DIR = join(ROOT, 'manifest', 'teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/**
 * The placeholder values, with defaults, and every problem found (variable: what to do).
 * TEAMS_APP_ID and AAD_APP_CLIENT_ID default to BOT_ID and BOT_DOMAIN to PUBLIC_BASE_URL's host,
 * so with nothing set the problems name only BOT_ID and PUBLIC_BASE_URL.
 */
export function manifestValues(env: ManifestEnv): { values: Record<string, string>; problems: string[] } {
  const problems: string[] = [];
  const get = (name: string) => env[name]?.trim() || undefined;
  const botId = get('BOT_ID');
  const baseUrl = get('PUBLIC_BASE_URL');
  let domain = get('BOT_DOMAIN');
  if (!domain && !baseUrl) {
    problems.push(
      "PUBLIC_BASE_URL is not set: set it to the bot's public https URL, e.g. https://patbot.contoso.com (BOT_DOMAIN defaults to its host).",
    );
  } else if (!domain) {
    try {
      domain = new URL(baseUrl!).host;
    } catch {
      problems.push(`PUBLIC_BASE_URL: "${baseUrl}" is not a URL; use e.g. https://patbot.contoso.com.`);
    }
  }
  const version =
    get('APP_VERSION') ??
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const values: Record<string, string> = {
    BOT_ID: botId ?? '',
    AAD_APP_CLIENT_ID: get('AAD_APP_CLIENT_ID') ?? botId ?? '',
    TEAMS_APP_ID: get('TEAMS_APP_ID') ?? botId ?? '',
    BOT_DOMAIN: domain ?? '',
    APP_VERSION: version,
  };
  if (botId === undefined)
    problems.push(
      "BOT_ID is not set: set it to the Azure Bot's app id (a GUID); TEAMS_APP_ID and AAD_APP_CLIENT_ID default to it.",
    );
  // AAD_APP_CLIENT_ID and TEAMS_APP_ID are checked only when set: empty, they are BOT_ID.
  for (const name of ['BOT_ID', 'AAD_APP_CLIENT_ID', 'TEAMS_APP_ID']) {
    const value = get(name);
    if (value !== undefined && !GUID.test(value))
      problems.push(`${name}: "${value}" is not a GUID (the Entra app / Azure Bot id).`);
  }
  if (domain !== undefined && !HOST.test(domain)) {
    problems.push(
      `BOT_DOMAIN: "${domain}" must be the bot's public host name without https://, e.g. patbot.contoso.com.`,
    );
  }
  if (!/^\d+\.\d+\.\d+$/.test(values.APP_VERSION)) problems.push('APP_VERSION: must look like 1.2.3.');
  return { values, problems };
}

/** Replaces every `${{NAME}}`; throws on a placeholder without a value. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new Error(`Manifest placeholders without a value: ${[...missing].join(', ')}`);
  return filled;
}

/** The filled manifest as an object; throws listing every configuration problem. */
export function fillTeamsManifest(
  env: ManifestEnv,
  manifestDir: string = MANIFEST_DIR,
): Record<string, unknown> {
  const { values, problems } = manifestValues(env);
  if (problems.length > 0) throw new Error(`Cannot build the Teams manifest:\n- ${problems.join('\n- ')}`);
  const template = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
  return JSON.parse(fillPlaceholders(template, values)) as Record<string, unknown>;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal ZIP (stored, no compression): enough for a Teams app package. */
export function zipStore(files: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1; // fixed timestamp: reproducible packages
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Schema errors of a filled manifest (offline: the schemas ship with @microsoft/app-manifest). */
export async function validateTeamsManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  // SDK boundary: the validator is typed for its own manifest type.
  return AppManifestUtils.validateAgainstSchema(
    manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
  );
}

/** Fills, validates and zips; returns the package path. */
export async function buildTeamsAppPackage(
  env: ManifestEnv,
  options: {
    manifestDir?: string;
    outDir?: string;
    validate?: (manifest: Record<string, unknown>) => Promise<string[]>;
  } = {},
): Promise<{ zipPath: string; manifest: Record<string, unknown> }> {
  const manifestDir = options.manifestDir ?? MANIFEST_DIR;
  const outDir = options.outDir ?? join(ROOT, 'build');
  const manifest = fillTeamsManifest(env, manifestDir);
  const errors = await (options.validate ?? validateTeamsManifest)(manifest);
  if (errors.length > 0)
    throw new Error(`The Teams manifest does not match its schema:\n- ${errors.join('\n- ')}`);
  const zip = zipStore([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') },
    { name: 'color.png', data: readFileSync(join(manifestDir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(manifestDir, 'outline.png')) },
  ]);
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, 'patbot-teams.zip');
  writeFileSync(zipPath, zip);
  return { zipPath, manifest };
}

async function validateFile(path: string): Promise<void> {
  const errors = await validateTeamsManifest(
    JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>,
  );
  process.stdout.write(JSON.stringify(errors));
}

if (require.main === module && process.argv[2] === '--validate') {
  // `--validate <manifest.json>`: prints the schema errors as JSON (used by tests in a child process).
  validateFile(process.argv[3]).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
} else if (require.main === module) {
  console.log(`Teams manifest: ${describeEnvFile(loadEnvFile())}`);
  buildTeamsAppPackage(processEnv()).then(
    ({ zipPath }) => console.log(`Teams app package: ${zipPath}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
