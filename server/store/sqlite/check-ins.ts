/**
 * The SQLite side of check-ins (schema: migration 11). A step writes the check-in and its
 * notifications (with the mail they owe) in one IMMEDIATE transaction, only over the expected version.
 */
import type { CheckInQuery, CheckInRecord, CheckInStatus, CheckInSubjectType, CheckInsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { isoUtc, type Db, type Row } from './mapping.js';
import { notificationInserter } from './notifications.js';

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toCheckIn(r: Row): CheckInRecord {
  return {
    id: String(r.id), organisationId: String(r.organisation_id), requestedBy: String(r.requested_by),
    subject: { type: String(r.subject_type) as CheckInSubjectType, id: String(r.subject_id) }, subjectTitle: String(r.subject_title),
    preferredMoments: JSON.parse(String(r.preferred_moments)) as string[], note: String(r.note), status: String(r.status) as CheckInStatus,
    moment: strOrNull(r.moment), durationMinutes: Number(r.duration_minutes), place: strOrNull(r.place),
    confirmedBy: strOrNull(r.confirmed_by), proposedBy: strOrNull(r.proposed_by), cancelledBy: strOrNull(r.cancelled_by),
    sequence: Number(r.sequence), createdAt: String(r.created_at), updatedAt: String(r.updated_at), version: Number(r.version),
  };
}

const toRow = (c: CheckInRecord): Row => ({
  id: c.id, organisationId: c.organisationId, requestedBy: c.requestedBy, subjectType: c.subject.type, subjectId: c.subject.id,
  subjectTitle: c.subjectTitle, preferredMoments: JSON.stringify(c.preferredMoments), note: c.note, status: c.status,
  moment: c.moment, momentUtc: c.moment === null ? null : isoUtc(c.moment), durationMinutes: c.durationMinutes, place: c.place,
  confirmedBy: c.confirmedBy, proposedBy: c.proposedBy, cancelledBy: c.cancelledBy, sequence: c.sequence,
  createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
});

export function checkInsAdapter(db: Db): CheckInsPort {
  const insertNotifications = notificationInserter(db);
  return {
    async createCheckIn(checkIn, notifications) {
      db.transaction(() => {
        conflictAs('check_in', () => db.prepare(`INSERT INTO check_ins (id, organisation_id, requested_by, subject_type, subject_id,
            subject_title, preferred_moments, note, status, moment, moment_utc, duration_minutes, place, confirmed_by, proposed_by,
            cancelled_by, sequence, created_at, updated_at, version)
          VALUES (@id, @organisationId, @requestedBy, @subjectType, @subjectId, @subjectTitle, @preferredMoments, @note, @status,
            @moment, @momentUtc, @durationMinutes, @place, @confirmedBy, @proposedBy, @cancelledBy, @sequence, @createdAt, @updatedAt, @version)`)
          .run(toRow(checkIn)));
        conflictAs('notification', () => insertNotifications(notifications));
      }).immediate();
    },

    async getCheckIn(id) {
      const row = db.prepare('SELECT * FROM check_ins WHERE id = ?').get(id) as Row | undefined;
      return row ? toCheckIn(row) : null;
    },

    async listCheckIns(query: CheckInQuery = {}) {
      const where: string[] = [];
      const params: Row = {};
      if (query.organisationId !== undefined) { where.push('organisation_id = @organisationId'); params.organisationId = query.organisationId; }
      if (query.statuses !== undefined) {
        if (query.statuses.length === 0) return [];
        where.push(`status IN (${query.statuses.map((_, i) => `@s${i}`).join(', ')})`);
        query.statuses.forEach((s, i) => { params[`s${i}`] = s; });
      }
      if (query.momentFrom !== undefined) { where.push('moment_utc >= @momentFrom'); params.momentFrom = isoUtc(query.momentFrom); }
      if (query.momentTo !== undefined) { where.push('moment_utc < @momentTo'); params.momentTo = isoUtc(query.momentTo); }
      const rows = db.prepare(`SELECT * FROM check_ins ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                               ORDER BY created_at DESC, id DESC`).all(params) as Row[];
      return rows.map(toCheckIn);
    },

    async saveCheckInStep({ checkIn, expectedVersion, notifications }) {
      return db.transaction(() => {
        const changed = db.prepare(`UPDATE check_ins SET requested_by = @requestedBy, subject_title = @subjectTitle,
            preferred_moments = @preferredMoments, note = @note, status = @status, moment = @moment, moment_utc = @momentUtc,
            duration_minutes = @durationMinutes, place = @place, confirmed_by = @confirmedBy, proposed_by = @proposedBy,
            cancelled_by = @cancelledBy, sequence = @sequence, updated_at = @updatedAt, version = @version
          WHERE id = @id AND version = @expectedVersion`).run({ ...toRow(checkIn), expectedVersion }).changes;
        if (changed === 0) return false;
        conflictAs('notification', () => insertNotifications(notifications));
        return true;
      }).immediate();
    },
  };
}
