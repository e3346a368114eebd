// The referrals page's view model: each not-funded idea or partnership with its suggested projects as checkboxes.
import { t, type Locale } from '../../../i18n/index.js';
import type { ReferralCandidate } from '../../../domain/referrals.js';
import { leadName } from './projects.js';

export function presentReferralCandidate(c: ReferralCandidate, locale: Locale) {
  const firstFresh = c.suggestions.findIndex((s) => !s.referredBefore);
  return {
    kind: t(locale, `referrals.subject.${c.subject.type}`),
    title: c.subject.title,
    href: c.subject.type === 'idea' ? `/ideas/${c.subject.id}` : `/partnerships/${c.subject.id}`,
    by: t(locale, 'referrals.by', { organisations: c.organisations.map((o) => o.name).join(', ') }),
    suggestions: c.suggestions.map((s, i) => ({
      value: `${c.subject.type}:${c.subject.id}:${s.project.id}`,
      inputId: `refer-${c.subject.type}-${c.subject.id}-${s.project.id}`,
      label: t(locale, 'referrals.project_by', { project: s.project.title, lead: leadName(locale, s.project.lead) }),
      href: `/projects/${s.project.id}`,
      score: t(locale, 'matching.similar.score', { percent: Math.round(s.score * 100) }),
      referredBefore: s.referredBefore,
      // The closest project not referred before is ticked; the programme team unticks what does not fit.
      checked: i === firstFresh,
    })),
  };
}

/**
 * The page's two parts: the ideas and partnerships with a funded project like them (closest first), to
 * act on; and those without one, listed apart so they do not bury the others.
 */
export function presentReferralPage(items: ReferralCandidate[], locale: Locale) {
  const best = (c: ReferralCandidate) => Math.max(0, ...c.suggestions.map((s) => s.score));
  const withSuggestions = items.filter((c) => c.suggestions.length > 0).sort((a, b) => best(b) - best(a));
  return {
    items: withSuggestions.map((c) => presentReferralCandidate(c, locale)),
    without: items.filter((c) => c.suggestions.length === 0).map((c) => presentReferralCandidate(c, locale)),
  };
}
