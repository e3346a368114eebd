// Clusters and the audit log as pages and the API show them, contact persons only where the domain allows.
import type { ClusterDetail } from '../../../domain/clusters.js';
import type { ClusterSummary } from '../../../domain/matching.js';
import { HIDE_REASON_MAX, type HiddenNote } from '../../../domain/moderation.js';
import { formatDate, hasKey, t, type Locale } from '../../../i18n/index.js';
import type { AuditEntry, Idea, Organisation, Theme } from '../../../store/store.js';
import { presentOrganisationRef } from './ideas.js';

const orgName = (o: Organisation) => ({ id: o.id, name: o.name, province: o.province });

/** A cluster card for the list page and `GET /api/clusters`. */
export function presentClusterCard(c: { summary: ClusterSummary; representative: Idea | null; organisations: Organisation[]; themes: { theme: Theme; count: number }[] }) {
  return {
    id: c.summary.id, label: c.summary.label, autoLabel: c.summary.autoLabel, override: c.summary.override, size: c.summary.size,
    representative: presentIdeaRef(c.representative),
    organisations: c.organisations.map(orgName), themes: c.themes,
  };
}

/** An idea by id, title and language only (no contact, no text): what a cluster shows of its representative. */
function presentIdeaRef(i: Idea | null) {
  return i ? { id: i.id, title: i.title, language: i.language } : null;
}

/** Ideas not yet matched (`GET /clusters`, `GET /api/clusters`): titles and organisations, never contacts. */
export function presentUnmatched(list: { idea: Idea; organisation: Organisation | null }[]) {
  return list.map(({ idea, organisation }) => ({ ...presentIdeaRef(idea)!, theme: idea.theme, organisation: presentOrganisationRef(organisation ?? undefined) }));
}

/** The cluster page and `GET /api/clusters/:id`: contacts only where the domain allowed them (else no key at all). */
export function presentCluster(d: ClusterDetail) {
  return {
    id: d.id, label: d.label, autoLabel: d.autoLabel, override: d.override, size: d.ideas.length,
    representative: presentIdeaRef(d.representative),
    ideas: d.ideas.map(({ idea, organisation, contact }) => ({
      id: idea.id, title: idea.title, theme: idea.theme, language: idea.language, createdAt: idea.createdAt,
      organisation: presentOrganisationRef(organisation ?? undefined), ...(contact ? { contact } : {}),
    })),
    organisations: d.organisations.map(orgName),
    themes: d.themes,
    ...(d.history ? { history: d.history.map((e) => ({ id: e.id, at: e.at, by: e.actorName, action: e.action, label: e.details.label || null, previous: e.details.previous || null })) } : {}),
    ...(d.history ? { undo: d.undo ?? null } : {}),
  };
}

/** One audit entry in words: `moderation.audit.action.<action>` filled with its details. */
export function presentAuditEntry(e: AuditEntry, locale: Locale) {
  const key = `moderation.audit.action.${e.action}`;
  const target = e.details.name || e.details.email || e.targetId;
  const params = { ...e.details, target, action: e.action, targetType: e.targetType };
  return {
    ...e,
    text: t(locale, hasKey(key) ? key : 'moderation.audit.action.other', params),
    link: e.targetType === 'idea' ? `/ideas/${e.targetId}` : e.targetType === 'cluster' ? `/clusters/${e.targetId}` : null,
  };
}

/** What the idea page's moderation partial needs; null (nothing rendered) for everyone but the programme team. */
export function presentModeration(locale: Locale, isProgramme: boolean, idea: { id: string; hidden: boolean }, note: HiddenNote | null) {
  if (!isProgramme) return null;
  return {
    ideaId: idea.id,
    hidden: idea.hidden,
    reasonMax: HIDE_REASON_MAX,
    banner: note ? t(locale, note.reason ? 'moderation.hidden.banner' : 'moderation.hidden.banner_no_reason', { by: note.by, at: formatDate(locale, note.at, true), reason: note.reason }) : null,
  };
}

/** For the hidden idea's own organisation (issue 16.8): that the programme team hid it, when and why; null when not hidden. */
export function presentHiddenBanner(locale: Locale, note: HiddenNote | null): { text: string; reason: string } | null {
  if (!note) return null;
  return { text: t(locale, 'ideas.hidden_banner.text', { at: formatDate(locale, note.at, true) }), reason: note.reason };
}
