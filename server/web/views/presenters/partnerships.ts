// What a partnership looks like to the API and to the pages, built from the domain's PartnershipView.
import type { PartnershipView } from '../../../domain/partnerships/view.js';
import { t, type Locale } from '../../../i18n/index.js';

/** The API's answer: the fields the schema (schemas/partnerships.ts) names, in its order. */
export function presentPartnershipJson(p: PartnershipView) {
  return {
    id: p.id, title: p.title, idea: p.idea, call: p.call, status: p.status, lead: p.lead,
    members: p.partners.map((m) => ({ id: m.organisation.id, name: m.organisation.name, lead: m.lead, joinedAt: m.joinedAt, contact: m.contact })),
    invitations: p.invitations?.map((i) => ({ id: i.organisation.id, name: i.organisation.name, since: i.since })) ?? null,
    requests: p.requests?.map((i) => ({ id: i.organisation.id, name: i.organisation.name, since: i.since })) ?? null,
    leadOfferedTo: p.leadOfferedTo, createdAt: p.createdAt, updatedAt: p.updatedAt, submittedAt: p.submittedAt, decidedAt: p.decidedAt,
    version: p.version, you: { state: p.viewer.state, isLead: p.viewer.isLead, may: p.viewer.may },
  };
}

/** One partnership for the list and its page, its status in the reader's language. */
export function presentPartnership(p: PartnershipView, locale: Locale) {
  return {
    ...p, href: `/partnerships/${p.id}`,
    statusText: t(locale, `partnerships.status.${p.status}`),
    // Every local government in it, the lead first, so that "3 besturen: Lier, Mol, Mechelen" adds up.
    partnerNames: p.partners.map((m) => m.organisation.name).join(', '),
    partnerCount: p.partners.length,
  };
}
