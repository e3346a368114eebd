/**
 * The SQLite side of endorsements and connections (schema: migration 2), and of introductions. The
 * writes that carry notifications run in one IMMEDIATE transaction with them: all or nothing.
 */
import { orderedPair, type AlliesPort, type Connection, type Endorsement } from '../store.js';
import { conflictAs, conflictByTable } from './conflicts.js';
import { toConnection, toEndorsement, type Db, type Row } from './mapping.js';
import { notificationInserter } from './notifications.js';

export function alliesAdapter(db: Db): AlliesPort {
  const insertNotifications = notificationInserter(db); // with the mail each one owes (issue 16)
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
      conflictByTable(() => insertEndorsement(e));
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
      conflictByTable(() => insertConnection(c));
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

    async endorse({ endorsement, connection, notifications }) {
      db.transaction(() => conflictByTable(() => {
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
        conflictByTable(() => insertNotifications(notifications));
        return removed;
      }).immediate();
    },

    async introduce({ connections, notifications }) {
      const connect = db.prepare(`INSERT INTO connections (id, idea_id, organisation_a, organisation_b, via, created_at)
                                  VALUES (@id, @ideaId, @a, @b, @via, @createdAt)
                                  ON CONFLICT (idea_id, organisation_a, organisation_b, via) DO NOTHING`);
      return db.transaction(() => {
        let added = 0;
        for (const c of connections) {
          const [a, b] = orderedPair(c.organisationA, c.organisationB);
          added += connect.run({ id: c.id, ideaId: c.ideaId, a, b, via: c.via, createdAt: c.createdAt }).changes;
        }
        conflictAs('notification', () => insertNotifications(notifications));
        return added;
      }).immediate();
    },
  };
}
