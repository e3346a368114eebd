// The check-in forms speak in Brussels wall-clock boxes (datetime-local) and text; the service speaks
// in instants written with the Brussels offset and numbers. This turns one into the other.
import { brusselsLocalToIso } from '../../domain/check-in-times.js';

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A box's wall-clock time as the service wants it; the text itself when it is none, so the error names the field. */
const moment = (v: unknown): string => { const s = str(v); return brusselsLocalToIso(s) ?? s; };
const num = (v: unknown): number | string | undefined => { const s = str(v); return s === '' ? undefined : /^\d+$/.test(s) ? Number(s) : s; };

/**
 * The boxes moment1..moment3 as `moments`: the empty ones left out, the others in their place, so
 * `moments.1` still names the second box when the first is filled (an empty first box with a filled
 * second is refused on the first: it is the required one).
 */
export function momentsOf(body: Body): string[] {
  const boxes = [body.moment1, body.moment2, body.moment3].map(str);
  const last = boxes.reduce((n, b, i) => (b ? i + 1 : n), 0);
  return boxes.slice(0, Math.max(last, 1)).map((b) => (b ? moment(b) : ''));
}

export const requestInput = (body: Body): Body => ({
  subject: { type: str(body.subjectType), id: str(body.subjectId) }, moments: momentsOf(body), note: typeof body.note === 'string' ? body.note : '',
});

export const askAgainInput = (body: Body): Body => ({ moments: momentsOf(body), ...(typeof body.note === 'string' && body.note.trim() ? { note: body.note } : {}) });

/** Confirm: the moment is one of the radio buttons (already an instant); propose: a wall-clock box. */
export function decisionInput(body: Body, how: 'confirm' | 'propose'): Body {
  const input: Body = { moment: how === 'confirm' ? str(body.moment) : moment(body.moment), place: str(body.place) || null };
  const minutes = num(body.durationMinutes);
  if (minutes !== undefined) input.durationMinutes = minutes;
  return input;
}

/** What was typed, to show again after a refusal. */
export function typedValues(body: Body): Record<string, string> {
  const values: Record<string, string> = {};
  for (const k of ['subjectType', 'subjectId', 'moment1', 'moment2', 'moment3', 'note', 'moment', 'durationMinutes', 'place']) {
    if (typeof body[k] === 'string') values[k] = body[k] as string;
  }
  return values;
}
