/**
 * A call for proposals and its rules as pure functions of the call and a time passed in, so the home
 * page, the board and the submission step agree on whether a call is open and on why a partnership
 * cannot be submitted to it.
 *
 *   const call = openCall(calls, clock.now());            // the one the home page and board show
 *   const left = call && countdown(call, clock.now());    // { days: 2, hours: 3, minutes: 0 }
 *   const broken = checkSubmission({ call, now, partnerCount: 17 });
 *   // [{ code: 'too_many_partners', max: 16, actual: 17 }] when the call allows 16
 */
import type { Theme } from '../../store/store.js';

export type CallType = 'concept' | 'thematic' | 'transformation';
export const CALL_TYPES_IN_ORDER: readonly CallType[] = ['concept', 'thematic', 'transformation'];

export interface CallTypeCaps {
  maxSubsidyEur: number;
  /** How long a project of this type may run; null where the type has an end date instead. */
  maxDurationMonths: number | null;
  /** The date (Brussels) by which a project of this type must be realised, whatever its start. */
  realiseBy: string | null;
}

/**
 * The programme's three types (innovatieve concepten, thematische projecten, transformatieprojecten).
 * A call copies its type's caps when it is made, so a programme can later set a call apart without
 * changing what earlier calls allowed.
 */
export const CALL_TYPES: Readonly<Record<CallType, Readonly<CallTypeCaps>>> = {
  concept: { maxSubsidyEur: 150_000, maxDurationMonths: 12, realiseBy: null },
  thematic: { maxSubsidyEur: 500_000, maxDurationMonths: 36, realiseBy: null },
  transformation: { maxSubsidyEur: 2_000_000, maxDurationMonths: null, realiseBy: '2025-12-31' },
};

/** The subsidy covers at most this share of a project's costs (at least 20% is the partners' own). */
export const MAX_SUBSIDY_SHARE = 0.8;

/**
 * Partners are counted the way the programme counts them ("a partnership of 6.5 local governments on
 * average, up to 16"): every local government in the partnership, the lead included. A rule a call
 * does not state is absent, never a default.
 */
export interface CallRules {
  minPartners?: number;
  maxPartners?: number;
}

export interface Call {
  id: string;
  name: string;
  type: CallType;
  /** The themes a call accepts; null when the call names none, which restricts nothing. */
  themes: readonly Theme[] | null;
  /**
   * ISO 8601 with the Brussels offset written out. Null: announced without an opening date (or, for
   * history, one nobody recorded); such a call is never shown as open, rather than open since always.
   */
  opensAt: string | null;
  closesAt: string;
  /** The programme has announced its decision (also true when only the fact, not the day, is known). */
  decided: boolean;
  /** The day of the decision (a Brussels date, YYYY-MM-DD); a future day means "expected then". */
  decidedOn: string | null;
  maxSubsidyEur: number;
  maxDurationMonths: number | null;
  realiseBy: string | null;
  rules: CallRules;
}

export type CallStatus = 'upcoming' | 'open' | 'closed' | 'decided';

