import type Database from 'better-sqlite3';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  MAIL_KIND_OF,
  MAIL_KINDS,
  StoreConflictError,
  StoreVersionError,
  orderedPair,
  type ClusterState,
  type Connection,
  type DigestItem,
  type Endorsement,
  type Notification,
  type NotificationSettings,
  type User,
  type AlliesMethods,
} from '../store.js';

type Row = Record<string, unknown>;
type Db = Database.Database;


/**
 * Inserts notifications (inside the caller's transaction), and for each one of a kind that may be
 * mailed its row in the mail outbox: the mail is owed exactly when the notification exists.
 */
export const notificationInserter = (db: Db) => (list: Notification[]): void => {
  const insert = db.prepare(`INSERT INTO notifications (id, user_id, kind, params, link, created_at, read_at, group_key)
                             VALUES (@id, @userId, @kind, @params, @link, @createdAt, @readAt, @groupKey)`);
  const owe = db.prepare(`INSERT INTO mail_outbox (id, user_id, kind, params, link, state, attempts, next_attempt_at, created_at)
                          VALUES (@id, @userId, @kind, @params, @link, 'pending', 0, @createdAt, @createdAt)`);
  for (const n of list) {
    const row = { ...n, params: JSON.stringify(n.params), groupKey: n.groupKey ?? null };
    insert.run(row);
    if (MAIL_KIND_OF[n.kind]) owe.run(row);
  }
};

/**
 * The SQLite side of endorsements, connections, notifications and cluster state (schema: migration 2).
 * Every multi-row write runs in one IMMEDIATE transaction, so a failure anywhere writes nothing.
 */
