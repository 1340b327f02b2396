/**
 * A Bolt `Receiver` for patbot's HTTP edge, built on Bolt's exported HTTP helpers so Bolt's own
 * verification rules apply (including the `ssl_check` smuggling fix), plus two of ours:
 * the timestamp must be within 5 minutes in BOTH directions, and the content type must be
 * exactly Slack's (`application/x-www-form-urlencoded`, or JSON for the Events API).
 *
 * The edge (src/http/server.ts) has already read the body, with a size limit, into
 * `req.rawBody` (a Buffer, which Bolt reuses); a string `rawBody` (restify's bodyParser) is
 * turned into a Buffer first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  type App,
  type BufferedIncomingMessage,
  type CodedError as BoltCodedError,
  ErrorCode,
  HTTPModuleFunctions as httpFunc,
  HTTPResponseAck,
  type Logger as BoltLogger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Logger } from '../../core/logger';
import { toBoltLogger } from './bolt-logger';
import { checkSlackBody } from './interaction-shape';
import { isWithinWindow, SLACK_TIMESTAMP_WINDOW_SECONDS } from './request-window';

export interface SlackReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  /** Current time in ms for the replay window (default `Date.now`). */
  nowMs?: () => number;
  windowSeconds?: number;
  /** Bolt's no-ack timer (default 3001 ms, as Bolt's own receivers). */
  unhandledRequestTimeoutMillis?: number;
}

/** What the receiver did with one request (for logs and tests). */
export type ReceiverVerdict =
  | 'ssl_check'
  | 'url_verification'
  | 'dispatched'
  | 'bad_content_type'
  | 'bad_body'
  | 'unhandled'
  | 'stale_or_future'
  | 'bad_signature';

/** The edge's request: the raw body, the request's logger and its correlation id. */
type NodeRequest = IncomingMessage & { rawBody?: unknown; log?: Logger; correlationId?: string };

const FORM = 'application/x-www-form-urlencoded';

/** Slack sends exactly these; `…; charset=…` on a form body would make Bolt mis-parse it. */
function contentKind(header: string | string[] | undefined): 'form' | 'json' | null {
  if (typeof header !== 'string') return null;
  if (header === FORM) return 'form';
  if (/^application\/json(\s*;\s*charset=utf-8)?$/i.test(header.trim())) return 'json';
  return null;
}

export class SlackReceiver implements Receiver {
  private app?: App;
  private readonly nowMs: () => number;

  constructor(private readonly options: SlackReceiverOptions) {
    if (!options.signingSecret) throw new Error('SlackReceiver: signingSecret is required');
    this.nowMs = options.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The HTTP edge owns the server: nothing to start or stop. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** A listener or Bolt failed: log the error itself (with its stack); 401 for authorize, else 500. */
  private failed(error: unknown, res: ServerResponse, logger: BoltLogger): void {
    const err = error instanceof Error ? error : new Error(String(error));
    if (res.headersSent) {
      logger.error('A Slack listener failed after ack()', err);
      return;
    }
    const unauthorized = (err as Partial<BoltCodedError>).code === ErrorCode.AuthorizationError;
    logger.error('Bolt failed to process a Slack request', err);
    httpFunc.buildNoBodyResponse(res, unauthorized ? 401 : 500);
  }

  /** Handles one `POST /slack/events`. Resolves when Bolt's listeners have finished. */
  async handle(req: NodeRequest, res: ServerResponse): Promise<ReceiverVerdict> {
    // The request's logger when the edge gives one (its lines carry the correlation id).
    const requestLog = req.log?.child({ component: 'slack' });
    const logger = requestLog ? toBoltLogger(requestLog) : this.options.logger;
    const refused = this.refuseBeforeVerifying(req, rawBodyBuffer(req), res, logger);
    if (refused) return refused;

    let buffered: BufferedIncomingMessage;
    try {
      buffered = await httpFunc.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: this.options.signingSecret },
        req,
      );
    } catch {
      logger.warn('Slack request refused: signature verification failed');
      httpFunc.buildNoBodyResponse(res, 401);
      return 'bad_signature';
    }

