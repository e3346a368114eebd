/**
 * One calendar event as an iCalendar file (RFC 5545), for a confirmed check-in: downloaded from its
 * page and attached to its mail. Pure: no clock, no I/O; the caller passes DTSTAMP.
 *
 *   icsEvent({ uid: 'check-in-42@medestander.be', stamp: '2026-03-01T08:00:00.000Z',
 *     start: '2026-03-02T10:00:00+01:00', minutes: 30, summary: 'Check-in', sequence: 0 })
 *
 * What it writes: CRLF line ends; content lines folded at 75 octets (never inside a UTF-8 character);
 * TEXT values escaped (backslash, semicolon, comma, newline); DTSTART/DTEND/DTSTAMP in UTC ("Z"), so
 * no VTIMEZONE is needed; METHOD:REQUEST with SEQUENCE, which a calendar uses to replace an earlier
 * copy of the same UID when the moment changed. RFC 5546 wants an ORGANIZER (and attendees) on a
 * REQUEST: given when known (the mail has them), left out otherwise.
 */

export interface IcsPerson { name?: string; email: string }

export interface IcsEvent {
  /** Globally unique and stable for the event: the same UID with a higher SEQUENCE updates it. */
  uid: string;
  /** When this copy was made (ISO 8601). */
  stamp: string;
  /** Start (ISO 8601, any offset). */
  start: string;
  minutes: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  sequence: number;
  organizer?: IcsPerson;
  attendees?: IcsPerson[];
}

const PRODID = '-//Medestander//Check-ins//NL';

/** 20260302T090000Z */
export function icsUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a time: ${iso}`);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \n. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, without the characters a quoted value cannot hold. */
const paramValue = (value: string): string => `"${value.replace(/["\r\n]/g, '')}"`;

/**
 * Folds one content line (RFC 5545 3.1): no line longer than 75 octets, each continuation starting
 * with one space (which counts), never splitting a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line is one of its 75 octets
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const person = (name: 'ORGANIZER' | 'ATTENDEE', p: IcsPerson, extra = ''): string =>
  `${name}${p.name ? `;CN=${paramValue(p.name)}` : ''}${extra}:mailto:${p.email}`;

/** The whole file: one VCALENDAR with one VEVENT, CRLF after every line. */
export function icsEvent(e: IcsEvent): string {
  if (!Number.isInteger(e.minutes) || e.minutes <= 0) throw new RangeError('minutes must be a positive integer');
  const end = new Date(new Date(e.start).getTime() + e.minutes * 60_000).toISOString();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsUtc(e.stamp)}`,
    `DTSTART:${icsUtc(e.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SEQUENCE:${e.sequence}`,
    'STATUS:CONFIRMED',
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url.replace(/[\r\n]/g, '')}`] : []),
    ...(e.organizer ? [person('ORGANIZER', e.organizer)] : []),
    ...(e.attendees ?? []).map((a) => person('ATTENDEE', a, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE')),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