export function alliesMethods(db: Db): AlliesMethods {
  const insertNotifications = notificationInserter(db);
  const insertEndorsement = (e: Endorsement): void => {
    db.prepare(`INSERT INTO endorsements (id, idea_id, organisation_id, user_id, message, created_at)
                VALUES (@id, @ideaId, @organisationId, @userId, @message, @createdAt)`).run(e);
  };

  const insertConnection = (c: Connection): void => {
    const [a, b] = orderedPair(c.organisationA, c.organisationB);
    db.prepare(`INSERT INTO connections (id, idea_id, organisation_a, organisation_b, via, created_at)
                VALUES (@id, @ideaId, @a, @b, @via, @createdAt)`)
      .run({ id: c.id, ideaId: c.ideaId, a, b, via: c.via, createdAt: c.createdAt });
  };


  const removeEndorsement = (ideaId: string, organisationId: string): Endorsement | null => {
    const row = db.prepare('DELETE FROM endorsements WHERE idea_id = ? AND organisation_id = ? RETURNING *')
      .get(ideaId, organisationId) as Row | undefined;
    return row ? toEndorsement(row) : null;
  };

  const removeConnection = (ideaId: string, x: string, y: string, via: Connection['via']): Connection | null => {
    const [a, b] = orderedPair(x, y);
    const row = db.prepare(`DELETE FROM connections
                            WHERE idea_id = ? AND organisation_a = ? AND organisation_b = ? AND via = ? RETURNING *`)
      .get(ideaId, a, b, via) as Row | undefined;
    return row ? toConnection(row) : null;
  };

  return {
    async createEndorsement(e) {
      conflicts(() => insertEndorsement(e));
    },

    async deleteEndorsement(ideaId, organisationId) {
      return removeEndorsement(ideaId, organisationId);
    },

    async listEndorsements(filter = {}) {
      const where: string[] = [];
      const params: Row = {};
      let from = 'endorsements e';
      if (filter.ideaId !== undefined) { where.push('e.idea_id = @ideaId'); params.ideaId = filter.ideaId; }
      if (filter.organisationId !== undefined) { where.push('e.organisation_id = @organisationId'); params.organisationId = filter.organisationId; }
      if (filter.ideaOrganisationId !== undefined) {
        from += ' JOIN ideas i ON i.id = e.idea_id';
        where.push('i.organisation_id = @ideaOrganisationId');
        params.ideaOrganisationId = filter.ideaOrganisationId;
      }
      const sql = `SELECT e.* FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                   ORDER BY e.created_at DESC, e.id DESC`;
      return (db.prepare(sql).all(params) as Row[]).map(toEndorsement);
    },

    async createConnection(c) {
      conflicts(() => insertConnection(c));
    },

    async deleteConnection(key) {
      return removeConnection(key.ideaId, key.organisationA, key.organisationB, key.via);
    },

    async listConnections(filter = {}) {
      const where: string[] = [];
      const params: Row = {};
      if (filter.organisationId !== undefined) {
        where.push('(organisation_a = @organisationId OR organisation_b = @organisationId)');
        params.organisationId = filter.organisationId;
      }
      if (filter.ideaId !== undefined) { where.push('idea_id = @ideaId'); params.ideaId = filter.ideaId; }
      const sql = `SELECT * FROM connections ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                   ORDER BY created_at DESC, id DESC`;
      return (db.prepare(sql).all(params) as Row[]).map(toConnection);
    },

    async areConnected(orgA, orgB, ideaId) {
      const [a, b] = orderedPair(orgA, orgB);
      const row = ideaId === undefined
        ? db.prepare('SELECT 1 FROM connections WHERE organisation_a = ? AND organisation_b = ? LIMIT 1').get(a, b)
        : db.prepare('SELECT 1 FROM connections WHERE organisation_a = ? AND organisation_b = ? AND idea_id = ? LIMIT 1').get(a, b, ideaId);
      return row !== undefined;
    },

    async createNotifications(list) {
      db.transaction(() => conflicts(() => insertNotifications(list))).immediate();
    },

    async listNotifications(userId, query) {
      const where = ['user_id = @userId'];
      const params: Row = { userId, limit: Math.max(0, Math.floor(query.limit)) };
      if (query.unreadOnly) where.push('read_at IS NULL');
      if (query.since !== undefined) { where.push('created_at > @since'); params.since = isoUtc(query.since); }
      const rows = db.prepare(`SELECT * FROM notifications WHERE ${where.join(' AND ')}
                               ORDER BY created_at DESC, id DESC LIMIT @limit`).all(params) as Row[];
      return rows.map(toNotification);
    },

    async countUnread(userId) {
      const row = db.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(userId) as Row;
      return Number(row.n);
    },

    async markRead(userId, ids, at) {
      if (ids === 'all') {
        return db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId).changes;
      }
      const update = db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL');
      return db.transaction(() => [...new Set(ids)].reduce((n, id) => n + update.run(at, id, userId).changes, 0)).immediate();
    },

    async getNotificationSettings(userId) {
      const row = db.prepare('SELECT * FROM notification_settings WHERE user_id = ?').get(userId) as Row | undefined;
      return row ? toSettings(row) : { ...DEFAULT_NOTIFICATION_SETTINGS };
    },

    async setNotificationSettings(userId, settings) {
      db.prepare(`INSERT INTO notification_settings (user_id, cluster_joined, ${MAIL_KINDS.join(', ')})
                  VALUES (@userId, @clusterJoined, ${MAIL_KINDS.map((k) => `@${k}`).join(', ')})
                  ON CONFLICT (user_id) DO UPDATE SET cluster_joined = excluded.cluster_joined,
                  ${MAIL_KINDS.map((k) => `${k} = excluded.${k}`).join(', ')}`)
        .run({ ...toSettingsOrDefault(db.prepare('SELECT * FROM notification_settings WHERE user_id = ?').get(userId) as Row | undefined), ...settings, userId });
    },

    async listActiveMembers(organisationIds) {
      if (organisationIds.length === 0) return [];
      const ids = [...new Set(organisationIds)];
      const rows = db.prepare(`SELECT * FROM users WHERE active = 1 AND organisation_id IN (${ids.map(() => '?').join(', ')})
                               ORDER BY created_at, id`).all(...ids) as Row[];
      return rows.map(toUser);
    },

    async queueDigestItems(items) {
      const insert = db.prepare('INSERT INTO digest_items (id, user_id, idea_id, created_at) VALUES (@id, @userId, @ideaId, @createdAt)');
      db.transaction(() => { for (const item of items) insert.run(item); }).immediate();
    },

    async listDigestItems(until) {
      const rows = db.prepare('SELECT * FROM digest_items WHERE created_at <= ? ORDER BY created_at, id').all(isoUtc(until)) as Row[];
      return rows.map(toDigestItem);
    },

    async deliverDigest(notifications, consumedItemIds) {
      const remove = db.prepare('DELETE FROM digest_items WHERE id = ?');
      db.transaction(() => {
        conflicts(() => insertNotifications(notifications));
        for (const id of consumedItemIds) remove.run(id);
      }).immediate();
    },

    async getClusterState() {
      const row = db.prepare('SELECT * FROM cluster_state WHERE id = 1').get() as Row | undefined;
      return row ? toClusterState(row) : null;
    },

    async saveClusterState(state, expectedVersion) {
      db.transaction(() => {
        const row = db.prepare('SELECT version FROM cluster_state WHERE id = 1').get() as Row | undefined;
        const stored = row === undefined ? null : Number(row.version);
        if (stored !== expectedVersion) throw new StoreVersionError(stored ?? 0);
        db.prepare(`INSERT INTO cluster_state (id, version, state, updated_at) VALUES (1, @version, @state, @updatedAt)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state,
                                                   updated_at = excluded.updated_at`).run(state);
      }).immediate();
    },

    async endorse({ endorsement, connection, notifications }) {
      db.transaction(() => conflicts(() => {
        insertEndorsement(endorsement);
        if (connection) insertConnection(connection);
        insertNotifications(notifications);
      })).immediate();
    },

    async unendorse({ ideaId, organisationId, dropConnection, notifications }) {
      return db.transaction(() => {
        const removed = removeEndorsement(ideaId, organisationId);
        if (!removed) return null;
        if (dropConnection) {
          const ideaOrg = db.prepare('SELECT organisation_id FROM ideas WHERE id = ?').get(ideaId) as Row | undefined;
          if (ideaOrg) removeConnection(ideaId, organisationId, String(ideaOrg.organisation_id), 'endorsement');
        }
        conflicts(() => insertNotifications(notifications));
        return removed;
      }).immediate();
    },
  };
}

