/**
 * The request bodies Slack sends an app, built as Slack builds them (see
 * /work/shared/docs/reference/slack.md §2 and Bolt's types): a slash command (form fields), a
 * `block_actions` click and a `view_submission` (one form field `payload=<JSON>`). Element values
 * come from the blocks patbot itself posted, never from the browser.
 */
import { commandForm, interactiveForm } from './slack-signing';
import { SANDBOX_APP_ID, SANDBOX_TEAM, type SandboxChannel, type SlackPerson } from './people';
import type { WorkspaceMessage, WorkspaceModal } from './workspace-state';

type Json = Record<string, unknown>;

export interface FoundElement {
  blockId: string;
  element: Json;
}

/** The interactive element `actionId` in block `blockId` (actions elements or a section accessory). */
export function findElement(blocks: unknown, blockId: string, actionId: string): FoundElement | null {
  if (!Array.isArray(blocks)) return null;
  for (const block of blocks as Json[]) {
    if (block?.block_id !== blockId) continue;
    const elements = [
      ...(Array.isArray(block.elements) ? (block.elements as Json[]) : []),
      ...(block.accessory ? [block.accessory as Json] : []),
      ...(block.element ? [block.element as Json] : []),
    ];
    const element = elements.find((e) => e?.action_id === actionId);
    if (element) return { blockId, element };
  }
  return null;
}

function optionOf(element: Json, value: string | undefined): Json | undefined {
  const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
  return options.find((o) => o.value === value);
}

function user(person: SlackPerson): Json {
  return { id: person.id, username: person.name, name: person.name, team_id: SANDBOX_TEAM.id };
}

export function slashCommandBody(input: {
  person: SlackPerson;
  channel: SandboxChannel;
  text: string;
  responseUrl: string;
  triggerId: string;
}): string {
  return commandForm({
    team_id: SANDBOX_TEAM.id,
    team_domain: SANDBOX_TEAM.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.kind === 'im' ? 'directmessage' : input.channel.name,
    user_id: input.person.id,
    user_name: input.person.name,
    text: input.text,
    api_app_id: SANDBOX_APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  });
}

/** The `actions[0]` Slack sends for a click on `element` (buttons, overflow, static_select). */
export function actionOf(found: FoundElement, selected: string | undefined): Json | null {
  const { element, blockId } = found;
  const base = {
    action_id: element.action_id,
    block_id: blockId,
    type: element.type,
    action_ts: `${Date.now() / 1000}`,
  };
  if (element.type === 'button') {
    return {
      ...base,
      text: element.text,
      value: element.value,
      ...(element.style ? { style: element.style } : {}),
    };
  }
  if (element.type === 'overflow' || element.type === 'static_select') {
    const option = optionOf(element, selected);
    return option ? { ...base, selected_option: option } : null;
  }
  return null;
}

export function blockActionsBody(input: {
  person: SlackPerson;
  triggerId: string;
  action: Json;
  /** A message click (with its conversation and response_url), or the App Home. */
  message?: { message: WorkspaceMessage; channel: SandboxChannel; responseUrl: string };
  home?: Json;
}): string {
  const payload: Json = {
    type: 'block_actions',
    user: user(input.person),
    api_app_id: SANDBOX_APP_ID,
    token: 'sandbox-verification-token-unused',
    team: { id: SANDBOX_TEAM.id, domain: SANDBOX_TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    trigger_id: input.triggerId,
    actions: [input.action],
  };
  if (input.message) {
    const { message, channel } = input.message;
    payload.container = {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel.id,
      is_ephemeral: message.ephemeral,
    };
    payload.channel = { id: channel.id, name: channel.kind === 'im' ? 'directmessage' : channel.name };
    payload.response_url = input.message.responseUrl;
    payload.state = { values: {} };
    // Slack does not echo an ephemeral message's content back.
    if (!message.ephemeral) {
      payload.message = {
        type: 'message',
        ts: message.ts,
        text: message.text,
        blocks: message.blocks,
        user: 'U0PATBOT',
      };
    }
  } else if (input.home) {
    payload.container = { type: 'view', view_id: String(input.home.id ?? 'VHOME') };
    payload.view = {
      ...input.home,
      id: String(input.home.id ?? 'VHOME'),
      type: 'home',
      team_id: SANDBOX_TEAM.id,
    };
  }
  return interactiveForm(payload);
}

/** `view.state.values` from what the person entered, typed by each input block's element. */
export function stateValues(view: Json, entered: Record<string, string>): Json {
  const values: Json = {};
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  for (const block of blocks) {
    if (block.type !== 'input' || !block.element) continue;
    const element = block.element as Json;
    const blockId = String(block.block_id);
    const raw = entered[blockId];
    const actionId = String(element.action_id);
    let value: Json;
    if (element.type === 'datepicker') value = { type: 'datepicker', selected_date: raw || null };
    else if (element.type === 'static_select')
      value = { type: 'static_select', selected_option: optionOf(element, raw) ?? null };
    else value = { type: String(element.type), value: raw ?? null };
    values[blockId] = { [actionId]: value };
  }
  return values;
}

export function viewSubmissionBody(input: {
  person: SlackPerson;
  triggerId: string;
  modal: WorkspaceModal;
  entered: Record<string, string>;
}): string {
  const view = input.modal.view;
  return interactiveForm({
    type: 'view_submission',
    team: { id: SANDBOX_TEAM.id, domain: SANDBOX_TEAM.domain },
    user: user(input.person),
    api_app_id: SANDBOX_APP_ID,
    token: 'sandbox-verification-token-unused',
    trigger_id: input.triggerId,
    enterprise: null,
    is_enterprise_install: false,
    view: {
      ...view,
      id: input.modal.viewId,
      team_id: SANDBOX_TEAM.id,
      app_id: SANDBOX_APP_ID,
      bot_id: 'B0PATBOT',
      root_view_id: input.modal.viewId,
      hash: `${Date.now()}.sandbox`,
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values: stateValues(view, input.entered) },
    },
    response_urls: [],
  });
}