const ms = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${iso}`);
  return t;
};

/** Open from `opensAt` up to and including the closing second; decided only once closed. */
export function callStatus(call: Call, now: Date): CallStatus {
  const t = now.getTime();
  if (t <= ms(call.closesAt)) return call.opensAt !== null && t >= ms(call.opensAt) ? 'open' : 'upcoming';
  if (call.decidedOn !== null) return brusselsDate(now) >= call.decidedOn ? 'decided' : 'closed';
  return call.decided ? 'decided' : 'closed';
}

// One formatter for the process: building one costs far more than using it.
const BRUSSELS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels', hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** The date and time a clock on a wall in Brussels shows at this instant. */
export function brusselsWallClock(at: Date): WallClock {
  const part: Record<string, number> = {};
  for (const p of BRUSSELS.formatToParts(at)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return { year: part.year!, month: part.month!, day: part.day!, hour: part.hour!, minute: part.minute!, second: part.second! };
}

/** The Brussels calendar date of an instant, YYYY-MM-DD (comparable as a string). */
export function brusselsDate(at: Date): string {
  const w = brusselsWallClock(at);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The wall-clock reading as if it were UTC: two readings subtract to the time a person in Brussels counts. */
const wallMs = (at: Date): number => {
  const w = brusselsWallClock(at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
};

/** The Brussels offset from UTC at an instant, as written in ISO 8601 ('+01:00' in winter, '+02:00' in summer). */
export function brusselsOffset(at: Date): string {
  const minutes = Math.round((wallMs(at) - at.getTime()) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface Countdown { days: number; hours: number; minutes: number }

/**
 * Time left until the call closes, as a person in Brussels counts it on the calendar and the wall
 * clock: from Saturday noon to Monday noon is 2 days even when the clocks went back an hour on the
 * Sunday in between (49 hours elapse). Null once the call has closed.
 */
export function countdown(call: Call, now: Date): Countdown | null {
  const close = new Date(ms(call.closesAt));
  if (now.getTime() > close.getTime()) return null;
  // Inside the repeated hour of an autumn night the wall clock can read later than at closing time.
  const left = Math.max(0, wallMs(close) - wallMs(now));
  const minutes = Math.floor(left / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

const byClosing = (a: Call, b: Call): number =>
  ms(a.closesAt) - ms(b.closesAt) || a.id.localeCompare(b.id);

/** The call the home page and the board show: the open one, or of several open the one closing first. */
export function openCall<C extends Call>(calls: readonly C[], now: Date): C | null {
  return calls.filter((c) => callStatus(c, now) === 'open').sort(byClosing)[0] ?? null;
}

const opening = (c: Call): number => (c.opensAt === null ? Infinity : ms(c.opensAt));

/** The call that opens next, to announce when none is open; one without an opening date comes last. */
export function nextCall<C extends Call>(calls: readonly C[], now: Date): C | null {
  return calls.filter((c) => callStatus(c, now) === 'upcoming')
    .sort((a, b) => opening(a) - opening(b) || byClosing(a, b))[0] ?? null;
}

/** A rule a submission breaks, with the numbers the page needs to say why. */
export type BrokenRule =
  | { code: 'call_not_open'; status: CallStatus }
  | { code: 'too_few_partners'; min: number; actual: number }
  | { code: 'too_many_partners'; max: number; actual: number }
  | { code: 'theme_not_allowed'; theme: Theme; allowed: Theme[] }
  | { code: 'subsidy_over_max'; max: number; actual: number }
  | { code: 'subsidy_over_share'; maxShare: number; max: number; actual: number }
  | { code: 'duration_over_max'; max: number; actual: number }
  | { code: 'ends_after_deadline'; latest: string; actual: string };

export interface Submission {
  call: Call;
  now: Date;
  /** Local governments in the partnership, the lead included; the caller decides who counts (e.g. only partners who consented). */
  partnerCount: number;
  theme?: Theme;
  /** What the partnership asks, and what the project costs in total, in euro. */
  subsidyEur?: number;
  costEur?: number;
  durationMonths?: number;
  /** Planned last day (YYYY-MM-DD). */
  endsOn?: string;
}

/**
 * Every rule of the call that this submission breaks, in the order a form lists them; empty when it
 * may be submitted. What is not given (a budget not drawn up yet) is not checked.
 */
export function checkSubmission(s: Submission): BrokenRule[] {
  const { call } = s;
  const broken: BrokenRule[] = [];
  const status = callStatus(call, s.now);
  if (status !== 'open') broken.push({ code: 'call_not_open', status });
  const { minPartners, maxPartners } = call.rules;
  if (minPartners !== undefined && s.partnerCount < minPartners) broken.push({ code: 'too_few_partners', min: minPartners, actual: s.partnerCount });
  if (maxPartners !== undefined && s.partnerCount > maxPartners) broken.push({ code: 'too_many_partners', max: maxPartners, actual: s.partnerCount });
  if (s.theme !== undefined && call.themes !== null && !call.themes.includes(s.theme)) {
    broken.push({ code: 'theme_not_allowed', theme: s.theme, allowed: [...call.themes] });
  }
  if (s.subsidyEur !== undefined) {
    if (s.subsidyEur > call.maxSubsidyEur) broken.push({ code: 'subsidy_over_max', max: call.maxSubsidyEur, actual: s.subsidyEur });
    if (s.costEur !== undefined) {
      // Rounded down to the cent: a cap the applicant can type in and meet exactly.
      const maxCents = Math.floor(Math.round(s.costEur * 100) * MAX_SUBSIDY_SHARE);
      if (Math.round(s.subsidyEur * 100) > maxCents) {
        broken.push({ code: 'subsidy_over_share', maxShare: MAX_SUBSIDY_SHARE, max: maxCents / 100, actual: s.subsidyEur });
      }
    }
  }
  if (s.durationMonths !== undefined && call.maxDurationMonths !== null && s.durationMonths > call.maxDurationMonths) {
    broken.push({ code: 'duration_over_max', max: call.maxDurationMonths, actual: s.durationMonths });
  }
  if (s.endsOn !== undefined && call.realiseBy !== null && s.endsOn > call.realiseBy) {
    broken.push({ code: 'ends_after_deadline', latest: call.realiseBy, actual: s.endsOn });
  }
  return broken;
}
