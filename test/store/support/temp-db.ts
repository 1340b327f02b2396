/** A fresh temp folder per test with helpers to open real SQLite stores in it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../../src/core/store';
import { openStore, type OpenStoreOptions } from '../../../src/store/open-store';

export interface TempDb {
  dir: string;
  file: string;
  url: string;
  /** Opens another Store on the same file (tracked and closed by `cleanup`). */
  open(options?: OpenStoreOptions): Promise<Store>;
  cleanup(): Promise<void>;
}

/** Creates a temp folder; call `cleanup()` in afterEach. */
export function tempDb(name = 'patbot.db'): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patbot-store-'));
  const file = path.join(dir, name);
  const opened: Store[] = [];
  return {
    dir,
    file,
    url: `sqlite:${file}`,
    async open(options = {}) {
      const store = await openStore(`sqlite:${file}`, options);
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Awaits `promise` and returns the rejection (failing when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
