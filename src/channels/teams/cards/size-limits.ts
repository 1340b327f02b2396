/**
 * Teams refuses a message over about 28 KB, counted on the whole activity (card included). Cards
 * that grow with data (the PAT list) are built to a byte budget that leaves room for the activity
 * around the card: ids, names, the conversation, the summary, the attachment wrapper.
 */
import type { AdaptiveCard } from './card-types';

/** The Teams message limit, in bytes of serialized activity JSON. */
export const TEAMS_MESSAGE_MAX_BYTES = 28 * 1024;

/** Kept for the activity around the card (botbuilder's envelope with long Teams ids, the summary). */
export const ACTIVITY_ENVELOPE_BYTES = 3 * 1024;

/** The most a growing card may weigh so the activity that carries it fits. */
export const CARD_MAX_BYTES = TEAMS_MESSAGE_MAX_BYTES - ACTIVITY_ENVELOPE_BYTES;

/** Bytes of a JSON value as sent (UTF-8). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export function cardBytes(card: AdaptiveCard): number {
  return jsonBytes(card);
}
