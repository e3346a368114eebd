/**
 * The SQLite side of organisations (schema: migration 1), with the full list kept in memory: it is
 * read on most pages and written only by upsertOrganisations (this process is the only writer of the file).
 */
import type { Organisation, OrganisationsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { toOrganisation, type Db, type Row } from './mapping.js';

export function organisationsAdapter(db: Db): OrganisationsPort {
  // Every organisation, sorted; null until first listed and after every upsert.
  let organisations: Organisation[] | null = null;
  return {
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
  };
}

const collator = new Intl.Collator('nl', { sensitivity: 'base' });
const byName = (a: Organisation, b: Organisation): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
