/** Wire shapes of the audit log, Graph users, Token Admin and permission answers (zod). */
import { z } from 'zod';

const text = z.string().nullable().optional();

export const auditEntrySchema = z.object({
  id: z.string(),
  actionId: z.string(),
  timestamp: z.string(),
  actorUserId: text,
  actorUPN: text,
  actorDisplayName: text,
  authenticationMechanism: text,
  details: text,
  data: z.record(z.unknown()).nullable().optional(),
});

export const auditResultSchema = z.object({
  decoratedAuditLogEntries: z.array(auditEntrySchema),
  continuationToken: text,
  hasMore: z.boolean().optional(),
});

export const graphUsersSchema = z.object({
  value: z.array(
    z.object({
      descriptor: z.string(),
      principalName: text,
      displayName: text,
      originId: text,
      isDeletedInOrigin: z.boolean().nullable().optional(),
    }),
  ),
});

export const sessionTokensSchema = z.object({
  value: z.array(
    z.object({
      authorizationId: z.string(),
      displayName: text,
      validFrom: z.string(),
      validTo: z.string(),
      isValid: z.boolean().nullable().optional(),
      isPublic: z.boolean().nullable().optional(),
    }),
  ),
  continuationToken: text,
});

export const permissionsSchema = z.object({ value: z.array(z.boolean()) });

export type WireAuditEntry = z.infer<typeof auditEntrySchema>;
