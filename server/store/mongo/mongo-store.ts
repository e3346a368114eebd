import mongoose from 'mongoose';
import { anonymiseUser, mailOutboxMethods, outsideChangeMarker } from './mail-outbox.js';
import { MONGO_SCHEMA_VERSION, SCHEMA_META_ID, buildModels, type IdeaDoc, type Models } from '../../../models/index.js';
import {
  StoreConflictError,
  StoreVersionError,
  type Idea,
  type IdeaPatch,
  type IdeaQuery,
  type Organisation,
  type Page,
  type Store,
  type User,
  type UserPatch,
} from '../store.js';
import { alliesMethods } from './allies.js';
import { notificationBatchMethods } from './notification-batches.js';
import { boardMethods } from './board.js';
import { accountsAdminMethods } from './accounts-admin.js';
import { moderationMethods } from './moderation.js';
import { conflictAs, duplicateKeyMentions, isDuplicateKey } from './conflicts.js';
import {
  emailKey,
  ideaDoc,
  invitationDoc,
  isoUtc,
  organisationDoc,
  sessionFields,
  toIdea,
  toInvitation,
  toOrganisation,
  toSession,
  toUser,
  userDoc,
} from './mapping.js';
import { searchPatterns } from './search.js';
import { databaseNameOf, maskMongoUri } from './uri.js';

export interface MongoStoreOptions {
  /** A mongodb:// or mongodb+srv:// connection string (a replica set: see below). */
  uri: string;
  /** Overrides the database named in the URI (default: the URI's, else 'medestander'). */
  dbName?: string;
  /** How long `ping()` waits for the server before answering false. */
  pingTimeoutMs?: number;
}

export type Session = mongoose.mongo.ClientSession;
/** Runs `fn` in one MongoDB transaction: all of its writes, or none. */
export type RunInTransaction = <T>(fn: (session: Session) => Promise<T>) => Promise<T>;

const IDEA_FIELDS = { searchText: 0 } as const;

/**
 * Key lookups wrap the value in `$eq`: the port promises strings, but were an object such as
 * `{ $ne: null }` ever to slip through from a request, a bare filter value would act as an operator
 * (and match any document); under `$eq` mongoose casts it to String and refuses it.
 */
const eq = (value: string) => ({ $eq: value });
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

