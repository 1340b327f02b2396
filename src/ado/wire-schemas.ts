/** zod schemas for the Tokens API wire format (spec `PatToken`, `PatTokenResult`, `PagedPatTokens`). */
import { z } from 'zod';

/** ISO date-time; a missing offset is read as UTC (the service sometimes omits `Z`). */
const isoDateTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(toUtcIso(s))), 'not a date-time');

/** Adds `Z` to a date-time without an offset. */
export function toUtcIso(s: string): string {
  return /([zZ]|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`;
}

export const patTokenSchema = z.object({
  authorizationId: z.string().uuid(),
  displayName: z.string().nullable(),
  scope: z.string().nullable(),
  targetAccounts: z.array(z.string()).nullable(),
  validFrom: isoDateTime,
  validTo: isoDateTime,
  token: z.string().nullable().optional(),
});

export const patTokenResultSchema = z.object({
  patToken: patTokenSchema.nullable(),
  patTokenError: z.string(),
  patTokenErrorMessage: z.string().nullable().optional(),
});

export const pagedPatTokensSchema = z.object({
  continuationToken: z.string().nullable().optional(),
  patTokens: z.array(patTokenSchema),
});

export type WirePatToken = z.infer<typeof patTokenSchema>;
export type WirePatTokenResult = z.infer<typeof patTokenResultSchema>;
export type WirePagedPatTokens = z.infer<typeof pagedPatTokensSchema>;

/** Body of `POST …/tokens/pats` (spec `PatTokenCreateRequest`). */
export interface WirePatTokenCreateRequest {
  displayName: string;
  scope: string;
  validTo: string;
  allOrgs: boolean;
}

/** Body of `PUT …/tokens/pats` (spec `PatTokenUpdateRequest`): the id plus changed fields only. */
export interface WirePatTokenUpdateRequest {
  authorizationId: string;
  displayName?: string;
  scope?: string;
  validTo?: string;
  allOrgs?: boolean;
}
