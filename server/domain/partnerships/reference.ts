/**
 * GzG's seven calls and its catalogue of funded projects as checked, typed data, for seed:demo and
 * for loading into a real store. The JSON files are edited by hand, so nothing reads them unchecked.
 *
 *   const { calls, projects } = gzgReference();           // throws when a file is malformed
 *   referenceProblems(calls, projects, FLEMISH_MUNICIPALITIES)   // [] when they agree with each other
 */
import { z } from 'zod';
import { municipalityId, type Municipality } from '../organisations.js';
import { THEMES, type Theme } from '../../store/store.js';
import { CALL_TYPES, CALL_TYPES_IN_ORDER, type CallType } from './calls.js';
import callsFile from './reference/calls-gzg.json' with { type: 'json' };
import projectsFile from './reference/projects-gzg.json' with { type: 'json' };

// Brussels time written out: a date without its offset is read differently by each machine.
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, 'ISO 8601 with an offset')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => { const t = Date.parse(`${s}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s); }, 'not a real day');
const url = z.string().url().regex(/^https?:\/\//);
const theme = z.enum(THEMES as [Theme, ...Theme[]]);
const callType = z.enum(CALL_TYPES_IN_ORDER as [CallType, ...CallType[]]);
const count = z.number().int().positive();
const euro = z.number().nonnegative().multipleOf(0.01);

const callSchema = z.object({
  id: z.string().regex(/^gzg-\d+$/),
  number: count,
  name: z.string().min(5),
  type: callType,
  themes: z.array(theme).min(1).nullable(),
  opensAt: instant.nullable(),
  closesAt: instant,
  decided: z.boolean(),
  decidedOn: day.nullable(),
  maxSubsidyEur: euro,
  maxDurationMonths: count.nullable(),
  realiseBy: day.nullable(),
  rules: z.object({ minPartners: count.optional(), maxPartners: count.optional() }).strict(),
  milestones: z.array(z.object({ kind: z.enum(['assessment', 'pitch']), from: day, to: day }).strict()),
  results: z.object({
    applications: count.optional(),
    initiators: count.optional(),
    approved: count.optional(),
    localGovernments: count.optional(),
    averagePartnershipSize: z.number().positive().optional(),
    largestPartnershipSize: count.optional(),
    subsidyTotalEur: euro.optional(),
  }).strict(),
  sources: z.array(url).min(1),
  note: z.string().optional(),
}).strict();

const organisationRef = z.object({ organisationId: z.string().regex(/^be-nis-\d{5}$/), name: z.string().min(1) }).strict();

const projectSchema = z.object({
  id: z.string().regex(/^gzg-\d+-\d{2}$/),
  title: z.string().min(5).max(140),
  /** False when the source gave only a description of the project, which then serves as its title. */
  officialTitle: z.boolean(),
  summary: z.string().min(20).max(400),
  call: count,
  type: callType,
  theme,
  themeInferred: z.boolean(),
  lead: organisationRef.nullable(),
  leadLabel: z.string().min(2).optional(),
  leadConfirmed: z.boolean(),
  partners: z.array(organisationRef),
  otherPartners: z.array(z.string().min(2)),
  adopters: z.array(organisationRef),
  reportedSize: count.nullable(),
  status: z.enum(['submitted', 'approved', 'running', 'ended']),
  subsidyEur: euro.nullable(),
  link: url,
  sources: z.array(url).min(1),
  note: z.string().optional(),
}).strict();

export type ReferenceCall = z.infer<typeof callSchema>;
export type ReferenceProject = z.infer<typeof projectSchema>;
export type OrganisationRef = z.infer<typeof organisationRef>;

const callsSchema = z.object({ about: z.string(), calls: z.array(callSchema) }).strict();
const projectsSchema = z.object({ about: z.string(), projects: z.array(projectSchema) }).strict();

/** Parses the data as given (in tests, a broken copy); throws a ZodError naming the bad field. */
export function parseReference(raw: { calls: unknown; projects: unknown }): { calls: ReferenceCall[]; projects: ReferenceProject[] } {
  return { calls: callsSchema.parse(raw.calls).calls, projects: projectsSchema.parse(raw.projects).projects };
}

let parsed: ReturnType<typeof parseReference> | undefined;

/** The shipped files, parsed once per process. */
export function gzgReference(): { calls: readonly ReferenceCall[]; projects: readonly ReferenceProject[] } {
  parsed ??= parseReference({ calls: callsFile, projects: projectsFile });
  return parsed;
}

/**
 * What the schema cannot see: references between the two files and the municipalities list, and the
 * facts that must agree with each other. Each problem is one readable line; none means consistent.
 */
export function referenceProblems(calls: readonly ReferenceCall[], projects: readonly ReferenceProject[], municipalities: readonly Municipality[]): string[] {
  const problems: string[] = [];
  const nameById = new Map(municipalities.map((m) => [municipalityId(m.nis), m.name]));
  const callByNumber = new Map<number, ReferenceCall>();

  for (const c of calls) {
    if (callByNumber.has(c.number)) problems.push(`call ${c.number}: number used twice`);
    callByNumber.set(c.number, c);
    if (c.id !== `gzg-${c.number}`) problems.push(`call ${c.number}: id ${c.id} does not match its number`);
    const caps = CALL_TYPES[c.type];
    if (c.maxSubsidyEur !== caps.maxSubsidyEur || c.maxDurationMonths !== caps.maxDurationMonths || c.realiseBy !== caps.realiseBy) {
      problems.push(`call ${c.number}: caps differ from its type '${c.type}'`);
    }
    if (c.opensAt !== null && Date.parse(c.opensAt) >= Date.parse(c.closesAt)) problems.push(`call ${c.number}: closes before it opens`);
    const { minPartners, maxPartners } = c.rules;
    if (minPartners !== undefined && maxPartners !== undefined && minPartners > maxPartners) problems.push(`call ${c.number}: minPartners above maxPartners`);
    for (const m of c.milestones) if (m.from > m.to) problems.push(`call ${c.number}: ${m.kind} ends before it starts`);
  }

  const ids = new Set<string>();
  for (const p of projects) {
    const where = `project ${p.id}`;
    if (ids.has(p.id)) problems.push(`${where}: id used twice`);
    ids.add(p.id);
    const call = callByNumber.get(p.call);
    if (!call) {
      problems.push(`${where}: call ${p.call} does not exist`);
    } else {
      if (!p.id.startsWith(`gzg-${p.call}-`)) problems.push(`${where}: id does not name call ${p.call}`);
      if (p.type !== call.type) problems.push(`${where}: type '${p.type}' differs from call ${p.call}'s '${call.type}'`);
      if (call.themes !== null && !call.themes.includes(p.theme)) problems.push(`${where}: theme '${p.theme}' is not open in call ${p.call}`);
      if (p.subsidyEur !== null && p.subsidyEur > call.maxSubsidyEur) problems.push(`${where}: subsidy above the call's maximum`);
    }
    const refs = [...(p.lead ? [p.lead] : []), ...p.partners, ...p.adopters];
    for (const ref of refs) {
      const name = nameById.get(ref.organisationId);
      if (name === undefined) problems.push(`${where}: ${ref.organisationId} is not a municipality`);
      else if (name !== ref.name) problems.push(`${where}: ${ref.organisationId} is ${name}, not ${ref.name}`);
    }
    const members = [...(p.lead ? [p.lead] : []), ...p.partners].map((r) => r.organisationId);
    if (new Set(members).size !== members.length) problems.push(`${where}: a municipality is both lead and partner, or a partner twice`);
    if (p.adopters.some((a) => p.partners.some((q) => q.organisationId === a.organisationId))) problems.push(`${where}: an adopter is also a partner`);
    if (!p.lead && !p.leadLabel && p.leadConfirmed) problems.push(`${where}: no lead, yet the lead is confirmed`);
    if (p.reportedSize !== null && members.length > p.reportedSize) problems.push(`${where}: more municipalities named than reported`);
    const { minPartners, maxPartners } = call?.rules ?? {};
    if (maxPartners !== undefined && Math.max(members.length, p.reportedSize ?? 0) > maxPartners) problems.push(`${where}: more partners than call ${p.call} allows`);
    if (minPartners !== undefined && p.reportedSize !== null && p.reportedSize < minPartners) problems.push(`${where}: fewer partners than call ${p.call} asks`);
    if (!p.sources.includes(p.link)) problems.push(`${where}: link is not one of its sources`);
  }
  for (const c of calls) {
    const listed = projects.filter((p) => p.call === c.number && p.status !== 'submitted').length;
    if (c.results.approved !== undefined && listed > c.results.approved) problems.push(`call ${c.number}: ${listed} approved projects listed, ${c.results.approved} approved`);
  }
  return problems;
}
