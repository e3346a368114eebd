// Turns a notification owed by mail into the message sent: the recipient's language, one-click unsubscribe.
import { t, type Locale } from '../i18n/index.js';
import { MAIL_KIND_OF, type MailKind, type OutboxMail, type User } from '../store/store.js';
import { notificationTextKey } from './notifications.js';
import type { UnsubscribeTokens } from './unsubscribe-tokens.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  /** Stable per outbox row: a receiving server that sees it twice can drop the copy. */
  messageId: string;
}

/**
 * The mail for one outbox row (issue 16.2), in the recipient's language: the notification's own text,
 * a link to the page, and an unsubscribe link for this kind (also as List-Unsubscribe with RFC 8058
 * one-click). Plain text only: no tracking, nothing a mail client has to load. Pure.
 */
export function mailMessage(mail: OutboxMail, user: Pick<User, 'email' | 'name' | 'locale' | 'id'>, opts: { baseUrl: string; tokens: UnsubscribeTokens; host: string }): MailMessage {
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
  };
}
