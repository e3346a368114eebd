// Turns a notification owed by mail into the message sent: the recipient's language, one-click unsubscribe.
import { t, type Locale } from '../i18n/index.js';
import { MAIL_KIND_OF, type MailKind, type OutboxMail, type User } from '../store/store.js';
import { checkInIcs } from './check-ins.js';
import { notificationTextKey } from './notifications.js';
import type { UnsubscribeTokens } from './unsubscribe-tokens.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  /** Stable per outbox row: a receiving server that sees it twice can drop the copy. */
  messageId: string;
  /** Files sent along: a confirmed check-in's calendar event (.ics). */
  attachments?: MailAttachment[];
}

export interface MailAttachment { filename: string; content: string; contentType: string }

/** `Name <address>` or a bare address, as MAIL_FROM is written. */
export function mailAddress(from: string): { name?: string; email: string } | null {
  const m = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from) ?? /^\s*()([^<>\s]+@[^<>\s]+)\s*$/.exec(from);
  if (!m) return null;
  return m[1] ? { name: m[1], email: m[2]! } : { email: m[2]! };
}

/**
 * A confirmed check-in's calendar event, built from what its notification carries (domain/check-ins.ts
 * puts the moment, duration, place and sequence in the params): the same UID and SEQUENCE as the
 * download, so a calendar updates the event it has when the moment moves. Null for other kinds.
 */
function calendarAttachment(mail: OutboxMail, user: Pick<User, 'email' | 'name' | 'locale'>, host: string, organizer?: { name?: string; email: string }): MailAttachment | null {
  const p = mail.params;
  if (mail.kind !== 'check_in_confirmed' || !p.checkInId || !p.start || Number.isNaN(Date.parse(p.start))) return null;
  const minutes = Number(p.minutes);
  const content = checkInIcs({
    checkInId: p.checkInId, start: p.start, minutes: Number.isInteger(minutes) && minutes > 0 ? minutes : 30, place: p.place || null,
    sequence: Number(p.sequence) || 0, organisation: p.organisation ?? '', subject: p.subject ?? '', host, stamp: mail.createdAt, locale: user.locale,
    ...(organizer ? { organizer } : {}), attendees: [{ name: user.name, email: user.email }],
  });
  return { filename: 'check-in.ics', content, contentType: 'text/calendar; charset=utf-8; method=REQUEST' };
}

/**
 * The mail for one outbox row (issue 16.2), in the recipient's language: the notification's own text,
 * a link to the page, and an unsubscribe link for this kind (also as List-Unsubscribe with RFC 8058
 * one-click). Plain text only: no tracking, nothing a mail client has to load. Pure.
 */
export function mailMessage(mail: OutboxMail, user: Pick<User, 'email' | 'name' | 'locale' | 'id'>, opts: { baseUrl: string; tokens: UnsubscribeTokens; host: string; organizer?: { name?: string; email: string } }): MailMessage {
  const kind = MAIL_KIND_OF[mail.kind] as MailKind;
  const locale: Locale = user.locale;
  const link = mail.link.startsWith('/') && !mail.link.startsWith('//') ? mail.link : '/notifications';
  const unsubscribe = `${opts.baseUrl}/mail/unsubscribe/${encodeURIComponent(opts.tokens.sign(user.id, kind))}`;
  const params = { ...mail.params };
  const text = [
    t(locale, 'mail.greeting', { name: user.name }),
    '',
    t(locale, notificationTextKey(mail), params),
    '',
    t(locale, 'mail.open'),
    `${opts.baseUrl}${link}`,
    '',
    '-- ',
    t(locale, 'mail.signature'),
    t(locale, 'mail.why'),
    t(locale, 'mail.unsubscribe', { what: t(locale, `mail.what.${kind}`) }),
    unsubscribe,
    t(locale, 'mail.settings'),
    `${opts.baseUrl}/account`,
    '',
  ].join('\n');
  return {
    to: user.email,
    subject: t(locale, `mail.subject.${mail.kind}`, params).replace(/[\r\n]+/g, ' '),
    text,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    messageId: `<${mail.id}@${opts.host}>`,
    ...attachmentsOf(calendarAttachment(mail, user, opts.host, opts.organizer)),
  };
}

const attachmentsOf = (a: MailAttachment | null): { attachments?: MailAttachment[] } => (a ? { attachments: [a] } : {});
