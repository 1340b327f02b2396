/**
 * Sandbox mode's Slack workspace: a fake Slack Web API on loopback (what patbot's Slack client
 * talks to) plus "Slack" itself for Alex, who types `/pat …`, clicks buttons and submits modals
 * on the page at /sandbox/slack. Each of those becomes the exact request Slack would send
 * (form-encoded command, `payload=` JSON), signed with the sandbox signing secret (v0 HMAC with
 * X-Slack-Request-Timestamp) and POSTed over real HTTP to patbot's own /slack/events. What
 * patbot posts back (Web API calls, response_url posts, ack bodies) is what the page shows.
 */
import { randomBytes } from 'node:crypto';
import { blockActionsBody, actionOf, findElement, slashCommandBody, viewSubmissionBody } from './payloads';
import { startFakeSlackApi, type FakeSlackApi } from './fake-web-api';
import { SANDBOX_ALEX, SANDBOX_CHANNELS, usersInfoAnswer, type SandboxChannel } from './people';
import { signedHeaders } from './slack-signing';
import { WorkspaceState, type ResponseTarget, type WorkspaceSnapshot } from './workspace-state';

/** Slack waits this long for an app to acknowledge a request. */
const ACK_WAIT_MS = 3000;
/** A trigger_id can open a modal for this long, once. */
const TRIGGER_LIFE_MS = 3000;

export interface SandboxSlackWorkspace {
  /** What patbot's Slack channel is configured with (sandbox-only values). */
  readonly signingSecret: string;
  /** Obviously not a Slack token; the fake Web API accepts only this one. */
  readonly botToken: string;
  readonly apiUrl: string;
  readonly api: FakeSlackApi;
  /** Where "Slack" sends requests: patbot's own events URL (set once the HTTP server listens). */
  setEventsUrl(url: string): void;
  snapshot(): WorkspaceSnapshot;
  /** Alex types `/pat <text>` in a conversation. */
  command(channelId: string, text: string): Promise<Outcome>;
  /** Alex clicks an element on a message (`messageId`) or on the App Home (`home`). */
  click(input: ClickInput): Promise<Outcome>;
  /** Alex submits the open modal with these values (by input block_id). */
  submit(entered: Record<string, string>): Promise<Outcome>;
  closeModal(): void;
  close(): Promise<void>;
}

export interface ClickInput {
  messageId?: string;
  home?: boolean;
  blockId: string;
  actionId: string;
  /** The chosen option's value (overflow, static_select). */
  selected?: string;
}

type Failed = { ok: false; status: number; error: string };
export type Outcome = { ok: true } | Failed;

function channelOf(id: string): SandboxChannel | undefined {
  return SANDBOX_CHANNELS.find((c) => c.id === id);
}

/** Slack for one person (Alex), talking to patbot over real HTTP. */
class Workspace implements SandboxSlackWorkspace {
  readonly signingSecret = randomBytes(32).toString('hex');
  readonly apiUrl: string;
  private readonly dm = SANDBOX_CHANNELS.find((c) => c.kind === 'im') as SandboxChannel;
  private readonly state = new WorkspaceState((id) => (id === SANDBOX_ALEX.id ? this.dm.id : undefined));
  private readonly triggers = new Map<string, number>();
  private eventsUrl = '';
  private counter = 0;

  constructor(
    readonly api: FakeSlackApi,
    readonly botToken: string,
  ) {
    this.apiUrl = api.apiUrl;
    api.answer('users.info', usersInfoAnswer);
    api.answer('views.open', (a) => this.openView(String(a.trigger_id)));
    api.subscribe((event) =>
      event.type === 'call' ? this.state.applyCall(event.call) : this.state.applyResponse(event.response),
    );
  }

  setEventsUrl(url: string): void {
    this.eventsUrl = url;
  }

  snapshot(): WorkspaceSnapshot {
    return this.state.snapshot();
  }

  async command(channelId: string, text: string): Promise<Outcome> {
    const channel = channelOf(channelId);
    if (!channel) return { ok: false, status: 404, error: 'no such conversation' };
    const clipped = text.slice(0, 4000);
    this.state.add({
      channel: channel.id,
      ts: `${Date.now() / 1000}`,
      author: 'user',
      text: `/pat ${clipped}`,
      blocks: [],
      ephemeral: true,
      command: true,
    });
    const responseUrl = this.responseUrl({ channel: channel.id });
    const body = slashCommandBody({
      person: SANDBOX_ALEX,
      channel,
      text: clipped,
      responseUrl,
      triggerId: this.trigger(),
    });
    const sent = await this.deliver(body, '/pat');
    if (!sent.ok) return sent;
    this.showAck(channel.id, sent.text);
    return { ok: true };
  }

