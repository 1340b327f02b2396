/** Block Kit and event types, re-exported from Bolt's `types` namespace under short names. */
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type ConfirmDialog = types.ConfirmationDialog;
export type AppHomeOpenedEvent = types.AppHomeOpenedEvent;

/** A message as blocks plus the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
