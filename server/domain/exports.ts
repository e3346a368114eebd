// The programme team takes the data to a spreadsheet: each dataset as CSV or JSON, every download audited.
import { AppError } from '../errors.js';
import type { Idea, MembershipState, Organisation, Partnership, Store } from '../store/store.js';
import type { Viewer } from './actor.js';
import type { Audit } from './audit.js';
import type { Clock } from './clock.js';
import { toCsv, type Cell } from './csv.js';
import { callStatus } from './partnerships/calls.js';
import type { Matching } from './matching.js';
import { requireProgramme } from './rules/who-may-act.js';

export const EXPORT_DATASETS = ['ideas', 'endorsements', 'connections', 'clusters', 'calls', 'partnerships'] as const;
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile { filename: string; contentType: string; body: string; rows: number }

export interface ExportsDeps {
  store: Store;
  clock: Clock;
  audit: Audit;
  matching: Pick<Matching, 'clusters'>;
}

type Row = Record<string, Cell | Cell[] | Record<string, Cell>[]>;
/** One dataset: its JSON items, and the CSV columns read from them (lists joined with ' | '). */
interface Table { columns: string[]; items: Row[] }

const PAGE = 100;
const joinList = (v: Row[string]): Cell => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(' | ') : v);

/** The date in Brussels, for file names: `medestander-ideas-2026-11-29.csv`. */
const brusselsDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/**
 * Everything the programme team takes to a spreadsheet: ideas (every status, hidden ones marked, with
 * contact persons and their cluster), endorsements, connections and clusters (label, automatic label,
 * override, member ideas and organisations), calls
 * (with their status now) and partnerships (lead, partners, invited and asking, call, status). Programme team only; each download is written to the audit log.
 * CSV: see csv.ts (`;`, UTF-8 with BOM, formula injection neutralised). JSON: `{ dataset, exportedAt, items }`.
 */
