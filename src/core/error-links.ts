/**
 * The one button an error offers, when the next step happens in Azure DevOps rather than in chat
 * (docs/ux.md: "let them act in one click"): e.g. an expired PAT, which must be replaced there.
 */
import type { CodedError, ErrorCode } from '../errors';
import { tokensPageUrl } from './messages';

export interface ErrorLink {
  title: string;
  url: string;
}

export const TOKENS_PAGE_BUTTON = 'Open Personal access tokens';

const TOKENS_PAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ado.pat_expired_cannot_extend',
  'ado.pat_policy_global',
]);

/** The link button for an error, or undefined when the next step is a chat command. */
export function errorLink(error: CodedError): ErrorLink | undefined {
  const org = error.details.org;
  if (!TOKENS_PAGE_CODES.has(error.code) || typeof org !== 'string' || org === '') return undefined;
  return { title: TOKENS_PAGE_BUTTON, url: tokensPageUrl(org) };
}
