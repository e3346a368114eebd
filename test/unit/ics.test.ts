import { expect } from 'chai';
import { escapeText, foldLine, icsEvent, icsUtc } from '../../server/domain/ics.js';

/** The .ics writer (RFC 5545), on events small enough to check by hand. */
describe('ics: one calendar event as RFC 5545 text', () => {
  const base = {
    uid: 'check-in-42@medestander.example.be', stamp: '2026-02-20T08:15:00.000Z', start: '2026-03-02T10:00:00+01:00',
    minutes: 30, summary: 'Check-in', sequence: 0,
  };

  it('when an event is written, then every line, in order, ends with CRLF and times are UTC', () => {
    expect(icsEvent(base)).to.equal([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Medestander//Check-ins//NL', 'CALSCALE:GREGORIAN', 'METHOD:REQUEST',
      'BEGIN:VEVENT', 'UID:check-in-42@medestander.example.be', 'DTSTAMP:20260220T081500Z',
      // 10:00 in Brussels in winter (+01:00) is 09:00 UTC; 30 minutes later 09:30.
      'DTSTART:20260302T090000Z', 'DTEND:20260302T093000Z', 'SEQUENCE:0', 'STATUS:CONFIRMED', 'SUMMARY:Check-in',
      'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n'));
  });

  it('when the moment is in summer time, then the +02:00 offset is taken off, and an hour-long event crosses midnight UTC right', () => {
    expect(icsUtc('2026-07-01T14:30:00+02:00')).to.equal('20260701T123000Z');
    const text = icsEvent({ ...base, start: '2026-07-01T01:30:00+02:00', minutes: 60 });
    expect(text).to.include('DTSTART:20260630T233000Z\r\n');
    expect(text).to.include('DTEND:20260701T003000Z\r\n');
  });

  it('when text holds backslashes, semicolons, commas and line breaks, then they are escaped', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).to.equal('a\\\\b\\;c\\,d\\ne\\nf');
    const text = icsEvent({ ...base, summary: 'Check-in: Lier, Mol; samen', description: 'Regel 1\nRegel 2', location: 'Zaal 2, Brussel' });
    expect(text).to.include('SUMMARY:Check-in: Lier\\, Mol\\; samen\r\n');
    expect(text).to.include('DESCRIPTION:Regel 1\\nRegel 2\r\n');
    expect(text).to.include('LOCATION:Zaal 2\\, Brussel\r\n');
  });

  it('when a line is longer than 75 octets, then it is folded with CRLF and a space, 75 octets at most per line', () => {
    const line = `SUMMARY:${'x'.repeat(200)}`; // 208 octets: 75 + 74 + 59
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.map((p) => Buffer.byteLength(p))).to.deep.equal([75, 75, 60]);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).to.equal(true);
    expect(folded.replace(/\r\n /g, '')).to.equal(line); // unfolding gives the line back
    expect(foldLine('SUMMARY:kort')).to.equal('SUMMARY:kort');
  });

  it('when a fold falls inside a multi-byte character, then the character moves whole to the next line', () => {
    // 'DESCRIPTION:' is 12 octets; 31 × 'é' (2 octets each) is 62: 74 octets, and the 32nd 'é' would end at 76.
    const line = `DESCRIPTION:${'é'.repeat(40)}`;
    const [first, second] = foldLine(line).split('\r\n');
    expect(Buffer.byteLength(first!)).to.equal(74);
    expect(second).to.equal(` ${'é'.repeat(9)}`);
    expect(Buffer.from(foldLine(line), 'utf8').toString('utf8').replace(/\r\n /g, '')).to.equal(line);
  });

  it('when every line of a long event is measured, then none is over 75 octets', () => {
    const text = icsEvent({ ...base, description: 'Feedback op ons idee voor een digitaal loket, met vragen over de oproep en de partners. '.repeat(5), location: 'https://meet.example.be/'.padEnd(120, 'a') });
    for (const l of text.split('\r\n')) expect(Buffer.byteLength(l), l).to.be.at.most(75);
  });

  it('when the moment changes, then the same UID is written with the higher SEQUENCE the caller gives', () => {
    const later = icsEvent({ ...base, start: '2026-03-03T14:00:00+01:00', sequence: 1 });
    expect(later).to.include('UID:check-in-42@medestander.example.be\r\n');
    expect(later).to.include('SEQUENCE:1\r\n');
    expect(later).to.include('DTSTART:20260303T130000Z\r\n');
  });

  it('when an organiser and attendees are known, then they are written as mailto addresses with quoted names', () => {
    const text = icsEvent({ ...base, organizer: { name: 'Programmateam "GzG"', email: 'noreply@medestander.test' }, attendees: [{ name: 'Olga', email: 'olga@lier.test' }] }).replace(/\r\n /g, '');
    expect(text).to.include('ORGANIZER;CN="Programmateam GzG":mailto:noreply@medestander.test\r\n');
    expect(text).to.include('ATTENDEE;CN="Olga";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:olga@lier.test\r\n');
  });

  it('when the duration is not a positive whole number of minutes or a time is unreadable, then it refuses', () => {
    expect(() => icsEvent({ ...base, minutes: 0 })).to.throw(RangeError);
    expect(() => icsUtc('morgen')).to.throw(RangeError);
  });
});
