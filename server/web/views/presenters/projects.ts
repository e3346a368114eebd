// What a project looks like to the API and to the pages, built from the domain's ProjectView, never the record itself.
import type { JoinRequestView, ProjectMatch, ProjectView } from '../../../domain/projects.js';
import { t, type Locale } from '../../../i18n/index.js';

/** The API's answer: the fields the schema (schemas/projects.ts) names, in its order. */
export function presentProjectJson(p: ProjectView) {
  return {
    id: p.id, title: p.title, summary: p.summary, call: p.call ? { ...p.call } : null, callNumber: p.callNumber, type: p.type, theme: p.theme,
    lead: { ...p.lead }, partners: p.partners.map((x) => ({ ...x })), status: p.status, url: p.url, partnershipId: p.partnershipId,
    source: p.source, createdAt: p.createdAt, updatedAt: p.updatedAt,
  };
}

export function presentJoinRequestJson(r: JoinRequestView) {
  return {
    id: r.id, projectId: r.projectId, organisation: { id: r.organisationId, name: r.organisationName }, message: r.message, status: r.status,
    createdAt: r.createdAt, answeredAt: r.answeredAt,
  };
}

/** A project beside the similar ideas: enough to say "… met …" and link to its page; never a contact. */
export function presentProjectMatch(m: ProjectMatch) {
  const p = m.project;
  return {
    project: { id: p.id, title: p.title, status: p.status, callNumber: p.callNumber, lead: { ...p.lead }, partners: p.partners.map((x) => ({ ...x })), url: p.url },
    score: Math.round(m.score * 1000) / 1000,
    terms: [...m.terms],
  };
}

/** The lead's name; a funded project whose lead the reference data does not know is stored with '?' (projects-reference.ts). */
export const UNKNOWN_LEAD = '?';
export const leadName = (locale: Locale, lead: { id: string | null; name: string }): string =>
  (!lead.id && lead.name === UNKNOWN_LEAD ? t(locale, 'projects.lead_unknown') : lead.name);

/** "Gent met Oostende, Brugge en 9 andere besturen": the lead and at most `shown` partners by name. */
export function withWhom(locale: Locale, p: Pick<ProjectView, 'lead' | 'partners'>, shown = 3): string {
  const lead = leadName(locale, p.lead);
  if (p.partners.length === 0) return lead;
  const names = p.partners.slice(0, shown).map((x) => x.name);
  const rest = p.partners.length - names.length;
  const partners = rest > 0 ? t(locale, 'projects.with_more', { names: names.join(', '), count: rest }) : names.join(', ');
  return t(locale, 'projects.lead_with', { lead, partners });
}

/** For the similar-projects list on the form and the idea page. */
export function presentProjectMatchForPage(m: ProjectMatch, locale: Locale) {
  return { ...presentProjectMatch(m), percent: Math.round(m.score * 100), withWhom: withWhom(locale, m.project) };
}

/** One project for the catalogue and its page: every text already in the reader's language. */
export function presentProject(p: ProjectView, locale: Locale) {
  return {
    id: p.id, title: p.title, summary: p.summary, url: p.url, status: p.status,
    statusText: t(locale, `projects.status.${p.status}`),
    typeText: t(locale, `calls.type.${p.type}`),
    themeText: t(locale, `themes.${p.theme}`),
    call: p.call, callText: p.call ? p.call.name : p.callNumber !== null ? t(locale, 'projects.call_number', { number: p.callNumber }) : null,
    lead: { ...p.lead, name: leadName(locale, p.lead) }, partners: p.partners, withWhom: withWhom(locale, p),
  };
}

export function presentJoinRequest(r: JoinRequestView, locale: Locale) {
  return { ...presentJoinRequestJson(r), statusText: t(locale, `projects.join.status.${r.status}`) };
}
