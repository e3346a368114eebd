// Ideas as pages and the API show them, shaped so a contact person cannot leak to a viewer not allowed it.
import type { Viewer } from '../../../domain/actor.js';
import type { ContactPolicy } from '../../../domain/rules/contacts.js';
import { actsFor } from '../../../domain/rules/who-may-act.js';
import type { Idea, Organisation } from '../../../store/store.js';

/**
 * Ideas as pages and the API show them. The contact person is personal data: whether this viewer sees
 * it is the domain's rule (`ContactPolicy`: programme team, the posting organisation, organisations
 * connected around the idea), loaded once per request so a list costs one query, not one per idea.
 * Everyone else gets no `contact` key at all — not an empty one — so it cannot leak through a template.
 */

export function presentOrganisationRef(org: Organisation | undefined) {
  return org ? { id: org.id, name: org.name, province: org.province, kind: org.kind } : null;
}

/** The short form for lists and cards: no description body, no contact. */
/**
 * `facts` (support count and cluster, from routes/idea-sort.ts cardFacts) and `likeness` (how close it comes to
 * one of the viewer's organisation's ideas) are shown when given.
 */
export function presentIdeaCard(idea: Idea, org: Organisation | undefined, facts?: { endorsements: number; cluster: { id: number; label: string } | null }, likeness?: { score: number; mine: { id: string; title: string } }) {
  return {
    facts: facts ? { endorsements: facts.endorsements, cluster: facts.cluster ? { id: facts.cluster.id, label: facts.cluster.label } : null, open: idea.status === 'open' } : null,
    likeness: likeness ? { percent: Math.round(likeness.score * 100), mine: likeness.mine } : null,
    id: idea.id,
    title: idea.title,
    excerpt: idea.description.length > 220 ? `${idea.description.slice(0, 217).trimEnd()}…` : idea.description,
    theme: idea.theme,
    tags: idea.tags,
    status: idea.status,
    language: idea.language,
    organisation: presentOrganisationRef(org),
    createdAt: idea.createdAt,
    updatedAt: idea.updatedAt,
  };
}

/** The whole idea for its page and for `GET /api/ideas/:id`. */
export function presentIdea(idea: Idea, org: Organisation | undefined, viewer: Viewer, contacts: ContactPolicy) {
  const mayEdit = actsFor(viewer, idea.organisationId);
  return {
    id: idea.id,
    title: idea.title,
    description: idea.description,
    theme: idea.theme,
    tags: idea.tags,
    status: idea.status,
    language: idea.language,
    version: idea.version,
    callId: idea.callId,
    organisation: presentOrganisationRef(org),
    createdAt: idea.createdAt,
    updatedAt: idea.updatedAt,
    ...(contacts.seesIdeaContact(idea) ? { contact: idea.contact } : {}),
    ...(mayEdit ? { hidden: idea.hidden } : {}), // the programme team and the idea's own organisation (issue 16.8)
    permissions: { edit: mayEdit && idea.status === 'open', withdraw: mayEdit && idea.status === 'open', reopen: mayEdit && idea.status === 'withdrawn' },
  };
}
