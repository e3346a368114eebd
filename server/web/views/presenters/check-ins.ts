// What a check-in looks like to the API and to the pages, built from the domain's CheckInView.
import type { CheckInView, WeekCheckIn } from '../../../domain/check-ins.js';
import { brusselsLocal } from '../../../domain/check-in-times.js';
import { t, type Locale } from '../../../i18n/index.js';
import type { FieldErrors } from '../../../errors.js';
import { brusselsText } from './calls.js';

/** The API's answer: the fields the schema (schemas/check-ins.ts) names, in its order. */
export function presentCheckInJson(c: CheckInView) {
  return {
    id: c.id, organisation: { id: c.organisationId, name: c.organisationName },
    subject: { type: c.subject.type, id: c.subject.id, title: c.subjectTitle },
    preferredMoments: [...c.preferredMoments], note: c.note, status: c.status, moment: c.moment,
    durationMinutes: c.durationMinutes, place: c.place, sequence: c.sequence, version: c.version,
    createdAt: c.createdAt, updatedAt: c.updatedAt, permissions: { ...c.permissions },
  };
}

const subjectHref = (c: { subject: { type: string; id: string } }): string =>
  c.subject.type === 'idea' ? `/ideas/${encodeURIComponent(c.subject.id)}` : `/partnerships/${encodeURIComponent(c.subject.id)}`;

/** A link only when it is a web address: a place is shown as text otherwise. */
const webLink = (place: string | null): string | null => (place && /^https:\/\/[^\s]+$/.test(place) ? place : null);

/** A form that was refused on this page: which check-in and which form, what was typed, and why. */
export interface FailedForm { id: string; form: 'confirm' | 'propose' | 'ask-again'; values: Record<string, string>; errors: Record<string, { message: string }> }

/** One check-in for the list: texts in the reader's language, the forms the reader may use with what they typed. */
export function presentCheckIn(c: CheckInView, locale: Locale, failed?: FailedForm) {
  const mine = failed?.id === c.id ? failed : undefined;
  const typed = (form: FailedForm['form']) => (mine?.form === form ? { values: mine.values, errors: mine.errors } : { values: {}, errors: {} });
  const confirm = withDefaults(typed('confirm'), { durationMinutes: String(c.durationMinutes), place: c.place ?? '' });
  return {
    id: c.id, anchor: `check-in-${c.id}`, status: c.status, statusText: t(locale, `check_ins.status.${c.status}`),
    organisation: c.organisationName, subject: { title: c.subjectTitle, href: subjectHref(c), typeText: t(locale, `check_ins.subject.${c.subject.type}`) },
    note: c.note, preferred: c.preferredMoments.map((m, i) => ({
      value: m, text: brusselsText(locale, m), checked: confirm.values.moment !== undefined ? confirm.values.moment === m : i === 0,
    })),
    moment: c.moment ? { iso: c.moment, text: brusselsText(locale, c.moment) } : null,
    duration: t(locale, 'check_ins.duration', { minutes: c.durationMinutes }), durationMinutes: c.durationMinutes,
    place: c.place, placeLink: webLink(c.place), ics: c.permissions.ics ? `/check-ins/${encodeURIComponent(c.id)}.ics` : null,
    can: c.permissions,
    forms: {
      confirm, propose: withDefaults(typed('propose'), { moment: c.moment ? brusselsLocal(c.moment) : '', durationMinutes: String(c.durationMinutes), place: c.place ?? '' }),
      askAgain: typed('ask-again'),
    },
  };
}

const withDefaults = (f: { values: Record<string, string>; errors: Record<string, { message: string }> }, defaults: Record<string, string>) =>
  ({ values: Object.keys(f.values).length ? f.values : defaults, errors: f.errors });

/** The board's "this week": the moment, the organisation and the subject; no contacts. */
export function presentWeek(items: WeekCheckIn[], locale: Locale) {
  return items.map((c) => ({ id: c.id, iso: c.moment, text: brusselsText(locale, c.moment), organisation: c.organisation.name, subject: c.subject.title, href: subjectHref(c) }));
}

/** Field errors of a form whose boxes are named as the service names its fields (`moments.1` → `moment2`). */
export function formErrors(fields: Record<string, { code: string; message: string }> | undefined): Record<string, { message: string }> {
  const out: Record<string, { message: string }> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    const m = /^moments\.(\d)$/.exec(k);
    const box = m ? `moment${Number(m[1]) + 1}` : k === 'moments' ? 'moment1' : k.replace(/^subject\..*$/, 'subject');
    out[box] ??= { message: v.message };
  }
  return out;
}

export type { FieldErrors };
