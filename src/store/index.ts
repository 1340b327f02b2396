/** The store adapter: `openStore(DATABASE_URL)` gives the core its `Store`. */
export { openStore, type OpenStoreOptions } from './open-store';
export { parseDatabaseUrl, type DatabaseTarget } from './database-url';
export { LATEST_SCHEMA_VERSION } from './migrations';
