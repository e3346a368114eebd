// The SQLite adapter's front door: what the rest of the server and the contract tests may use of it.
export { createSqliteStore, createSqliteReader, type SqliteStoreOptions } from './sqlite-store.js';
export { createSqliteThreadStore } from './thread.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations.js';
