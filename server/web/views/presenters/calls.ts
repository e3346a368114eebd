// What a call looks like to the API and to the pages, built from the domain's CallView, never the record itself.
import type { CallView } from '../../../domain/calls.js';
import { formatNumber, t, type Locale } from '../../../i18n/index.js';

/** The API's answer: the fields the schema (schemas/calls.ts) names, in its order. */
export function presentCallJson(c: CallView) {
  return {
    id: c.id, number: c.number, name: c.name, type: c.type, themes: c.themes, opensAt: c.opensAt, closesAt: c.closesAt,
    decided: c.decided, decidedOn: c.decidedOn, maxSubsidyEur: c.maxSubsidyEur, maxDurationMonths: c.maxDurationMonths,
    realiseBy: c.realiseBy, rules: { ...c.rules }, description: c.description, sourceUrls: [...c.sourceUrls],
    status: c.status, countdown: c.countdown, createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
}

const dateFormat = (locale: Locale, withTime: boolean) => new Intl.DateTimeFormat(locale === 'nl' ? 'nl-BE' : 'en-GB', {
  timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
});

/** A moment in Brussels time: "31 december 2026 om 23:59" reads as "31 december 2026, 23:59". */
export const brusselsText = (locale: Locale, isoWithOffset: string, withTime = true): string => dateFormat(locale, withTime).format(new Date(isoWithOffset));
const dayText = (locale: Locale, day: string): string => dateFormat(locale, false).format(new Date(`${day}T12:00:00Z`));

/** "Oproep 5 sluit over 12 dagen", or for the next call "opent op …"; the plural comes from the catalogue. */
export function countdownText(locale: Locale, c: CallView): string {
  if (c.status === 'open' && c.countdown) {
    const { days, hours } = c.countdown;
    return days > 0 ? t(locale, 'calls.countdown.days', { name: c.name, count: days }) : t(locale, 'calls.countdown.hours', { name: c.name, count: hours });
  }
  if (c.status === 'upcoming' && c.opensAt) return t(locale, 'calls.countdown.opens', { name: c.name, date: brusselsText(locale, c.opensAt, false) });
  return t(locale, `calls.status.${c.status}`);
}

const STATUS_ORDER: Record<CallView['status'], number> = { open: 0, upcoming: 1, closed: 2, decided: 3 };

/** The calls page's order: what a municipality can still apply for first (open, then upcoming), then the rest, newest first. */
export const byRelevance = (calls: CallView[]): CallView[] =>
  [...calls].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.number - a.number);

/** One call for the list and its page: every text already in the reader's language. */
export function presentCall(c: CallView, locale: Locale) {
  const rules: string[] = [];
  if (c.rules.minPartners !== undefined) rules.push(t(locale, 'calls.rules.min_partners', { count: c.rules.minPartners }));
  if (c.rules.maxPartners !== undefined) rules.push(t(locale, 'calls.rules.max_partners', { count: c.rules.maxPartners }));
  return {
    id: c.id, number: c.number, name: c.name, href: `/calls/${c.id}`,
    type: t(locale, `calls.type.${c.type}`),
    subsidy: t(locale, 'calls.max_subsidy', { amount: formatNumber(locale, c.maxSubsidyEur) }),
    duration: c.maxDurationMonths !== null ? t(locale, 'calls.max_duration', { count: c.maxDurationMonths })
      : c.realiseBy !== null ? t(locale, 'calls.realise_by', { date: dayText(locale, c.realiseBy) }) : null,
    themes: c.themes === null ? [t(locale, 'calls.themes.all')] : c.themes.map((th) => t(locale, `themes.${th}`)),
    opens: c.opensAt ? brusselsText(locale, c.opensAt) : t(locale, 'calls.opens_unknown'),
    closes: brusselsText(locale, c.closesAt),
    decidedOn: c.decidedOn ? dayText(locale, c.decidedOn) : null,
    status: c.status, statusText: t(locale, `calls.status.${c.status}`),
    countdown: c.status === 'open' || c.status === 'upcoming' ? countdownText(locale, c) : null,
    rules, description: c.description, sourceUrls: c.sourceUrls,
  };
}

/** The home page's and the board's banner: the open call with its countdown, or the next one; null for none. */
export function presentCurrentCall(current: { call: CallView; open: boolean } | null, locale: Locale) {
  if (!current) return null;
  return { open: current.open, name: current.call.name, href: `/calls/${current.call.id}`, text: countdownText(locale, current.call) };
}

export type CallCard = ReturnType<typeof presentCall>;
