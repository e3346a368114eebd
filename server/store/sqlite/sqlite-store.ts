import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  StoreConflictError,
  StoreVersionError,
  type Idea,
  type IdeaPatch,
  type IdeaQuery,
  type Invitation,
  type Organisation,
  type OrganisationKind,
  type Page,
  type Role,
  type SessionRecord,
  type Store,
  type User,
  type UserPatch,
} from '../store.js';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations.js';
import { toFtsQuery } from './fts-query.js';
import { alliesMethods } from './allies.js';
import { notificationBatchMethods } from './notification-batches.js';
import { cacheStatements } from './statement-cache.js';
import { boardMethods } from './board.js';
import { accountsAdminMethods } from './accounts-admin.js';
import { moderationMethods } from './moderation.js';
import { mailOutboxMethods, outsideChangeMarker } from './mail-outbox.js';
import { anonymiseUser } from './personal-data.js';

type Row = Record<string, unknown>;
type Db = Database.Database;

export interface SqliteStoreOptions {
  /** Path of the database file (its directory is created when missing), or ':memory:' for quick checks. */
  file: string;
}

/**
 * better-sqlite3 is synchronous; the methods are async only to honour the port. One connection per
 * process: statements run one after another, so a transaction is never interleaved with another
 * request's statements.
 */