export function createExports({ store, clock, audit, matching }: ExportsDeps) {
  async function allIdeas(): Promise<Idea[]> {
    const out: Idea[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.listIdeas({ includeHidden: true, limit: PAGE, offset });
      out.push(...page.items);
      if (page.items.length < PAGE || out.length >= page.total) return out;
    }
  }

  async function organisations(): Promise<Map<string, Organisation>> {
    return new Map((await store.listOrganisations()).map((o) => [o.id, o]));
  }

  function clusterOfIdea(): Map<string, { id: number; label: string }> {
    const map = new Map<string, { id: number; label: string }>();
    for (const c of matching.clusters()) for (const m of c.members) map.set(m, { id: c.id, label: c.label });
    return map;
  }

  const tables: Record<ExportDataset, () => Promise<Table>> = {
    async ideas() {
      const [ideas, orgs, endorsements] = await Promise.all([allIdeas(), organisations(), store.listEndorsements()]);
      const clusters = clusterOfIdea();
      const counts = new Map<string, number>();
      for (const e of endorsements) counts.set(e.ideaId, (counts.get(e.ideaId) ?? 0) + 1);
      return {
        columns: ['id', 'title', 'description', 'theme', 'tags', 'organisationId', 'organisation', 'province', 'status', 'hidden', 'language',
          'contactName', 'contactEmail', 'contactPhone', 'clusterId', 'clusterLabel', 'endorsements', 'callId', 'createdAt', 'updatedAt'],
        items: ideas.map((i) => ({
          id: i.id, title: i.title, description: i.description, theme: i.theme, tags: i.tags, organisationId: i.organisationId,
          organisation: orgs.get(i.organisationId)?.name ?? null, province: orgs.get(i.organisationId)?.province ?? null,
          status: i.status, hidden: i.hidden, language: i.language, contactName: i.contact.name, contactEmail: i.contact.email,
          contactPhone: i.contact.phone, clusterId: clusters.get(i.id)?.id ?? null, clusterLabel: clusters.get(i.id)?.label ?? null,
          endorsements: counts.get(i.id) ?? 0, callId: i.callId, createdAt: i.createdAt, updatedAt: i.updatedAt,
        })),
      };
    },

    async endorsements() {
      const [list, orgs, ideas] = await Promise.all([store.listEndorsements(), organisations(), allIdeas()]);
      const byId = new Map(ideas.map((i) => [i.id, i]));
      return {
        columns: ['id', 'ideaId', 'ideaTitle', 'ideaOrganisation', 'organisationId', 'organisation', 'userId', 'message', 'createdAt'],
        items: list.map((e) => {
          const idea = byId.get(e.ideaId);
          return {
            id: e.id, ideaId: e.ideaId, ideaTitle: idea?.title ?? null, ideaOrganisation: idea ? orgs.get(idea.organisationId)?.name ?? null : null,
            organisationId: e.organisationId, organisation: orgs.get(e.organisationId)?.name ?? null, userId: e.userId, message: e.message, createdAt: e.createdAt,
          };
        }),
      };
    },

    async connections() {
      const [list, orgs, ideas] = await Promise.all([store.listConnections(), organisations(), allIdeas()]);
      const titles = new Map(ideas.map((i) => [i.id, i.title]));
      return {
        columns: ['id', 'ideaId', 'ideaTitle', 'organisationAId', 'organisationA', 'organisationBId', 'organisationB', 'via', 'createdAt'],
        items: list.map((c) => ({
          id: c.id, ideaId: c.ideaId, ideaTitle: titles.get(c.ideaId) ?? null, organisationAId: c.organisationA, organisationA: orgs.get(c.organisationA)?.name ?? null,
          organisationBId: c.organisationB, organisationB: orgs.get(c.organisationB)?.name ?? null, via: c.via, createdAt: c.createdAt,
        })),
      };
    },

    async clusters() {
      const [ideas, orgs] = await Promise.all([allIdeas(), organisations()]);
      const byId = new Map(ideas.map((i) => [i.id, i]));
      const clusters = matching.clusters().filter((c) => c.size > 0).sort((a, b) => a.id - b.id);
      return {
        columns: ['id', 'label', 'autoLabel', 'override', 'size', 'ideaIds', 'ideaTitles', 'organisations'],
        items: clusters.map((c) => {
          const members = c.members.map((id) => byId.get(id)).filter((i): i is Idea => i !== undefined);
          const orgIds = [...new Set(members.map((i) => i.organisationId))];
          return {
            id: c.id, label: c.label, autoLabel: c.autoLabel, override: c.override, size: members.length,
            ideaIds: members.map((i) => i.id), ideaTitles: members.map((i) => i.title),
            organisations: orgIds.map((id) => orgs.get(id)?.name ?? id),
            ideas: members.map((i) => ({ id: i.id, title: i.title, organisationId: i.organisationId, organisation: orgs.get(i.organisationId)?.name ?? null })),
          };
        }),
      };
    },

    async calls() {
      const now = clock.now();
      return {
        columns: ['id', 'number', 'name', 'type', 'themes', 'opensAt', 'closesAt', 'status', 'decided', 'decidedOn', 'maxSubsidyEur',
          'maxDurationMonths', 'realiseBy', 'minPartners', 'maxPartners', 'description', 'sourceUrls', 'createdAt', 'updatedAt'],
        items: (await store.listCalls()).map((c) => ({
          id: c.id, number: c.number, name: c.name, type: c.type, themes: c.themes ?? [], opensAt: c.opensAt, closesAt: c.closesAt,
          status: callStatus(c, now), decided: c.decided, decidedOn: c.decidedOn, maxSubsidyEur: c.maxSubsidyEur,
          maxDurationMonths: c.maxDurationMonths, realiseBy: c.realiseBy, minPartners: c.rules.minPartners ?? null,
          maxPartners: c.rules.maxPartners ?? null, description: c.description, sourceUrls: c.sourceUrls, createdAt: c.createdAt, updatedAt: c.updatedAt,
        })),
      };
    },

    async partnerships() {
      const [orgs, calls] = await Promise.all([organisations(), store.listCalls()]);
      const name = (id: string) => orgs.get(id)?.name ?? id;
      const callName = new Map(calls.map((c) => [c.id, c.name]));
      const inState = (p: Partnership, state: MembershipState) => p.memberships.filter((m) => m.state === state).map((m) => m.organisationId);
      return {
        columns: ['id', 'title', 'ideaId', 'callId', 'call', 'status', 'leadId', 'lead', 'partnerCount', 'partners', 'partnerIds', 'invited', 'requested',
          'leadOfferedTo', 'createdAt', 'updatedAt', 'submittedAt', 'decidedAt'],
        items: (await store.listPartnerships()).map((p) => {
          const members = inState(p, 'member');
          return {
            id: p.id, title: p.title, ideaId: p.ideaId, callId: p.callId, call: p.callId ? callName.get(p.callId) ?? null : null, status: p.status,
            leadId: p.leadOrganisationId, lead: name(p.leadOrganisationId), partnerCount: members.length, partners: members.map(name), partnerIds: members,
            invited: inState(p, 'invited').map(name), requested: inState(p, 'requested').map(name),
            leadOfferedTo: p.leadOfferedTo ? name(p.leadOfferedTo) : null, createdAt: p.createdAt, updatedAt: p.updatedAt,
            submittedAt: p.submittedAt, decidedAt: p.decidedAt,
          };
        }),
      };
    },
  };

  return {
    async export(viewer: Viewer, dataset: string, format: string): Promise<ExportFile> {
      const actor = requireProgramme(viewer);
      if (!(EXPORT_DATASETS as readonly string[]).includes(dataset) || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new AppError('not_found', 'moderation.errors.export_not_found');
      }
      const now = clock.now();
      const table = await tables[dataset as ExportDataset]();
      const filename = `medestander-${dataset}-${brusselsDate(now)}.${format}`;
      const body = format === 'json'
        ? JSON.stringify({ dataset, exportedAt: now.toISOString(), items: table.items }, null, 2)
        : toCsv(table.columns, table.items.map((item) => table.columns.map((col) => joinList(item[col] ?? null))));
      await audit.record(actor, 'export.downloaded', { type: 'export', id: `${dataset}.${format}` }, { dataset, format, rows: String(table.items.length) });
      return { filename, body, rows: table.items.length, contentType: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8' };
    },
  };
}

export type Exports = ReturnType<typeof createExports>;
