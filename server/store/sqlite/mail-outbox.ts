/**
 * The SQLite side of the mail outbox (schema: migration 6; rows are added by notificationInserter in
 * notifications.ts, in the notification's own transaction). A claim is one IMMEDIATE transaction: with two
 * processes on the file (or two senders), a mail is taken by one of them only.
 */
import type { MailOutboxPort } from '../store.js';
import { toOutboxMail, type Db, type Row } from './mapping.js';

export function mailOutboxAdapter(db: Db): MailOutboxPort {
  return {
    async claimOutbox(now, leaseUntil, limit) {
      return db.transaction(() => {
        const rows = db.prepare(`SELECT * FROM mail_outbox
          WHERE (state = 'pending' AND next_attempt_at <= @now) OR (state = 'sending' AND lease_until <= @now)
          ORDER BY next_attempt_at, id LIMIT @limit`).all({ now, limit }) as Row[];
        const take = db.prepare(`UPDATE mail_outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1 WHERE id = ?`);
        for (const r of rows) take.run(leaseUntil, r.id);
        return rows.map((r) => toOutboxMail({ ...r, state: 'sending', lease_until: leaseUntil, attempts: Number(r.attempts) + 1 }));
      }).immediate();
    },

    async settleOutbox(id, { state, at, error }) {
      return db.prepare(`UPDATE mail_outbox SET state = ?, done_at = ?, lease_until = NULL, last_error = coalesce(?, last_error)
                         WHERE id = ? AND state = 'sending'`).run(state, at, error ?? null, id).changes === 1;
    },

    async deferOutbox(id, nextAttemptAt, error) {
      return db.prepare(`UPDATE mail_outbox SET state = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ?
                         WHERE id = ? AND state = 'sending'`).run(nextAttemptAt, error, id).changes === 1;
    },

    async listOutbox({ userId, state, limit }) {
      const where: string[] = [];
      if (userId !== undefined) where.push('user_id = @userId');
      if (state !== undefined) where.push('state = @state');
      const rows = db.prepare(`SELECT * FROM mail_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                               ORDER BY created_at DESC, id DESC LIMIT @limit`).all({ userId, state, limit }) as Row[];
      return rows.map(toOutboxMail);
    },

    async nextOutboxDue() {
      const row = db.prepare(`SELECT min(CASE state WHEN 'pending' THEN next_attempt_at ELSE lease_until END) AS due
                              FROM mail_outbox WHERE state IN ('pending', 'sending')`).get() as Row;
      return typeof row.due === 'string' ? row.due : null;
    },
  };
}