  async click(input: ClickInput): Promise<Outcome> {
    const message = input.messageId ? this.state.message(input.messageId) : undefined;
    const home = input.home ? this.state.currentHome() : null;
    const found = findElement(message?.blocks ?? home?.blocks, input.blockId, input.actionId);
    const action = found ? actionOf(found, input.selected) : null;
    if (!action || (!message && !home)) return { ok: false, status: 404, error: 'no such button' };
    const where = message
      ? {
          message: {
            message,
            channel: channelOf(message.channel) ?? this.dm,
            responseUrl: this.responseUrl({ channel: message.channel, messageId: message.id }),
          },
        }
      : { home: home ?? {} };
    const body = blockActionsBody({ person: SANDBOX_ALEX, triggerId: this.trigger(), action, ...where });
    const sent = await this.deliver(body, 'That button');
    return sent.ok ? { ok: true } : sent;
  }

  async submit(entered: Record<string, string>): Promise<Outcome> {
    const modal = this.state.currentModal();
    if (!modal) return { ok: false, status: 404, error: 'no modal is open' };
    const body = viewSubmissionBody({ person: SANDBOX_ALEX, triggerId: this.trigger(), modal, entered });
    const sent = await this.deliver(body, 'The form');
    if (!sent.ok) return sent;
    const ack = parseJson(sent.text) ?? {};
    if (ack.response_action === 'errors')
      this.state.setModal({ ...modal, errors: (ack.errors ?? {}) as Record<string, string> });
    else if (ack.response_action === 'update')
      this.state.setModal({ ...modal, view: ack.view as Record<string, unknown>, errors: {} });
    else this.state.setModal(null);
    return { ok: true };
  }

  closeModal(): void {
    this.state.setModal(null);
  }

  close(): Promise<void> {
    return this.api.close();
  }

  private trigger(): string {
    this.counter += 1;
    const id = `${Date.now()}.${this.counter}.sandbox${randomBytes(4).toString('hex')}`;
    this.triggers.set(id, Date.now());
    return id;
  }

  /** views.open: a trigger_id this workspace issued, under 3 seconds old, used once. */
  private openView(triggerId: string): Record<string, unknown> {
    const issued = this.triggers.get(triggerId);
    this.triggers.delete(triggerId);
    if (issued === undefined || Date.now() - issued > TRIGGER_LIFE_MS)
      return { ok: false, error: 'expired_trigger_id' };
    return { view: { id: `V${randomBytes(5).toString('hex').toUpperCase()}` } };
  }

  private responseUrl(target: ResponseTarget): string {
    const url = this.api.responseUrl();
    this.state.target(url.split('/').pop() as string, target);
    return url;
  }

  /** POSTs a signed body to patbot as Slack would; returns the ack body (or an error outcome). */
  private async deliver(body: string, what: string): Promise<{ ok: true; text: string } | Failed> {
    if (!this.eventsUrl) return { ok: false, status: 503, error: 'patbot is not listening yet' };
    try {
      const res = await fetch(this.eventsUrl, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signedHeaders(body, this.signingSecret),
        },
        signal: AbortSignal.timeout(ACK_WAIT_MS),
      });
      const text = await res.text();
      if (res.status === 200) return { ok: true, text };
      this.state.notice(`${what} failed with the error "http_error_${res.status}"`);
      return { ok: false, status: res.status, error: `patbot answered ${res.status}` };
    } catch {
      this.state.notice(`${what} failed with the error "operation_timeout"`);
      return { ok: false, status: 504, error: 'operation_timeout' };
    }
  }

  /** A slash command's ack body is a reply (ephemeral unless `in_channel`), as in Slack. */
  private showAck(channel: string, text: string): void {
    if (text.trim() === '') return;
    const reply = parseJson(text) ?? { text };
    this.state.add({
      channel,
      ts: `${Date.now() / 1000}`,
      author: 'bot',
      text: typeof reply.text === 'string' ? reply.text : '',
      blocks: Array.isArray(reply.blocks) ? reply.blocks : [],
      ephemeral: reply.response_type !== 'in_channel',
    });
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = text.trim() ? JSON.parse(text) : null;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function startSandboxSlack(): Promise<SandboxSlackWorkspace> {
  const botToken = `sandbox-not-a-slack-token-${randomBytes(6).toString('hex')}`;
  return new Workspace(await startFakeSlackApi({ token: botToken }), botToken);
}
