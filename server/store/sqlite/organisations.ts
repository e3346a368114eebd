/**
 * The SQLite side of organisations (schema: migration 1), with the full list kept in memory while the
 * file is unchanged: it is read on most pages and written rarely. The list is kept per connection and
 * checked against the file's version, because the app reads on one connection and writes on another
 * (thread.ts), and another process may write too.
 */
import type { Organisation, OrganisationsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { fileVersion, toOrganisation, type Db, type Row } from './mapping.js';

export function organisationsAdapter(db: Db): OrganisationsPort {
  // Every organisation, sorted, as of the file's version `at`; null until first listed and after every upsert here.
  let organisations: { at: string; list: Organisation[] } | null = null;
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
      const at = where.length === 0 ? fileVersion(db) : '';
      if (where.length === 0 && organisations?.at === at) return organisations.list.map((o) => ({ ...o }));
      const sql = `SELECT * FROM organisations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const rows = db.prepare(sql).all(params) as Row[];
      const list = rows.map(toOrganisation).sort(byName);
      if (where.length === 0) organisations = { at, list: list.map((o) => ({ ...o })) };
      return list;
    },
  };
}

const collator = new Intl.Collator('nl', { sensitivity: 'base' });
const byName = (a: Organisation, b: Organisation): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
