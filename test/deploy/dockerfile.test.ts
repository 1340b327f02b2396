import { dockerIgnored, exists, parseDockerfile, read, resolveGlobalArgs, Stage } from './helpers';

const text = read('deploy/Dockerfile');
const { instructions, stages } = parseDockerfile(text);
const dockerignore = read('.dockerignore');
const runtime = stages[stages.length - 1];

const SECRET_VARIABLES = [
  'BOT_PASSWORD',
  'AAD_APP_CLIENT_SECRET',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'TOKEN_CACHE_KEY',
  'TOKEN_CACHE_KEY_PREVIOUS',
];

function runs(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0];
}

function stageByName(name: string): Stage {
  return only(
    stages.filter((s) => s.name === name),
    `stage named ${name}`,
  );
}

/** COPY --from=<stage> instructions of a stage, as { from, src, dest }. */
function copiesFrom(stage: Stage): { from: string | null; src: string; dest: string }[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const from = /--from=(\S+)/.exec(i.args)?.[1] ?? null;
      const parts = i.args
        .split(' ')
        .filter((p) => !p.startsWith('--'))
        .filter(Boolean);
      return { from, src: parts.slice(0, -1).join(' '), dest: parts[parts.length - 1] };
    });
}

describe('deploy/Dockerfile', () => {
  it('is multi-stage and the runtime is a Node 22 slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const image = resolveGlobalArgs(runtime.image, instructions);
    expect(image).toMatch(/^node:22(\.[\d.]+)?-[a-z]*-?slim$/);
  });

  it('builds with npm ci and npm run build in a build stage', () => {
    const build = stageByName('build');
    expect(build).not.toBe(runtime);
    const r = runs(build);
    const ci = r.findIndex((a) => /\bnpm ci\b/.test(a) && !/--omit=dev/.test(a));
    const compile = r.findIndex((a) => /\bnpm run build\b/.test(a));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(compile).toBeGreaterThan(ci);
  });

  it('installs production dependencies (npm ci --omit=dev) in the same base family as the runtime', () => {
    const prodStage = only(
      stages.filter((s) => runs(s).some((a) => /\bnpm ci\b.*--omit=dev/.test(a))),
      'stage running npm ci --omit=dev',
    );
    // The native better-sqlite3 binary must be built for the runtime's libc and Node ABI.
    expect(resolveGlobalArgs(prodStage.image, instructions)).toBe(
      resolveGlobalArgs(runtime.image, instructions),
    );
    const modules = copiesFrom(runtime).find((c) => /node_modules/.test(c.src));
    expect(modules?.from).toBe(prodStage.name ?? String(prodStage.index));
  });

  it('copies only the compiled output from the build stage into the runtime', () => {
    const dist = copiesFrom(runtime).find((c) => /\/dist\b/.test(c.src));
    expect(dist?.from).toBe('build');
    // No copy of the whole build context (which could carry .env files) into the runtime.
    for (const c of copiesFrom(runtime).filter((x) => x.from === null)) {
      expect(c.src).not.toMatch(/^\.\/?$/);
    }
  });

  it('runs as a non-root user', () => {
    const users = runtime.instructions.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
  });

  it('has a writable /app/data volume owned by that user', () => {
    const volume = only(
      runtime.instructions.filter((i) => i.keyword === 'VOLUME'),
      'VOLUME',
    );
    expect(volume.args).toContain('/app/data');
    const user = runtime.instructions.filter((i) => i.keyword === 'USER').pop()!.args;
    const chown = runs(runtime).find((a) => /chown/.test(a) && /\/app\/data/.test(a));
    expect(chown).toBeDefined();
    expect(chown).toContain(user.split(':')[0]);
  });

  it('checks liveness on /healthz with Node (no curl in slim images)', () => {
    const hc = only(
      runtime.instructions.filter((i) => i.keyword === 'HEALTHCHECK'),
      'HEALTHCHECK',
    );
    expect(hc.args).toMatch(/CMD/);
    expect(hc.args).toContain('/healthz');
    expect(hc.args).toMatch(/\bnode\b/);
    expect(hc.args).toContain('process.env.PORT');
    expect(hc.args).not.toMatch(/\b(curl|wget)\b/);
    // The exec-form array must be valid JSON.
    const json = hc.args.slice(hc.args.indexOf('['));
    expect(JSON.parse(json)[0]).toBe('node');
  });

  it('exposes 3978, sets NODE_ENV=production and starts node dist/main.js', () => {
    expect(runtime.instructions.some((i) => i.keyword === 'EXPOSE' && /\b3978\b/.test(i.args))).toBe(true);
    const env = runtime.instructions
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    const cmd = only(
      runtime.instructions.filter((i) => i.keyword === 'CMD'),
      'CMD',
    );
    expect(JSON.parse(cmd.args)).toEqual(['node', 'dist/main.js']);
    expect(runtime.instructions.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
  });

  it('bakes in no secret: no ENV or ARG names a secret variable, no .env file is copied', () => {
    for (const i of instructions.filter((x) => x.keyword === 'ENV' || x.keyword === 'ARG')) {
      for (const name of SECRET_VARIABLES) {
        expect(i.args).not.toMatch(new RegExp(`(^|\\s)${name}[= ]`));
      }
    }
    for (const i of instructions.filter((x) => x.keyword === 'COPY' || x.keyword === 'ADD')) {
      expect(i.args).not.toMatch(/\.env\b/);
    }
  });

  it('copies from the build context only files that exist and that .dockerignore lets through', () => {
    const contextCopies = stages.flatMap((s) => copiesFrom(s)).filter((c) => c.from === null);
    expect(contextCopies.length).toBeGreaterThan(0);
    for (const c of contextCopies) {
      for (const src of c.src.split(' ')) {
        expect({ src, exists: exists(src) }).toEqual({ src, exists: true });
        expect({ src, ignored: dockerIgnored(src, dockerignore) }).toEqual({ src, ignored: false });
      }
    }
  });
});

describe('.dockerignore', () => {
  it.each([
    'node_modules',
    'dist',
    'data',
    '.git',
    'test-results',
    'coverage',
    '.env',
    '.env.production',
    'patbot.db',
    'data/patbot.db-wal',
    'env/.env.dev.user',
    'src/node_modules/x',
  ])('keeps %s out of the build context', (path) => {
    expect(dockerIgnored(path, dockerignore)).toBe(true);
  });

  it.each(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src/main.ts'])(
    'lets %s through',
    (path) => {
      expect(dockerIgnored(path, dockerignore)).toBe(false);
    },
  );
});