export function createSqliteStore({ file }: SqliteStoreOptions): Store {
  if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), { recursive: true });
  const db: Db = new Database(file);
  db.pragma('journal_mode = WAL');
  // SPEC: an acknowledged write survives a crash. WAL + NORMAL already survives a *process* crash, but
  // a power loss or OS crash can drop the last commits. FULL fsyncs the WAL on every commit and closes
  // that gap too; writes here are people posting ideas and signing in, so the fsync costs nothing noticeable.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  cacheStatements(db);

  // Every organisation, sorted: read on most pages, written only by upsertOrganisations (this process is the only writer of the file).
  let organisations: Organisation[] | null = null;
  const store: Store = {
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

    async upsertOrganisations(orgs) {
      const insert = db.prepare(`
        INSERT INTO organisations (id, kind, country, code, name, province, arrondissement, created_at)
        VALUES (@id, @kind, @country, @code, @name, @province, @arrondissement, @createdAt)
        ON CONFLICT (country, kind, code) DO NOTHING`);
      const run = db.transaction((list: Organisation[]) => {
        let added = 0;
        for (const o of list) added += insert.run(o).changes;
        return added;
      });
      organisations = null;
      return conflictAs('organisation', () => run(orgs));
    },

    async getOrganisation(id) {
      const row = db.prepare('SELECT * FROM organisations WHERE id = ?').get(id) as Row | undefined;
      return row ? toOrganisation(row) : null;
    },

    async listOrganisations(filter = {}) {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.province !== undefined) { where.push('province = @province'); params.province = filter.province; }
      if (filter.kind !== undefined) { where.push('kind = @kind'); params.kind = filter.kind; }
      if (where.length === 0 && organisations) return organisations.map((o) => ({ ...o }));
      const sql = `SELECT * FROM organisations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const rows = db.prepare(sql).all(params) as Row[];
      const list = rows.map(toOrganisation).sort(byName);
      if (where.length === 0) organisations = list.map((o) => ({ ...o }));
      return list;
    },

    async createUser(user) {
      insertUser(db, user);
    },

    async getUser(id) {
      const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
      return row ? toUser(row) : null;
    },

    async getUserByEmail(email) {
      const row = db.prepare('SELECT * FROM users WHERE email_key = ?').get(emailKey(email)) as Row | undefined;
      return row ? toUser(row) : null;
    },

    async updateUser(id, patch, updatedAt) {
      const columns: Record<keyof UserPatch, string> = {
        name: 'name', phone: 'phone', passwordHash: 'password_hash', locale: 'locale', active: 'active',
      };
      const sets = ['updated_at = @updatedAt'];
      const params: Record<string, unknown> = { id, updatedAt };
      for (const key of Object.keys(columns) as (keyof UserPatch)[]) {
        const value = patch[key];
        if (value === undefined) continue;
        sets.push(`${columns[key]} = @${key}`);
        params[key] = typeof value === 'boolean' ? Number(value) : value;
      }
      const changes = db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run(params).changes;
      return changes === 0 ? null : store.getUser(id);
    },

    async countUsers(filter = {}) {
      const row = filter.role === undefined
        ? db.prepare('SELECT count(*) AS n FROM users').get()
        : db.prepare('SELECT count(*) AS n FROM users WHERE role = ?').get(filter.role);
      return Number((row as Row).n);
    },

    async createInvitation(inv) {
      conflictAs('invitation', () => db.prepare(`
        INSERT INTO invitations (id, token_hash, email, name, role, organisation_id, invited_by,
                                 created_at, expires_at, used_at, revoked_at)
        VALUES (@id, @tokenHash, @email, @name, @role, @organisationId, @invitedBy,
                @createdAt, @expiresAt, @usedAt, @revokedAt)`).run(inv));
    },

    async getInvitationByTokenHash(tokenHash) {
      const row = db.prepare('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as Row | undefined;
      return row ? toInvitation(row) : null;
    },

    async listInvitations() {
      const rows = db.prepare('SELECT * FROM invitations ORDER BY created_at DESC, id DESC').all() as Row[];
      return rows.map(toInvitation);
    },

    async acceptInvitation(invitationId, user, now) {
      const at = Date.parse(now);
      const accept = db.transaction(() => {
        const row = db.prepare('SELECT * FROM invitations WHERE id = ?').get(invitationId) as Row | undefined;
        if (!row) return false;
        const inv = toInvitation(row);
        if (inv.usedAt !== null || inv.revokedAt !== null || Date.parse(inv.expiresAt) <= at) return false;
        insertUser(db, user); // throws StoreConflictError: the transaction rolls back
        db.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, invitationId);
        return true;
      });
      return accept.immediate();
    },

    async getSession(sid, now) {
      const row = db.prepare('SELECT * FROM sessions WHERE sid = ? AND expires_at > ?')
        .get(sid, isoUtc(now)) as Row | undefined;
      return row ? toSession(row) : null;
    },

    async setSession(session) {
      db.prepare(`
        INSERT INTO sessions (sid, user_id, data, expires_at) VALUES (@sid, @userId, @data, @expiresAt)
        ON CONFLICT (sid) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
                                        expires_at = excluded.expires_at`).run(session);
    },

    async destroySession(sid) {
      db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
    },

    async destroyUserSessions(userId) {
      return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
    },

    async purgeExpiredSessions(now) {
      return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(isoUtc(now)).changes;
    },

    async createIdea(idea) {
      conflictAs('idea', () => db.prepare(`
        INSERT INTO ideas (id, organisation_id, author_id, title, description, theme, tags,
                           contact_name, contact_email, contact_phone, status, language, hidden,
                           version, created_at, updated_at)
        VALUES (@id, @organisationId, @authorId, @title, @description, @theme, @tags,
                @contactName, @contactEmail, @contactPhone, @status, @language, @hidden,
                @version, @createdAt, @updatedAt)`).run(ideaParams(idea)));
    },

    async getIdea(id) {
      return getIdea(db, id);
    },

    async updateIdea(id, patch, expectedVersion, updatedAt) {
      const update = db.transaction(() => {
        const current = getIdea(db, id);
        if (!current) return null;
        if (current.version !== expectedVersion) throw new StoreVersionError(current.version);
        const next: Idea = { ...current, ...definedOnly(patch), version: current.version + 1, updatedAt };
        db.prepare(`
          UPDATE ideas SET title = @title, description = @description, theme = @theme, tags = @tags,
                 contact_name = @contactName, contact_email = @contactEmail, contact_phone = @contactPhone,
                 status = @status, language = @language, hidden = @hidden, version = @version,
                 updated_at = @updatedAt
          WHERE id = @id AND version = @expectedVersion`).run({ ...ideaParams(next), expectedVersion });
        return next;
      });
      return update.immediate();
    },

    async listIdeas(query) {
      return listIdeas(db, query);
    },

    async allOpenIdeas() {
      const rows = db.prepare(`SELECT * FROM ideas WHERE status = 'open' AND hidden = 0
                               ORDER BY created_at DESC, id DESC`).all() as Row[];
      return rows.map(toIdea);
    },

    ...alliesMethods(db),
    ...notificationBatchMethods(db),
    ...boardMethods(db),
    ...accountsAdminMethods(db, { toUser, toInvitation }),
    ...moderationMethods(db),
    ...mailOutboxMethods(db),
    outsideChangeMarker: outsideChangeMarker(db),
    anonymiseUser: anonymiseUser(db),
  };
  return store;
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

/**
 * Totals of the idea list, kept while the file is unchanged: counting 10,000 open ideas took most of
 * a list page's time (1.2–2.8 ms), and a list is read far more often than ideas change. The key is
 * this connection's `total_changes()` (any write here) with `PRAGMA data_version` (a commit by another
 * process on the same file, such as `seed:demo`), read inside the list's transaction.
 */
const countCaches = new WeakMap<Db, { version: string; counts: Map<string, number> }>();
function countsFor(db: Db): Map<string, number> {
  const version = `${db.prepare('PRAGMA data_version').pluck().get()}:${db.prepare('SELECT total_changes()').pluck().get()}`;
  let cache = countCaches.get(db);
  if (!cache || cache.version !== version) { cache = { version, counts: new Map() }; countCaches.set(db, cache); }
  return cache.counts;
}

function listIdeas(db: Db, query: IdeaQuery): Page<Idea> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  let from = 'ideas i';
  if (query.q !== undefined) {
    const match = toFtsQuery(query.q);
    if (match !== null) {
      from += ' JOIN ideas_fts f ON f.rowid = i.seq';
      where.push('ideas_fts MATCH @match');
      params.match = match;
    }
  }
  if (query.province !== undefined) {
    from += ' JOIN organisations o ON o.id = i.organisation_id';
    where.push('o.province = @province');
    params.province = query.province;
  }
  if (query.theme !== undefined) { where.push('i.theme = @theme'); params.theme = query.theme; }
  if (query.organisationId !== undefined) { where.push('i.organisation_id = @organisationId'); params.organisationId = query.organisationId; }
  if (query.status !== undefined) { where.push('i.status = @status'); params.status = query.status; }
  if (!query.includeHidden) where.push('i.hidden = 0');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset));
  // One read transaction: the page and the total come from the same snapshot.
  return db.transaction(() => {
    const countSql = `SELECT count(*) AS n FROM ${from} ${whereSql}`;
    const counts = countsFor(db);
    const countKey = `${countSql}\u0000${JSON.stringify(params)}`;
    let total = counts.get(countKey);
    if (total === undefined) {
      total = Number((db.prepare(countSql).get(params) as Row).n);
      if (counts.size >= 200) counts.clear();
      counts.set(countKey, total);
    }
    const rows = db.prepare(`SELECT i.* FROM ${from} ${whereSql}
                             ORDER BY i.created_at DESC, i.id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as Row[];
    return { items: rows.map(toIdea), total };
  })();
}

