/**
 * In-memory implementations of the Store ports identity uses (users, token cache, nonces,
 * audit), for identity tests that do not need the SQLite file. Values are kept exactly as written.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  AuditLog,
  EphemeralStore,
  EntraAccount,
  NonceStore,
  PlatformIdentity,
  TokenCacheStore,
  User,
  UserProfilePatch,
  UserStore,
} from '../../src/core/store';

function identityKey(i: PlatformIdentity): string {
  return i.platform === 'teams'
    ? `teams:${i.tenantId}:${i.aadObjectId}`
    : `slack:${i.teamId}:${i.slackUserId}`;
}

export class MemoryUsers implements UserStore {
  readonly users = new Map<string, User>();
  readonly byIdentity = new Map<string, string>();
  readonly identitiesOf = new Map<string, PlatformIdentity[]>();

  async upsertByIdentity(identity: PlatformIdentity, profile: UserProfilePatch = {}): Promise<User> {
    const existing = this.byIdentity.get(identityKey(identity));
    if (existing) return { ...this.users.get(existing)! };
    const now = new Date();
    const user: User = {
      id: randomUUID(),
      displayName: profile.displayName ?? null,
      timezone: profile.timezone ?? null,
      orgs: null,
      entraAccount: null,
      createdAt: now,
      updatedAt: now,
    };
    this.users.set(user.id, user);
    this.byIdentity.set(identityKey(identity), user.id);
    this.identitiesOf.set(user.id, [identity]);
    return { ...user };
  }
  async findByIdentity(identity: PlatformIdentity): Promise<User | null> {
    const id = this.byIdentity.get(identityKey(identity));
    return id ? { ...this.users.get(id)! } : null;
  }
  async get(userId: string): Promise<User | null> {
    const u = this.users.get(userId);
    return u ? { ...u } : null;
  }
  async identities(userId: string): Promise<PlatformIdentity[]> {
    return [...(this.identitiesOf.get(userId) ?? [])];
  }
  async updateProfile(): Promise<void> {}
  async setOrgs(): Promise<void> {}
  async setEntraAccount(userId: string, account: EntraAccount | null): Promise<void> {
    const u = this.users.get(userId);
    if (u) this.users.set(userId, { ...u, entraAccount: account, updatedAt: new Date() });
  }
  async listSignedIn(): Promise<User[]> {
    return [...this.users.values()].filter((u) => u.entraAccount);
  }
  async removeIdentity(): Promise<void> {}
}

export class MemoryTokenCache implements TokenCacheStore {
  readonly values = new Map<string, string>();
  readonly reads: string[] = [];
  readonly writes: string[] = [];
  async get(key: string): Promise<string | null> {
    this.reads.push(key);
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.writes.push(key);
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
  async replace(key: string, expected: string, value: string): Promise<boolean> {
    if (this.values.get(key) !== expected) return false;
    this.writes.push(key);
    this.values.set(key, value);
    return true;
  }
  async keys(afterKey: string | null, limit: number): Promise<string[]> {
    return [...this.values.keys()]
      .sort()
      .filter((k) => afterKey === null || k > afterKey)
      .slice(0, limit);
  }
}

export class MemoryNonces implements NonceStore {
  private readonly used = new Set<string>();
  async use(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    if (expiresAt <= now || this.used.has(nonce)) return false;
    this.used.add(nonce);
    return true;
  }
}

export class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
  async list(userId: string, limit: number): Promise<AuditEntry[]> {
    return this.entries.filter((e) => e.userId === userId).slice(-limit);
  }
}

/** Values with their expiry, exactly as the store ports define them. */
export class MemoryEphemeral implements EphemeralStore {
  readonly values = new Map<string, { value: string; expiresAt: number }>();
  async put(key: string, value: string, expiresAt: Date): Promise<void> {
    this.values.set(key, { value, expiresAt: expiresAt.getTime() });
  }
  async get(key: string, now: Date): Promise<string | null> {
    const entry = this.values.get(key);
    return entry && entry.expiresAt > now.getTime() ? entry.value : null;
  }
  async take(key: string, now: Date): Promise<string | null> {
    const value = await this.get(key, now);
    this.values.delete(key);
    return value;
  }
  async claim(key: string, value: string, expiresAt: Date, now: Date): Promise<boolean> {
    if (expiresAt <= now || (await this.get(key, now)) !== null) return false;
    this.values.set(key, { value, expiresAt: expiresAt.getTime() });
    return true;
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

export function memoryIdentityStore(): {
  users: MemoryUsers;
  tokenCache: MemoryTokenCache;
  nonces: MemoryNonces;
  audit: MemoryAudit;
  ephemeral: MemoryEphemeral;
} {
  return {
    users: new MemoryUsers(),
    tokenCache: new MemoryTokenCache(),
    nonces: new MemoryNonces(),
    audit: new MemoryAudit(),
    ephemeral: new MemoryEphemeral(),
  };
}