    const body = parseBody(buffered);
    if (!body) {
      httpFunc.buildNoBodyResponse(res, 400);
      return 'bad_body';
    }
    const answered = answerWithoutListeners(body, res, logger);
    if (answered) return answered;
    return this.dispatch({ req, res, buffered, body, logger, requestLog });
  }

  /** Our checks before the signature: Slack's exact content type, and the timestamp window. */
  private refuseBeforeVerifying(
    req: NodeRequest,
    raw: Buffer,
    res: ServerResponse,
    logger: BoltLogger,
  ): ReceiverVerdict | null {
    const kind = contentKind(req.headers['content-type']);
    if (kind === null) {
      httpFunc.buildNoBodyResponse(res, 400);
      return 'bad_content_type';
    }
    const sslCheck = kind === 'form' && parseQuery(raw.toString('utf8')).ssl_check === '1';
    if (
      !sslCheck &&
      !isWithinWindow(
        req.headers['x-slack-request-timestamp'],
        this.nowMs(),
        this.options.windowSeconds ?? SLACK_TIMESTAMP_WINDOW_SECONDS,
      )
    ) {
      logger.warn('Slack request refused: timestamp missing or more than 5 minutes off');
      httpFunc.buildNoBodyResponse(res, 401);
      return 'stale_or_future';
    }
    return null;
  }

  /** Hands a verified, well-formed request to Bolt's listeners and answers once they are done. */
  private async dispatch(request: VerifiedRequest): Promise<ReceiverVerdict> {
    const { req, res, buffered, body, logger, requestLog } = request;
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: this.options.unhandledRequestTimeoutMillis,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const boltAck = ack.bind();
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response) => {
        acked = true;
        await boltAck(response);
      },
      retryNum: httpFunc.extractRetryNumFromHTTPRequest(req),
      retryReason: httpFunc.extractRetryReasonFromHTTPRequest(req),
      // Listeners read them as `context.requestLog` (listener-log.ts) and `context.correlationId`
      // (request-correlation.ts: the error funnel names this id).
      customProperties: {
        ...(requestLog ? { requestLog } : {}),
        ...(req.correlationId ? { correlationId: req.correlationId } : {}),
      },
    };
    try {
      if (!this.app) throw new Error('SlackReceiver: init(app) was not called');
      await this.app.processEvent(event);
      if (ack.storedResponse !== undefined && !res.headersSent) {
        httpFunc.buildContentResponse(res, ack.storedResponse);
      }
      // Bolt has run every listener; none acknowledged: nothing here handles this (an unknown
      // action_id, a shortcut patbot does not offer, …). Answer now rather than after Bolt's timer.
      if (!acked && !res.headersSent) {
        ack.ack();
        logger.debug(`Slack request not handled (type ${String(body.type ?? 'command/event')})`);
        httpFunc.buildNoBodyResponse(res, 404);
        return 'unhandled';
      }
    } catch (error) {
      ack.ack();
      this.failed(error, res, logger);
    }
    return 'dispatched';
  }
}

/** A request that passed every check, with what Bolt needs to run its listeners. */
interface VerifiedRequest {
  req: NodeRequest;
  res: ServerResponse;
  buffered: BufferedIncomingMessage;
  body: Record<string, unknown>;
  logger: BoltLogger;
  requestLog: Logger | undefined;
}

/** The edge's raw body as the Buffer Bolt reuses (a string becomes UTF-8 bytes; anything else, empty). */
function rawBodyBuffer(req: NodeRequest): Buffer {
  if (typeof req.rawBody === 'string') req.rawBody = Buffer.from(req.rawBody, 'utf8');
  if (!Buffer.isBuffer(req.rawBody)) req.rawBody = Buffer.alloc(0);
  return req.rawBody as Buffer;
}

/** Bolt parses bodies as `any`; narrowed to a record here, at the SDK boundary (null: not one). */
function parseBody(buffered: BufferedIncomingMessage): Record<string, unknown> | null {
  try {
    const parsed: unknown = httpFunc.parseHTTPRequestBody(buffered);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    return parsed as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Slack's ssl_check and url_verification are answered here; a malformed body is refused. */
function answerWithoutListeners(
  body: Record<string, unknown>,
  res: ServerResponse,
  logger: BoltLogger,
): ReceiverVerdict | null {
  if (body.ssl_check === '1') {
    httpFunc.buildSSLCheckResponse(res);
    return 'ssl_check';
  }
  if (body.type === 'url_verification') {
    httpFunc.buildUrlVerificationResponse(res, body);
    return 'url_verification';
  }
  const shape = checkSlackBody(body);
  if (!shape.ok) {
    logger.warn(`Slack request refused: ${shape.reason}`);
    httpFunc.buildNoBodyResponse(res, 400);
    return 'bad_body';
  }
  return null;
}
