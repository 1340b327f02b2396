/**
 * What the sandbox Slack page shows: the messages in each conversation, the open modal and the
 * App Home, built from what patbot really sent to the fake Web API (chat.postMessage,
 * chat.update, chat.postEphemeral, chat.delete, views.open/update/publish) and to response_urls
 * (reply, replace_original, delete_original), with Slack's rules for each.
 */
import type { RecordedCall, RecordedResponse } from './fake-web-api';
import { SANDBOX_CHANNELS } from './people';

export interface WorkspaceMessage {
  /** The page's id for the message (buttons name it). */
  id: string;
  channel: string;
  ts: string;
  author: 'bot' | 'user';
  text: string;
  blocks: unknown[];
  /** "Only visible to you" (slash command replies, ephemeral posts). */
  ephemeral: boolean;
  /** A `/pat …` the user typed (Slack shows nothing; the page shows it, greyed). */
  command?: boolean;
  edited?: boolean;
}

export interface WorkspaceModal {
  viewId: string;
  view: Record<string, unknown>;
  /** `response_action: errors` from the last submission, by block_id. */
  errors: Record<string, string>;
}

export interface WorkspaceSnapshot {
  version: number;
  channels: typeof SANDBOX_CHANNELS;
  messages: WorkspaceMessage[];
  modal: WorkspaceModal | null;
  home: Record<string, unknown> | null;
  /** Slack's own notices, e.g. `/pat failed with the error "operation_timeout"`. */
  notices: string[];
}

/** Where a response_url posts to: the conversation, and the message an interaction came from. */
export interface ResponseTarget {
  channel: string;
  messageId?: string;
}

const MAX_MESSAGES = 500;

function blocksOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export class WorkspaceState {
  private version = 0;
  private nextId = 1;
  private messages: WorkspaceMessage[] = [];
  private modal: WorkspaceModal | null = null;
  private home: Record<string, unknown> | null = null;
  private notices: string[] = [];
  private readonly targets = new Map<string, ResponseTarget>();

  constructor(private readonly dmOf: (userId: string) => string | undefined) {}

  snapshot(): WorkspaceSnapshot {
    return {
      version: this.version,
      channels: SANDBOX_CHANNELS,
      messages: this.messages.map((m) => ({ ...m })),
      modal: this.modal ? { ...this.modal } : null,
      home: this.home,
      notices: [...this.notices],
    };
  }

  message(id: string): WorkspaceMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  currentModal(): WorkspaceModal | null {
    return this.modal;
  }

  currentHome(): Record<string, unknown> | null {
    return this.home;
  }

  add(message: Omit<WorkspaceMessage, 'id'>): WorkspaceMessage {
    const added = { ...message, id: `m${this.nextId++}` };
    this.messages.push(added);
    if (this.messages.length > MAX_MESSAGES) this.messages.shift();
    this.changed();
    return added;
  }

  notice(text: string): void {
    this.notices = [...this.notices.slice(-4), text];
    this.changed();
  }

  /** Remembers where a response_url (by its id) posts. */
  target(responseId: string, target: ResponseTarget): void {
    this.targets.set(responseId, target);
  }

  setModal(modal: WorkspaceModal | null): void {
    this.modal = modal;
    this.changed();
  }

  /** A Web API call patbot made (only successful ones change what Slack shows). */
  applyCall(call: RecordedCall): void {
    if (call.answer?.ok !== true) return;
    const a = call.args;
    const channel = (id: unknown): string => this.dmOf(String(id)) ?? String(id);
    switch (call.method) {
      case 'chat.postMessage':
        this.add({
          ...this.bot(a),
          channel: channel(a.channel),
          ts: String(call.answer.ts),
          ephemeral: false,
        });
        return;
      case 'chat.postEphemeral':
        this.add({
          ...this.bot(a),
          channel: channel(a.channel),
          ts: String(call.answer.message_ts),
          ephemeral: true,
        });
        return;
      case 'chat.update':
        return this.edit((m) => m.channel === channel(a.channel) && m.ts === a.ts, this.bot(a));
      case 'chat.delete':
        this.messages = this.messages.filter((m) => !(m.channel === channel(a.channel) && m.ts === a.ts));
        return this.changed();
      case 'views.open':
        return this.setModal({
          viewId: String((call.answer.view as { id?: unknown })?.id),
          view: a.view as Record<string, unknown>,
          errors: {},
        });
      case 'views.update':
        if (this.modal && (a.view_id === undefined || a.view_id === this.modal.viewId))
          this.setModal({ ...this.modal, view: a.view as Record<string, unknown>, errors: {} });
        return;
      case 'views.publish':
        this.home = a.view as Record<string, unknown>;
        return this.changed();
    }
  }

  /** A response_url post. */
  applyResponse(response: RecordedResponse): void {
    const target = this.targets.get(response.id);
    if (!target) return;
    const b = response.body;
    const original = target.messageId;
    if (b.delete_original === true && original) {
      this.messages = this.messages.filter((m) => m.id !== original);
      return this.changed();
    }
    if (b.replace_original === true && original && this.message(original)) {
      return this.edit((m) => m.id === original, this.bot(b));
    }
    this.add({
      ...this.bot(b),
      channel: target.channel,
      ts: `${Date.now() / 1000}`,
      ephemeral: b.response_type !== 'in_channel',
    });
  }

  private bot(a: Record<string, unknown>): Pick<WorkspaceMessage, 'author' | 'text' | 'blocks'> {
    return { author: 'bot', text: typeof a.text === 'string' ? a.text : '', blocks: blocksOf(a.blocks) };
  }

  private edit(
    which: (m: WorkspaceMessage) => boolean,
    next: Pick<WorkspaceMessage, 'text' | 'blocks'>,
  ): void {
    const found = this.messages.find(which);
    if (!found) return;
    found.text = next.text;
    found.blocks = next.blocks;
    found.edited = true;
    this.changed();
  }

  private changed(): void {
    this.version += 1;
  }
}