function insertUser(db: Db, user: User): void {
  try {
    db.prepare(`
      INSERT INTO users (id, email, email_key, name, phone, password_hash, role, organisation_id,
                         locale, active, created_at, updated_at)
      VALUES (@id, @email, @emailKey, @name, @phone, @passwordHash, @role, @organisationId,
              @locale, @active, @createdAt, @updatedAt)`)
      .run({ ...user, emailKey: emailKey(user.email), active: Number(user.active) });
  } catch (err) {
    if (isUniqueViolation(err) && String((err as Error).message).includes('email_key')) {
      throw new StoreConflictError('email');
    }
    throw err;
  }
}

function getIdea(db: Db, id: string): Idea | null {
  const row = db.prepare('SELECT * FROM ideas WHERE id = ?').get(id) as Row | undefined;
  return row ? toIdea(row) : null;
}

function conflictAs<T>(what: StoreConflictError['what'], fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(what);
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const emailKey = (email: string): string => email.trim().toLowerCase();
const isoUtc = (when: string): string => new Date(when).toISOString();
const collator = new Intl.Collator('nl', { sensitivity: 'base' });
const byName = (a: Organisation, b: Organisation): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const PATCHABLE: readonly (keyof IdeaPatch)[] =
  ['title', 'description', 'theme', 'tags', 'contact', 'status', 'language', 'hidden'];

/** Only the patchable fields, and only those given: a stray `id` or `version` in a patch is ignored. */
function definedOnly(patch: IdeaPatch): IdeaPatch {
  return Object.fromEntries(PATCHABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]])) as IdeaPatch;
}

