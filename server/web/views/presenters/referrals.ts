// The referrals page's view model: each not-funded idea or partnership with its suggested projects as checkboxes.
import { t, type Locale } from '../../../i18n/index.js';
import type { ReferralCandidate } from '../../../domain/referrals.js';

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
      label: t(locale, 'referrals.project_by', { project: s.project.title, lead: s.project.lead.name }),
      href: `/projects/${s.project.id}`,
      score: t(locale, 'referrals.score', { score: s.score.toFixed(2) }),
      referredBefore: s.referredBefore,
      // The closest project not referred before is ticked; the programme team unticks what does not fit.
      checked: i === firstFresh,
    })),
  };
}
