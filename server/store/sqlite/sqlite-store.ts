/**
 * The embedded default store: one SQLite file, opened and migrated here, and the feature adapters
 * (one file each, beside this one) composed into the whole port on the same connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store, StoreLifecycle } from '../store.js';
import { invitationsAdapter, usersAdapter } from './accounts.js';
import { alliesAdapter } from './allies.js';
import { auditAdapter } from './audit.js';
import { boardAdapter } from './board.js';
import { callsAdapter } from './calls.js';
import { checkInsAdapter } from './check-ins.js';
import { clusterStateAdapter } from './clusters.js';
import { ideasAdapter } from './ideas.js';
import { mailOutboxAdapter } from './mail-outbox.js';
import type { Db, Row } from './mapping.js';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations.js';
import { notificationsAdapter } from './notifications.js';
import { organisationsAdapter } from './organisations.js';
import { partnershipsAdapter } from './partnerships.js';
import { personalDataAdapter } from './personal-data.js';
import { projectsAdapter } from './projects.js';
import { sessionsAdapter } from './sessions.js';
import { cacheStatements } from './statement-cache.js';

export interface SqliteStoreOptions {
  /** Path of the database file (its directory is created when missing), or ':memory:' for quick checks. */
  file: string;
  /**
   * false: commits do not wait for the disk (`synchronous = OFF`), for a script that fills a store it
   * would throw away after a crash (bench-startup's 100k ideas: 10 minutes with an fsync per idea).
   * Never for the app, whose acknowledged writes must survive a crash. Default true.
   */
  durable?: boolean;
}

/**
 * better-sqlite3 is synchronous; the methods are async only to honour the port. One writing connection
 * per process: statements run one after another, so a transaction is never interleaved with another
 * request's statements. The app opens it in a thread of its own and reads through a second, read-only
 * connection (thread.ts, createSqliteReader below); scripts and tests may use it directly.
 */
export function createSqliteStore({ file, durable = true }: SqliteStoreOptions): Store {
  if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), { recursive: true });
  const db: Db = new Database(file);
  db.pragma('journal_mode = WAL');
  // SPEC: an acknowledged write survives a crash. WAL + NORMAL already survives a *process* crash, but
  // a power loss or OS crash can drop the last commits. FULL fsyncs the WAL on every commit and closes
  // that gap too. In the app the fsync is paid in the store's own thread (thread.ts), not on the main thread.
  db.pragma(durable ? 'synchronous = FULL' : 'synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  cacheStatements(db);

  const lifecycle: StoreLifecycle = {
    async init() {
      migrate(db);
    },

    async ping() {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },

    async close() {
      if (db.open) db.close();
    },

    // data_version changes exactly when another connection (another process) committed to the file.
    async outsideChangeMarker() {
      return String(db.pragma('data_version', { simple: true }));
    },
  };

  return { ...lifecycle, ...adapters(db) };
}

/**
 * A second, read-only connection to a file another connection has opened (and migrated): the feature
 * adapters over it, for the reads of sqlite/thread.ts. Any write through it fails with SQLITE_READONLY;
 * `reader.db` runs a read in one transaction, so its statements see one state of the file.
 */
export function createSqliteReader(file: string): { db: Db; store: Omit<Store, keyof StoreLifecycle> } {
  const db: Db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  cacheStatements(db);
  return { db, store: adapters(db) };
}

function adapters(db: Db): Omit<Store, keyof StoreLifecycle> {
  return {
    ...organisationsAdapter(db),
    ...usersAdapter(db),
    ...invitationsAdapter(db),
    ...sessionsAdapter(db),
    ...ideasAdapter(db),
    ...alliesAdapter(db),
    ...notificationsAdapter(db),
    ...clusterStateAdapter(db),
    ...boardAdapter(db),
    ...auditAdapter(db),
    ...mailOutboxAdapter(db),
    ...personalDataAdapter(db),
    ...callsAdapter(db),
    ...partnershipsAdapter(db),
    ...projectsAdapter(db),
    ...checkInsAdapter(db),
  };
}

function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = (): number =>
    Number((db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as Row).v);
  const found = current();
  if (found > LATEST_SCHEMA_VERSION) {
    throw new Error(`The database schema is at version ${found}, newer than this version of Medestander ` +
      `knows (${LATEST_SCHEMA_VERSION}). Run a newer Medestander or restore a matching backup.`);
  }
  for (const m of MIGRATIONS) {
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    db.transaction(() => {
      if (current() >= m.version) return;
      db.exec(m.up);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
}
