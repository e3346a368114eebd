// Check-in moments are Brussels wall-clock times written with their offset; these turn a form's
// "2026-03-02T10:00" into one, tell whether an offset is Brussels' own, and find this week in Brussels.
import { brusselsOffset, brusselsWallClock } from './partnerships/calls.js';

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True when the offset written in `iso` is the one Brussels has at that instant (+01:00 in winter, +02:00 in summer). */
export function writtenInBrussels(iso: string): boolean {
  const m = /([+-]\d{2}:\d{2})$/.exec(iso);
  const at = new Date(iso);
  return m !== null && !Number.isNaN(at.getTime()) && brusselsOffset(at) === m[1];
}

/**
 * A Brussels wall-clock reading (`YYYY-MM-DDTHH:MM`, as an `<input type="datetime-local">` sends it)
 * as ISO 8601 with its offset; null when it is not one. In the hour skipped in spring the later
 * offset is taken (02:30 on that night does not exist and becomes 03:30); in the hour repeated in
 * autumn, the first.
 */
export function brusselsLocalToIso(local: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const wall = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}`;
  if (Number.isNaN(Date.parse(`${wall}Z`))) return null;
  for (const offset of ['+02:00', '+01:00']) {
    const candidate = `${wall}${offset}`;
    if (writtenInBrussels(candidate)) return candidate;
  }
  return toBrusselsIso(new Date(Date.parse(`${wall}+01:00`)));
}

/** The instant as Brussels writes it: `2026-03-02T10:00:00+01:00`. */
export function toBrusselsIso(at: Date): string {
  const w = brusselsWallClock(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${brusselsOffset(at)}`;
}

/** For a form's box: `2026-03-02T10:00` on the wall in Brussels. */
export const brusselsLocal = (iso: string): string => toBrusselsIso(new Date(iso)).slice(0, 16);

/** Monday 00:00 up to the next Monday 00:00 in Brussels, around `now`, as instants written in Brussels time. */
export function brusselsWeek(now: Date): { from: string; to: string } {
  const w = brusselsWallClock(now);
  const today = Date.UTC(w.year, w.month - 1, w.day);
  const weekday = (new Date(today).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const monday = day(today - weekday * 86_400_000);
  const next = day(today + (7 - weekday) * 86_400_000);
  return { from: brusselsLocalToIso(`${monday}T00:00`)!, to: brusselsLocalToIso(`${next}T00:00`)! };
}
