/**
 * The response object handed to botbuilder's `CloudAdapter.process`. botbuilder calls
 * `status(code)`, `send(body)` and `end()`; this writes the answer itself so that:
 * - invoke responses (our own objects: 200 card, 412 consent, …) go out as JSON, as they are;
 * - botbuilder's own error answers (a string such as "Unauthorized. Invalid AppId passed on
 *   token: …", or a stack message on 500) never reach the caller: they become the edge's
 *   `{ error, message }` shape.
 */
import type { ServerResponse } from 'node:http';

const ERROR_BODIES: Record<number, { error: string; message: string }> = {
  400: { error: 'bad_request', message: 'The request is not a Bot Framework activity.' },
  401: { error: 'unauthorized', message: 'The request is not authenticated.' },
  405: { error: 'method_not_allowed', message: 'Method not allowed.' },
};
const INTERNAL = { error: 'internal', message: 'Internal error.' };

export interface BotResponse {
  status(code: number): BotResponse;
  header(name: string, value: unknown): BotResponse;
  send(body?: unknown): BotResponse;
  end(): BotResponse;
  /** Where botbuilder ends up (for logs and tests). */
  readonly statusCode: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Buffer.isBuffer(value);
}

export function botResponse(res: ServerResponse, correlationId?: string): BotResponse {
  let statusCode = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  const self: BotResponse = {
    get statusCode() {
      return statusCode;
    },
    status(code) {
      statusCode = code;
      return self;
    },
    header(name, value) {
      if (!['content-length', 'user-agent'].includes(name.toLowerCase())) headers[name] = String(value);
      return self;
    },
    send(value) {
      body = value;
      return self;
    },
    end() {
      if (res.headersSent || res.writableEnded) return self;
      let out: unknown = body;
      if (statusCode >= 400 && !isObject(body)) {
        const known = ERROR_BODIES[statusCode];
        out = known ?? { ...INTERNAL, ...(correlationId ? { correlationId } : {}) };
      }
      if (out === undefined || out === null || out === '') {
        res.writeHead(statusCode, headers);
        res.end();
        return self;
      }
      const text = JSON.stringify(out);
      res.writeHead(statusCode, {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
      return self;
    },
  };
  return self;
}
