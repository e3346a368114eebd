/**
 * The MongoDB side of organisations (models/accounts.ts). An upsert runs in one transaction, so a
 * batch is added whole or not at all, as in SQLite.
 */
import type { Models } from '../../../models/index.js';
import type { Organisation, OrganisationsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { organisationDoc, toOrganisation } from './mapping.js';
import { eq } from './queries.js';
import type { RunInTransaction } from './transaction.js';

export function organisationsAdapter(m: Models, transaction: RunInTransaction): OrganisationsPort {
  return {
    async upsertOrganisations(orgs) {
      if (orgs.length === 0) return 0;
      return conflictAs('organisation', () => transaction(async (session) => {
        const existing = await m.Organisation
          .find({ $or: orgs.map((o) => ({ country: o.country, kind: o.kind, code: o.code })) }, { country: 1, kind: 1, code: 1 })
          .session(session).lean<Organisation[]>();
        const seen = new Set(existing.map(naturalKey));
        const fresh: Organisation[] = [];
        for (const o of orgs) {
          if (seen.has(naturalKey(o))) continue; // like ON CONFLICT DO NOTHING, also within one batch
          seen.add(naturalKey(o));
          fresh.push(o);
        }
        if (fresh.length > 0) await m.Organisation.insertMany(fresh.map(organisationDoc), { session });
        return fresh.length;
      }));
    },

    async getOrganisation(id) {
      const d = await m.Organisation.findOne({ _id: eq(id) }).lean();
      return d ? toOrganisation(d) : null;
    },

    async listOrganisations(filter = {}) {
      const query: Record<string, string> = {};
      if (filter.province !== undefined) query.province = filter.province;
      if (filter.kind !== undefined) query.kind = filter.kind;
      const docs = await m.Organisation.find(query).lean();
      return docs.map(toOrganisation).sort(byName);
    },
  };
}

const naturalKey = (o: Pick<Organisation, 'country' | 'kind' | 'code'>): string => `${o.country}\u0000${o.kind}\u0000${o.code}`;

const collator = new Intl.Collator('nl', { sensitivity: 'base' });
const byName = (a: Organisation, b: Organisation): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