function ideaParams(idea: Idea): Record<string, unknown> {
  return {
    id: idea.id, organisationId: idea.organisationId, authorId: idea.authorId,
    title: idea.title, description: idea.description, theme: idea.theme,
    tags: JSON.stringify(idea.tags),
    contactName: idea.contact.name, contactEmail: idea.contact.email, contactPhone: idea.contact.phone,
    status: idea.status, language: idea.language, hidden: Number(idea.hidden),
    version: idea.version, createdAt: idea.createdAt, updatedAt: idea.updatedAt,
  };
}

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toOrganisation(r: Row): Organisation {
  return {
    id: str(r.id), kind: str(r.kind) as OrganisationKind, country: str(r.country), code: str(r.code),
    name: str(r.name), province: strOrNull(r.province), arrondissement: strOrNull(r.arrondissement),
    createdAt: str(r.created_at),
  };
}

function toUser(r: Row): User {
  return {
    id: str(r.id), email: str(r.email), name: str(r.name), phone: strOrNull(r.phone),
    passwordHash: strOrNull(r.password_hash), role: str(r.role) as Role,
    organisationId: strOrNull(r.organisation_id), locale: str(r.locale) as User['locale'],
    active: r.active === 1, createdAt: str(r.created_at), updatedAt: str(r.updated_at),
  };
}

function toInvitation(r: Row): Invitation {
  return {
    id: str(r.id), tokenHash: str(r.token_hash), email: str(r.email), name: str(r.name),
    role: str(r.role) as Role, organisationId: strOrNull(r.organisation_id),
    invitedBy: strOrNull(r.invited_by), createdAt: str(r.created_at), expiresAt: str(r.expires_at),
    usedAt: strOrNull(r.used_at), revokedAt: strOrNull(r.revoked_at),
  };
}

function toSession(r: Row): SessionRecord {
  return { sid: str(r.sid), userId: strOrNull(r.user_id), data: str(r.data), expiresAt: str(r.expires_at) };
}

function toIdea(r: Row): Idea {
  return {
    id: str(r.id), organisationId: str(r.organisation_id), authorId: str(r.author_id),
    title: str(r.title), description: str(r.description), theme: str(r.theme) as Idea['theme'],
    tags: JSON.parse(str(r.tags)) as string[],
    contact: { name: str(r.contact_name), email: str(r.contact_email), phone: strOrNull(r.contact_phone) },
    status: str(r.status) as Idea['status'], language: str(r.language) as Idea['language'],
    hidden: r.hidden === 1, version: Number(r.version),
    createdAt: str(r.created_at), updatedAt: str(r.updated_at),
  };
}
