/**
 * pino JSON logs with secrets removed twice: by key (redact paths) and by shape (any string
 * that looks like a JWT, a PAT, a Slack token or a client secret is masked wherever it appears).
 */
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream } from 'pino';
import type { Logger } from './core/logger';
import type { LogLevel } from './config';

const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'token',
  'secret',
  'clientSecret',
  'client_secret',
  'password',
  'botToken',
  'signingSecret',
  'oboAssertion',
  'assertion',
  'authorizationCode',
  'codeVerifier',
  'code_verifier',
  'cookie',
  'set-cookie',
  'x-slack-signature',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? key : `.${key}`;
  return [key, `*${dot}`, `*.*${dot}`, `req.headers${dot}`, `headers${dot}`];
});

const SHAPES: Array<[RegExp, string]> = [
  [/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted:jwt]'],
  [/\bxox[abeprs]-[\w-]{6,}/g, '[redacted:slack-token]'],
  [/\b[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}\b/g, '[redacted:pat]'],
  [/\b[a-z2-7]{52}\b/g, '[redacted:pat]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  // Entra authorization codes (`0.A…` / `1.A…`)
  [/\b[01]\.A[A-Za-z0-9_-]{40,}/g, '[redacted:auth-code]'],
];

/** Masks secret-shaped substrings. Exported for tests and for anything that writes text out. */
export function scrubText(text: string): string {
  let out = text;
  for (const [re, replacement] of SHAPES) out = out.replace(re, replacement);
  return out;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // pino applies `formatters.log` before serializers: turn errors into scrubbed plain objects here.
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}

/** pino's error serializer, then every string in it (message, stack, cause, custom fields) scrubbed. */
function serializeError(error: Error): unknown {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  // The serialized error keeps some fields on its prototype: copy them into a plain object.
  const plain: Record<string, unknown> = {
    type: serialized.type,
    message: serialized.message,
    stack: serialized.stack,
    ...(serialized.cause === undefined ? {} : { cause: serialized.cause }),
    ...serialized,
  };
  return scrubValue(plain, 0);
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default stdout); tests pass a capturing stream. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

/**
 * Our Logger over pino. pino appends a child's bindings to its parent's, so a key bound twice
 * (`component` of a component inside another) would appear twice in one JSON line; here a child's
 * binding replaces the parent's instead: every child is made from the root with the merged set.
 *
 * A child is cheap until it logs: the pino child (whose bindings pino serialises and redacts at
 * creation) is made on the first call at an enabled level, so the per-request and per-turn
 * children of a quiet `LOG_LEVEL=warn` bot cost an object, not a redaction pass.
 */
function withMergedBindings(
  root: pino.Logger,
  made: pino.Logger | null,
  bindings: Record<string, unknown>,
): Logger {
  let instance = made;
  const level =
    (name: pino.Level) =>
    (...args: unknown[]): void => {
      if (!root.isLevelEnabled(name)) return;
      instance ??= root.child(bindings);
      (instance[name] as (...a: unknown[]) => void)(...args);
    };
  return {
    fatal: level('fatal'),
    error: level('error'),
    warn: level('warn'),
    info: level('info'),
    debug: level('debug'),
    trace: level('trace'),
    child(extra) {
      return withMergedBindings(root, null, { ...bindings, ...extra });
    },
  } as Logger;
}

export function createLogger(options: LoggerOptions): Logger {
  const root = pino(
    {
      level: options.level,
      base: options.base ?? { app: 'patbot' },
      // `"time":"2026-12-03T13:20:01.123Z"`, readable in any log viewer (pino's default is epoch ms).
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (obj) => scrubValue(obj, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      // Error messages, stacks, causes and custom fields can carry secrets too: scrub them as well.
      serializers: { err: serializeError },
    },
    options.destination,
  );
  return withMergedBindings(root, root, {});
}

/** A child logger for one request or turn, carrying a correlation id. */
export function requestLogger(logger: Logger, correlationId: string = randomUUID()): Logger {
  return logger.child({ correlationId });
}
