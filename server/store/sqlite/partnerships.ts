/**
 * The SQLite side of partnerships (schema: migration 9): one row per partnership, one per organisation
 * that stands in it. A step writes the partnership's next version, its memberships and its
 * notifications in one IMMEDIATE transaction, only when the stored version is the expected one.
 */
import type { MembershipState, Partnership, PartnershipMembership, PartnershipRecord, PartnershipStatus, PartnershipsPort } from '../store.js';
import { conflictAs, conflictByTable } from './conflicts.js';
import type { Db, Row } from './mapping.js';
import { notificationInserter } from './notifications.js';

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toRecord(r: Row): PartnershipRecord {
  return {
    id: str(r.id), ideaId: str(r.idea_id), callId: strOrNull(r.call_id), title: str(r.title),
    leadOrganisationId: str(r.lead_organisation_id), status: str(r.status) as PartnershipStatus,
    leadOfferedTo: strOrNull(r.lead_offered_to), createdAt: str(r.created_at), updatedAt: str(r.updated_at),
    submittedAt: strOrNull(r.submitted_at), decidedAt: strOrNull(r.decided_at), version: Number(r.version),
  };
}

function toMembership(r: Row): PartnershipMembership {
  return {
    partnershipId: str(r.partnership_id), organisationId: str(r.organisation_id), state: str(r.state) as MembershipState,
    via: str(r.via) as PartnershipMembership['via'], startedBy: str(r.started_by), answeredBy: strOrNull(r.answered_by),
    createdAt: str(r.created_at), answeredAt: strOrNull(r.answered_at),
  };
}

export function partnershipsAdapter(db: Db): PartnershipsPort {
  const insertNotifications = notificationInserter(db);
  const upsertMembership = (m: PartnershipMembership): void => {
    db.prepare(`INSERT INTO partnership_memberships (partnership_id, organisation_id, state, via, started_by, answered_by, created_at, answered_at)
                VALUES (@partnershipId, @organisationId, @state, @via, @startedBy, @answeredBy, @createdAt, @answeredAt)
                ON CONFLICT (partnership_id, organisation_id) DO UPDATE SET state = excluded.state, via = excluded.via,
                  started_by = excluded.started_by, answered_by = excluded.answered_by, created_at = excluded.created_at,
                  answered_at = excluded.answered_at`).run(m);
  };

  /** The partnerships the WHERE clause selects, each with its memberships, newest first. */
  const select = (where: string, params: Row): Partnership[] => {
    const rows = db.prepare(`SELECT p.* FROM partnerships p ${where} ORDER BY p.created_at DESC, p.id DESC`).all(params) as Row[];
    if (rows.length === 0) return [];
    const members = db.prepare(`SELECT m.* FROM partnership_memberships m
                                WHERE m.partnership_id IN (SELECT p.id FROM partnerships p ${where})
                                ORDER BY m.created_at, m.organisation_id`).all(params) as Row[];
    const byId = new Map<string, PartnershipMembership[]>();
    for (const m of members.map(toMembership)) {
      const list = byId.get(m.partnershipId) ?? [];
      list.push(m);
      byId.set(m.partnershipId, list);
    }
    return rows.map((r) => { const p = toRecord(r); return { ...p, memberships: byId.get(p.id) ?? [] }; });
  };

  return {
    async createPartnership(p, lead, notifications) {
      db.transaction(() => {
        conflictAs('partnership', () => db.prepare(`INSERT INTO partnerships (id, idea_id, call_id, title, lead_organisation_id, status,
            lead_offered_to, created_at, updated_at, submitted_at, decided_at, version)
          VALUES (@id, @ideaId, @callId, @title, @leadOrganisationId, @status, @leadOfferedTo, @createdAt, @updatedAt,
            @submittedAt, @decidedAt, 1)`).run(p));
        upsertMembership(lead);
        conflictByTable(() => insertNotifications(notifications));
      }).immediate();
    },

    async getPartnership(id) {
      return select('WHERE p.id = @id', { id })[0] ?? null;
    },

    async getPartnershipForIdea(ideaId) {
      return select('WHERE p.idea_id = @ideaId', { ideaId })[0] ?? null;
    },

    async listPartnerships(query = {}) {
      const where: string[] = [];
      const params: Row = {};
      if (query.organisationId !== undefined) {
        where.push('EXISTS (SELECT 1 FROM partnership_memberships o WHERE o.partnership_id = p.id AND o.organisation_id = @organisationId)');
        params.organisationId = query.organisationId;
      }
      if (query.callId !== undefined) { where.push('p.call_id = @callId'); params.callId = query.callId; }
      if (query.status !== undefined) { where.push('p.status = @status'); params.status = query.status; }
      return select(where.length ? `WHERE ${where.join(' AND ')}` : '', params);
    },

    async savePartnershipStep({ partnership: p, expectedVersion, memberships, notifications }) {
      return db.transaction(() => {
        const changed = db.prepare(`UPDATE partnerships SET call_id = @callId, title = @title, lead_organisation_id = @leadOrganisationId,
            status = @status, lead_offered_to = @leadOfferedTo, updated_at = @updatedAt, submitted_at = @submittedAt,
            decided_at = @decidedAt, version = @expectedVersion + 1
          WHERE id = @id AND version = @expectedVersion`).run({ ...p, expectedVersion }).changes;
        if (changed === 0) return false;
        for (const m of memberships) upsertMembership({ ...m, partnershipId: p.id });
        conflictByTable(() => insertNotifications(notifications));
        return true;
      }).immediate();
    },

    async countPartnershipsByCall() {
      const rows = db.prepare(`SELECT call_id, status, count(*) AS n FROM partnerships GROUP BY call_id, status
                               ORDER BY call_id, status`).all() as Row[];
      return rows.map((r) => ({ callId: strOrNull(r.call_id), status: str(r.status) as PartnershipStatus, count: Number(r.n) }));
    },
  };
}
