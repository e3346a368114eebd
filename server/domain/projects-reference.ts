// The programme's 38 funded projects ship as an optional catalogue (partnerships/reference/projects-gzg.json);
// this puts them into a store, again and again without duplicates, for `npm run projects:load` and `seed:demo`.
import { newId } from '../store/ids.js';
import type { ProjectRecord, ProjectStatus, Store } from '../store/store.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import { gzgReference, type ReferenceProject } from './partnerships/reference.js';

const STATUS: Record<ReferenceProject['status'], ProjectStatus> = { submitted: 'submitted', approved: 'funded', running: 'running', ended: 'ended' };

export interface ProjectLoadReport { added: string[]; linked: string[]; unchanged: string[] }

/**
 * Adds each reference project the store lacks (by its reference key), linked to its call by number
 * when that call is in the store; a lead or partner that is not among the store's organisations is kept
 * by name. A project already there is left as it is (the programme team may have edited it, accepted
 * partners may have joined), except that a call loaded since is linked. Each add goes to the audit log
 * as the system's.
 */
export async function loadReferenceProjects(deps: { store: Store; clock: Clock; audit: Audit }, projects: readonly ReferenceProject[] = gzgReference().projects): Promise<ProjectLoadReport> {
  const { store, clock, audit } = deps;
  const report: ProjectLoadReport = { added: [], linked: [], unchanged: [] };
  const known = new Set((await store.listOrganisations()).map((o) => o.id));
  for (const ref of projects) {
    const call = await store.getCallByNumber(ref.call);
    const found = await store.getProjectByReferenceKey(ref.id);
    if (found) {
      if (found.callId === null && call) {
        await store.updateProject(found.id, { callId: call.id, callNumber: call.number }, iso(clock));
        report.linked.push(ref.id);
      } else {
        report.unchanged.push(ref.id);
      }
      continue;
    }
    const lead = ref.lead && known.has(ref.lead.organisationId) ? ref.lead : null;
    const partners = ref.partners.filter((p) => known.has(p.organisationId));
    const now = iso(clock);
    const project: ProjectRecord = {
      id: newId(), title: ref.title, summary: ref.summary, callId: call?.id ?? null, callNumber: ref.call, type: ref.type, theme: ref.theme,
      leadOrganisationId: lead?.organisationId ?? null, leadName: lead?.name ?? ref.leadLabel ?? ref.lead?.name ?? '?',
      partnerOrganisationIds: partners.map((p) => p.organisationId),
      otherPartners: [...ref.partners.filter((p) => !known.has(p.organisationId)).map((p) => p.name), ...ref.otherPartners],
      status: STATUS[ref.status], url: ref.link, partnershipId: null, source: 'reference', referenceKey: ref.id, createdAt: now, updatedAt: now,
    };
    await store.createProject(project);
    await audit.record(null, 'project.created', { type: 'project', id: project.id }, { title: project.title, source: 'reference', referenceKey: ref.id });
    report.added.push(ref.id);
  }
  return report;
}
