/**
 * Typed JSON values with a time-to-live on the `EphemeralStore` port, under one key prefix:
 * what one instance remembers, any other instance can read (or take, once). A value that does
 * not parse (written by another version) reads as absent.
 */
import type { EphemeralStore } from './store';

export class SharedValues<T> {
  constructor(
    private readonly store: EphemeralStore,
    /** e.g. `slack-pending`; keys are `<prefix>:<id>`. */
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:${id}`;
  }

  /** Stores `value` for `ttlMs` (default: the one given to the constructor). */
  async put(id: string, value: T, ttlMs: number = this.ttlMs): Promise<void> {
    const now = this.now();
    await this.store.put(this.key(id), JSON.stringify(value), new Date(now.getTime() + ttlMs), now);
  }

  async get(id: string): Promise<T | null> {
    return parse<T>(await this.store.get(this.key(id), this.now()));
  }

  /** The value, removed: across all instances only one caller gets it. */
  async take(id: string): Promise<T | null> {
    return parse<T>(await this.store.take(this.key(id), this.now()));
  }

  async delete(id: string): Promise<void> {
    await this.store.delete(this.key(id));
  }
}

function parse<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
