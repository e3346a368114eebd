/**
 * The MongoDB store: opens the connection, checks the server and the schema, and composes the feature
 * adapters (one file each, beside this one). They get the models and a way to run a transaction,
 * never this store, so nothing here imports back.
 */
import mongoose from 'mongoose';
import { MONGO_SCHEMA_VERSION, SCHEMA_META_ID, buildModels, type Models } from '../../../models/index.js';
import type { Store, StoreLifecycle } from '../store.js';
import { invitationsAdapter, usersAdapter } from './accounts.js';
import { alliesAdapter } from './allies.js';
import { auditAdapter } from './audit.js';
import { boardAdapter } from './board.js';
import { callsAdapter } from './calls.js';
import { clusterStateAdapter } from './clusters.js';
import { ideasAdapter } from './ideas.js';
import { mailOutboxAdapter } from './mail-outbox.js';
import { notificationsAdapter } from './notifications.js';
import { organisationsAdapter } from './organisations.js';
import { partnershipsAdapter } from './partnerships.js';
import { personalDataAdapter } from './personal-data.js';
import { sessionsAdapter } from './sessions.js';
import type { RunInTransaction } from './transaction.js';
import { databaseNameOf, maskMongoUri } from './uri.js';

export interface MongoStoreOptions {
  /** A mongodb:// or mongodb+srv:// connection string (a replica set: see below). */
  uri: string;
  /** Overrides the database named in the URI (default: the URI's, else 'medestander'). */
  dbName?: string;
  /** How long `ping()` waits for the server before answering false. */
  pingTimeoutMs?: number;
}

/**
 * The store port over MongoDB, through the mongoose models in models/. Semantics mirror the SQLite
 * adapter (store/sqlite/, file for file), and test/contract runs the same suites against both.
 *
 * Transactions. acceptInvitation, upsertOrganisations, setUserActive, endorse, unendorse, introduce,
 * anonymiseUser and the notification writes change several documents all or nothing, with
 * `connection.transaction()` (the driver's `withTransaction`: it retries on transient errors such as a
 * write conflict between two concurrent transactions, and aborts on anything else). MongoDB allows
 * transactions only on a replica set or a sharded cluster; a standalone `mongod` refuses them
 * ("Transaction numbers are only allowed on a replica set member or mongos"), so every one of those
 * writes would fail there. `init()` therefore checks the server first and refuses to start on a
 * standalone server with a message saying so; a single-node replica set (`mongod --replSet rs0` and
 * `rs.initiate()` once) is enough. See docs/deployment.md.
 *
 * Optimistic writes (updateIdea, saveClusterState) filter on the stored version, so a concurrent
 * writer makes the update match nothing and we answer StoreVersionError with the version found.
 */
export function createMongoStore(options: MongoStoreOptions): Store {
  const { uri } = options;
  const dbName = databaseNameOf(uri, options.dbName);
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  const conn = mongoose.createConnection();
  const m = buildModels(conn);
  let opening: Promise<unknown> | null = null;
  const transaction: RunInTransaction = (fn) => conn.transaction(fn);

  const lifecycle: StoreLifecycle = {
    async init() {
      if (conn.readyState !== mongoose.ConnectionStates.connected) {
        opening ??= conn.openUri(uri, { dbName }).catch((err: unknown) => {
          opening = null;
          throw err;
        });
        await opening;
      }
      await requireReplicaSet(conn, uri);
      await prepareSchema(conn, m);
    },

    async ping() {
      const db = conn.db;
      if (conn.readyState !== mongoose.ConnectionStates.connected || !db) return false;
      try {
        await withTimeout(db.admin().ping(), pingTimeoutMs);
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      await conn.close();
    },

    // Several instances on MongoDB learn of each other's writes through Redis, not through the store.
    async outsideChangeMarker() {
      return null;
    },
  };

  return {
    ...lifecycle,
    ...organisationsAdapter(m, transaction),
    ...usersAdapter(m, transaction),
    ...invitationsAdapter(m, transaction),
    ...sessionsAdapter(m),
    ...ideasAdapter(m),
    ...alliesAdapter(m, transaction),
    ...notificationsAdapter(m, transaction),
    ...clusterStateAdapter(m),
    ...boardAdapter(m),
    ...auditAdapter(m),
    ...mailOutboxAdapter(m),
    ...personalDataAdapter(m, transaction),
    ...callsAdapter(m),
    ...partnershipsAdapter(m, transaction),
  };
}

/** Refuses a standalone server: the multi-document writes above need transactions. */
async function requireReplicaSet(conn: mongoose.Connection, uri: string): Promise<void> {
  const db = conn.db;
  if (!db) throw new Error('MongoDB store: not connected');
  const hello = await db.admin().command({ hello: 1 });
  if (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') return;
  throw new Error(
    `MongoDB at ${maskMongoUri(uri)} is a standalone server, but Medestander needs transactions, which MongoDB ` +
    'offers only on a replica set or a sharded cluster. A single-node replica set is enough: start mongod with ' +
    '--replSet rs0 and run rs.initiate() once (see docs/deployment.md).');
}

/**
 * Checks the layout version recorded in the database, then makes collections and indexes match
 * models/ (`syncIndexes` creates what is missing and drops indexes models/ no longer declares).
 */
async function prepareSchema(conn: mongoose.Connection, m: Models): Promise<void> {
  const meta = await m.Meta.findById(SCHEMA_META_ID).lean();
  if (meta && meta.version > MONGO_SCHEMA_VERSION) {
    throw new Error(`The database schema is at version ${meta.version}, newer than this version of Medestander ` +
      `knows (${MONGO_SCHEMA_VERSION}). Run a newer Medestander or restore a matching backup.`);
  }
  await conn.syncIndexes();
  await m.Meta.updateOne(
    { _id: SCHEMA_META_ID },
    { $max: { version: MONGO_SCHEMA_VERSION }, $set: { updatedAt: new Date().toISOString() } },
    { upsert: true },
  );
}

/** Rejects when `promise` takes longer than `ms`; the late answer (or error) is then ignored. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => {});
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
