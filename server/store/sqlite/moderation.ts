import type Database from 'better-sqlite3';
import { StoreConflictError, orderedPair, type AuditEntry, type ModerationMethods } from '../store.js';
import { notificationInserter } from './allies.js';

type Row = Record<string, unknown>;
type Db = Database.Database;


/** The SQLite side of the audit log (schema: migration 3) and of introductions (tables of migration 2). */
export function moderationMethods(db: Db): ModerationMethods {
  return {
    async appendAudit(e) {
      db.prepare(`INSERT INTO audit_log (id, at, actor_id, actor_name, action, target_type, target_id, details)
                  VALUES (@id, @at, @actorId, @actorName, @action, @targetType, @targetId, @details)`)
        .run({ ...e, details: JSON.stringify(e.details) });
    },

    async listAudit(query) {
      const where: string[] = [];
      const params: Row = { limit: Math.max(0, Math.floor(query.limit)) };
      if (query.before !== undefined) {
        // Row-value comparison: strictly older than the cursor entry in (at, id) order.
        where.push('(at, id) < (SELECT at, id FROM audit_log WHERE id = @before)');
        params.before = query.before;
      }
      if (query.targetType !== undefined) { where.push('target_type = @targetType'); params.targetType = query.targetType; }
      if (query.targetId !== undefined) { where.push('target_id = @targetId'); params.targetId = query.targetId; }
      if (query.actions !== undefined) {
        if (query.actions.length === 0) return [];
        const names = query.actions.map((a, i) => { params[`action${i}`] = a; return `@action${i}`; });
        where.push(`action IN (${names.join(', ')})`);
      }
      const rows = db.prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                               ORDER BY at DESC, id DESC LIMIT @limit`).all(params) as Row[];
      return rows.map(toAuditEntry);
    },

    async introduce({ connections, notifications }) {
      const connect = db.prepare(`INSERT INTO connections (id, idea_id, organisation_a, organisation_b, via, created_at)
                                  VALUES (@id, @ideaId, @a, @b, @via, @createdAt)
                                  ON CONFLICT (idea_id, organisation_a, organisation_b, via) DO NOTHING`);
      const notify = notificationInserter(db); // with the mail each one owes (issue 16)
      return db.transaction(() => {
        let added = 0;
        for (const c of connections) {
          const [a, b] = orderedPair(c.organisationA, c.organisationB);
          added += connect.run({ id: c.id, ideaId: c.ideaId, a, b, via: c.via, createdAt: c.createdAt }).changes;
        }
        try {
          notify(notifications);
        } catch (err) {
          const code = (err as { code?: unknown } | null)?.code;
          if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StoreConflictError('notification');
          throw err;
        }
        return added;
      }).immediate();
    },
  };
}

function toAuditEntry(r: Row): AuditEntry {
  return {
    id: String(r.id), at: String(r.at), actorId: r.actor_id === null || r.actor_id === undefined ? null : String(r.actor_id),
    actorName: String(r.actor_name), action: String(r.action), targetType: String(r.target_type), targetId: String(r.target_id),
    details: JSON.parse(String(r.details)) as Record<string, string>,
  };
}
