/**
 * The SQLite side of the calls for proposals (schema: migration 7): one row per call, its lists and
 * rules as JSON text.
 */
import type { CallRecord, CallsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { toCall, type Db, type Row } from './mapping.js';

const toRow = (c: CallRecord): Row => ({
  id: c.id, number: c.number, name: c.name, type: c.type, themes: c.themes === null ? null : JSON.stringify(c.themes),
  opensAt: c.opensAt, closesAt: c.closesAt, decided: c.decided ? 1 : 0, decidedOn: c.decidedOn,
  maxSubsidyEur: c.maxSubsidyEur, maxDurationMonths: c.maxDurationMonths, realiseBy: c.realiseBy,
  rules: JSON.stringify(c.rules), description: c.description, sourceUrls: JSON.stringify(c.sourceUrls),
  createdAt: c.createdAt, updatedAt: c.updatedAt,
});

export function callsAdapter(db: Db): CallsPort {
  const getCall = async (id: string) => {
    const row = db.prepare('SELECT * FROM calls WHERE id = ?').get(id) as Row | undefined;
    return row ? toCall(row) : null;
  };
  return {
    async createCall(call) {
      conflictAs('call', () => db.prepare(`INSERT INTO calls (id, number, name, type, themes, opens_at, closes_at, decided, decided_on,
          max_subsidy_eur, max_duration_months, realise_by, rules, description, source_urls, created_at, updated_at)
        VALUES (@id, @number, @name, @type, @themes, @opensAt, @closesAt, @decided, @decidedOn,
          @maxSubsidyEur, @maxDurationMonths, @realiseBy, @rules, @description, @sourceUrls, @createdAt, @updatedAt)`).run(toRow(call)));
    },

    getCall,

    async getCallByNumber(number) {
      const row = db.prepare('SELECT * FROM calls WHERE number = ?').get(number) as Row | undefined;
      return row ? toCall(row) : null;
    },

    async listCalls() {
      return (db.prepare('SELECT * FROM calls ORDER BY number').all() as Row[]).map(toCall);
    },

    async updateCall(id, patch, updatedAt) {
      const found = await getCall(id);
      if (!found) return null;
      const next: CallRecord = { ...found, ...structuredClone(patch), id, createdAt: found.createdAt, updatedAt };
      conflictAs('call', () => db.prepare(`UPDATE calls SET number = @number, name = @name, type = @type, themes = @themes,
          opens_at = @opensAt, closes_at = @closesAt, decided = @decided, decided_on = @decidedOn, max_subsidy_eur = @maxSubsidyEur,
          max_duration_months = @maxDurationMonths, realise_by = @realiseBy, rules = @rules, description = @description,
          source_urls = @sourceUrls, updated_at = @updatedAt WHERE id = @id`).run(toRow(next)));
      return getCall(id);
    },
  };
}
