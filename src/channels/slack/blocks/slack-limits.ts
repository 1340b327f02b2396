/**
 * Slack's Block Kit limits, checked on a built message so builders can guarantee a reply fits
 * (rather than trusting a row count): at most 50 blocks in a message (100 in a Home tab), 3,000
 * characters per section or context text, 75 per button label, 2,000 per button value, 255 per
 * `action_id` / `block_id`, 40,000 for the notification text. Pure.
 */
import type { Block } from '../slack-types';

export const SLACK_LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  text: 3000,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  fallbackText: 40_000,
} as const;

type Node = Record<string, unknown>;

function textOf(node: unknown): string | null {
  return node && typeof node === 'object' && typeof (node as Node).text === 'string'
    ? ((node as Node).text as string)
    : null;
}

function elementProblems(el: Node, where: string): string[] {
  const out: string[] = [];
  if (el.type === 'button') {
    const label = textOf(el.text) ?? '';
    if (label.length > SLACK_LIMITS.buttonText) out.push(`${where}: button text ${label.length} chars`);
    if (typeof el.value === 'string' && el.value.length > SLACK_LIMITS.buttonValue)
      out.push(`${where}: button value ${el.value.length} chars`);
  }
  if (typeof el.action_id === 'string' && el.action_id.length > SLACK_LIMITS.id)
    out.push(`${where}: action_id ${el.action_id.length} chars`);
  const t = textOf(el);
  if (t !== null && t.length > SLACK_LIMITS.text) out.push(`${where}: text ${t.length} chars`);
  return out;
}

function blockProblems(block: Node, i: number): string[] {
  const where = `block ${i} (${String(block.type)})`;
  const out: string[] = [];
  if (typeof block.block_id === 'string' && block.block_id.length > SLACK_LIMITS.id)
    out.push(`${where}: block_id ${block.block_id.length} chars`);
  const t = textOf(block.text);
  if (t !== null && t.length > SLACK_LIMITS.text) out.push(`${where}: text ${t.length} chars`);
  const children = [
    ...(Array.isArray(block.elements) ? block.elements : []),
    ...(Array.isArray(block.fields) ? block.fields : []),
    ...(block.accessory ? [block.accessory] : []),
  ] as Node[];
  for (const el of children) out.push(...elementProblems(el, where));
  return out;
}

/** Every limit a message (or Home view, with `maxBlocks: 100`) breaks; empty when it fits. */
export function slackLimitProblems(
  message: { text?: string; blocks: readonly Block[] },
  maxBlocks: number = SLACK_LIMITS.messageBlocks,
): string[] {
  const out: string[] = [];
  if (message.blocks.length > maxBlocks) out.push(`${message.blocks.length} blocks (max ${maxBlocks})`);
  if (message.text !== undefined && message.text.length > SLACK_LIMITS.fallbackText)
    out.push(`fallback text ${message.text.length} chars`);
  message.blocks.forEach((b, i) => out.push(...blockProblems(b as unknown as Node, i)));
  return out;
}

/** Whether a message fits Slack's limits. */
export function fitsSlack(message: { text?: string; blocks: readonly Block[] }, maxBlocks?: number): boolean {
  return slackLimitProblems(message, maxBlocks).length === 0;
}