/**
 * The store port over MongoDB, through the mongoose models in models/. Semantics mirror the SQLite
 * adapter (sqlite-store.ts, allies.ts), and test/contract runs the same suite against both.
 *
 * Transactions. acceptInvitation, upsertOrganisations, createNotifications, queueDigestItems,
 * deliverDigest, endorse and unendorse write several documents all or nothing, with
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

  const insertUser = async (user: User, session?: Session): Promise<void> => {
    try {
      await m.User.insertMany([userDoc(user)], session ? { session } : {});
    } catch (err) {
      // Like SQLite: a taken e-mail is a conflict; a reused id is a bug, reported as it is.
      if (isDuplicateKey(err) && duplicateKeyMentions(err, 'emailKey')) throw new StoreConflictError('email');
      throw err;
    }
  };

  const getIdea = async (id: string): Promise<Idea | null> => {
    const d = await m.Idea.findOne({ _id: eq(id) }, IDEA_FIELDS).lean<IdeaDoc>();
    return d ? toIdea(d) : null;
  };

  const store: Store = {
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

    async upsertOrganisations(orgs) {
      if (orgs.length === 0) return 0;
      return conflictAs('organisation', () => transaction(async (session) => {
        const existing = await m.Organisation
          .find({ $or: orgs.map((o) => ({ country: o.country, kind: o.kind, code: o.code })) }, { country: 1, kind: 1, code: 1 })
          .session(session).lean<Organisation[]>();
        const seen = new Set(existing.map(naturalKey));
        const fresh: Organisation[] = [];
        for (const o of orgs) {
          if (seen.has(naturalKey(o))) continue; // like ON CONFLICT DO NOTHING, also within one batch
          seen.add(naturalKey(o));
          fresh.push(o);
        }
        if (fresh.length > 0) await m.Organisation.insertMany(fresh.map(organisationDoc), { session });
        return fresh.length;
      }));
    },

    async getOrganisation(id) {
      const d = await m.Organisation.findOne({ _id: eq(id) }).lean();
      return d ? toOrganisation(d) : null;
    },

    async listOrganisations(filter = {}) {
      const query: Record<string, string> = {};
      if (filter.province !== undefined) query.province = filter.province;
      if (filter.kind !== undefined) query.kind = filter.kind;
      const docs = await m.Organisation.find(query).lean();
      return docs.map(toOrganisation).sort(byName);
    },

    async createUser(user) {
      await insertUser(user);
    },

    async getUser(id) {
      const d = await m.User.findOne({ _id: eq(id) }).lean();
      return d ? toUser(d) : null;
    },

    async getUserByEmail(email) {
      const d = await m.User.findOne({ emailKey: emailKey(email) }).lean();
      return d ? toUser(d) : null;
    },

    async updateUser(id, patch, updatedAt) {
      const $set: Record<string, unknown> = { updatedAt };
      for (const key of USER_PATCHABLE) if (patch[key] !== undefined) $set[key] = patch[key];
      const d = await m.User.findOneAndUpdate({ _id: eq(id) }, { $set }, { returnDocument: 'after', runValidators: true }).lean();
      return d ? toUser(d) : null;
    },

    async countUsers(filter = {}) {
      return m.User.countDocuments(filter.role === undefined ? {} : { role: filter.role });
    },

    async createInvitation(inv) {
      await conflictAs('invitation', () => m.Invitation.insertMany([invitationDoc(inv)]));
    },

    async getInvitationByTokenHash(tokenHash) {
      const d = await m.Invitation.findOne({ tokenHash: eq(tokenHash) }).lean();
      return d ? toInvitation(d) : null;
    },

    async listInvitations() {
      const docs = await m.Invitation.find({}).sort(NEWEST_FIRST).lean();
      return docs.map(toInvitation);
    },

    async acceptInvitation(invitationId, user, now) {
      const at = Date.parse(now);
      return transaction(async (session) => {
        const inv = await m.Invitation.findOne({ _id: eq(invitationId) }).session(session).lean();
        if (!inv) return false;
        if (inv.usedAt != null || inv.revokedAt != null || Date.parse(inv.expiresAt) <= at) return false;
        // Mark it used first: a second, concurrent accept then hits a write conflict on this document,
        // is retried by withTransaction, and finds it used.
        const marked = await m.Invitation.updateOne({ _id: invitationId, usedAt: null }, { $set: { usedAt: now } }, { session });
        if (marked.modifiedCount !== 1) return false;
        await insertUser(user, session); // StoreConflictError aborts the transaction: the invitation stays unused
        return true;
      });
    },

    async getSession(sid, now) {
      const d = await m.Session.findOne({ _id: eq(sid), expiresAt: { $gt: isoUtc(now) } }).lean();
      return d ? toSession(d) : null;
    },

    async setSession(session) {
      await m.Session.updateOne({ _id: session.sid }, { $set: sessionFields(session) }, { upsert: true });
    },

    async destroySession(sid) {
      await m.Session.deleteOne({ _id: eq(sid) });
    },

    async destroyUserSessions(userId) {
      return (await m.Session.deleteMany({ userId: eq(userId) })).deletedCount;
    },

    async purgeExpiredSessions(now) {
      return (await m.Session.deleteMany({ expiresAt: { $lte: isoUtc(now) } })).deletedCount;
    },

    async createIdea(idea) {
      await conflictAs('idea', () => m.Idea.insertMany([ideaDoc(idea)]));
    },

    getIdea,

    async updateIdea(id, patch, expectedVersion, updatedAt) {
      const current = await getIdea(id);
      if (!current) return null;
      if (current.version !== expectedVersion) throw new StoreVersionError(current.version);
      const next: Idea = { ...current, ...definedOnly(patch), version: current.version + 1, updatedAt };
      const { _id, ...fields } = ideaDoc(next);
      const result = await m.Idea.updateOne({ _id, version: expectedVersion }, { $set: fields }, { runValidators: true });
      if (result.matchedCount === 1) return next;
      const now = await getIdea(id); // someone else wrote between our read and our write
      if (!now) return null;
      throw new StoreVersionError(now.version);
    },

    async listIdeas(query) {
      return listIdeas(m, query);
    },

    async allOpenIdeas() {
      const docs = await m.Idea.find({ status: 'open', hidden: false }, IDEA_FIELDS).sort(NEWEST_FIRST).lean<IdeaDoc[]>();
      return docs.map(toIdea);
    },

    ...alliesMethods(m, transaction),
    ...notificationBatchMethods(m, transaction),
    ...boardMethods(m),
    ...accountsAdminMethods(m, transaction),
    ...moderationMethods(m, transaction),
    ...mailOutboxMethods(m),
    outsideChangeMarker,
    anonymiseUser: anonymiseUser(m, transaction),
  };
  return store;
}

async function listIdeas(m: Models, query: IdeaQuery): Promise<Page<Idea>> {
  const and: Record<string, unknown>[] = [];
  const patterns = query.q === undefined ? null : searchPatterns(query.q);
  for (const pattern of patterns ?? []) and.push({ searchText: { $regex: pattern } });
  if (query.province !== undefined) {
    // No joins in a find: the organisations of that province first, then their ideas.
    const orgIds = await m.Organisation.find({ province: query.province }).distinct('_id');
    and.push({ organisationId: { $in: orgIds } });
  }
  if (query.theme !== undefined) and.push({ theme: query.theme });
  if (query.organisationId !== undefined) and.push({ organisationId: query.organisationId });
  if (query.status !== undefined) and.push({ status: query.status });
  if (!query.includeHidden) and.push({ hidden: false });
  const filter = and.length > 0 ? { $and: and } : {};
  const limit = Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset));
  // Two reads, not one snapshot as in SQLite: a write landing between them can make `total` differ
  // from the page by that one idea, which a list page tolerates.
  const [total, docs] = await Promise.all([
    m.Idea.countDocuments(filter),
    limit === 0 // limit(0) means "no limit" to MongoDB
      ? Promise.resolve([] as IdeaDoc[])
      : m.Idea.find(filter, IDEA_FIELDS).sort(NEWEST_FIRST).skip(offset).limit(limit).lean<IdeaDoc[]>(),
  ]);
  return { items: docs.map(toIdea), total };
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

const naturalKey = (o: Pick<Organisation, 'country' | 'kind' | 'code'>): string => `${o.country}\u0000${o.kind}\u0000${o.code}`;

const collator = new Intl.Collator('nl', { sensitivity: 'base' });
const byName = (a: Organisation, b: Organisation): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const USER_PATCHABLE: readonly (keyof UserPatch)[] = ['name', 'phone', 'passwordHash', 'locale', 'active'];
const IDEA_PATCHABLE: readonly (keyof IdeaPatch)[] = ['title', 'description', 'theme', 'tags', 'contact', 'status', 'language', 'hidden'];

/** Only the patchable fields, and only those given: a stray `id` or `version` in a patch is ignored. */
function definedOnly(patch: IdeaPatch): IdeaPatch {
  return Object.fromEntries(IDEA_PATCHABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]])) as IdeaPatch;
}
