/**
 * The SQLite side of the audit log (schema: migration 3): appended to, never changed, read newest
 * first a page at a time.
 */
import type { AuditPort } from '../store.js';
import { toAuditEntry, type Db, type Row } from './mapping.js';

export function auditAdapter(db: Db): AuditPort {
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
  };
}