/** Turns a unique violation into StoreConflictError named after the table it happened in. */
function conflicts<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw err;
    const message = String((err as Error).message);
    const what = message.includes('endorsements.') ? 'endorsement' : message.includes('connections.') ? 'connection' : 'notification';
    throw new StoreConflictError(what);
  }
}

const isoUtc = (when: string): string => new Date(when).toISOString();
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toEndorsement(r: Row): Endorsement {
  return {
    id: str(r.id), ideaId: str(r.idea_id), organisationId: str(r.organisation_id), userId: str(r.user_id),
    message: strOrNull(r.message), createdAt: str(r.created_at),
  };
}

function toConnection(r: Row): Connection {
  return {
    id: str(r.id), ideaId: str(r.idea_id), organisationA: str(r.organisation_a), organisationB: str(r.organisation_b),
    via: str(r.via) as Connection['via'], createdAt: str(r.created_at),
  };
}

export function toNotification(r: Row): Notification {
  return {
    id: str(r.id), userId: str(r.user_id), kind: str(r.kind) as Notification['kind'],
    params: JSON.parse(str(r.params)) as Record<string, string>, link: str(r.link),
    createdAt: str(r.created_at), readAt: strOrNull(r.read_at),
    ...(r.group_key !== null && r.group_key !== undefined ? { groupKey: str(r.group_key) } : {}),
  };
}

/** A settings row (migration 6 added a column per mail kind, defaulting to 'mail'). */
export function toSettings(r: Row): NotificationSettings {
  const settings = { ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: String(r.cluster_joined) as NotificationSettings['clusterJoined'] };
  for (const k of MAIL_KINDS) if (typeof r[k] === 'string') settings[k] = r[k] as NotificationSettings[typeof k];
  return settings;
}

const toSettingsOrDefault = (r: Row | undefined): NotificationSettings => (r ? toSettings(r) : { ...DEFAULT_NOTIFICATION_SETTINGS });

function toDigestItem(r: Row): DigestItem {
  return { id: str(r.id), userId: str(r.user_id), ideaId: str(r.idea_id), createdAt: str(r.created_at) };
}

function toClusterState(r: Row): ClusterState {
  return { version: Number(r.version), state: str(r.state), updatedAt: str(r.updated_at) };
}

/** Same mapping as the users section of sqlite-store.ts (kept here so that file needs no export). */
function toUser(r: Row): User {
  return {
    id: str(r.id), email: str(r.email), name: str(r.name), phone: strOrNull(r.phone),
    passwordHash: strOrNull(r.password_hash), role: str(r.role) as User['role'],
    organisationId: strOrNull(r.organisation_id), locale: str(r.locale) as User['locale'],
    active: r.active === 1, createdAt: str(r.created_at), updatedAt: str(r.updated_at),
  };
}
