// The one way out to SMTP (or nowhere, in development), behind a small interface tests can replace.
import nodemailer from 'nodemailer';
import type { Config } from './config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  messageId?: string;
  /** Sent along as files (nodemailer's attachments): a check-in's .ics. */
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Outgoing mail. Off by default (no SMTP server here): invitation links are then shown and logged instead. */
export interface Mailer {
  readonly enabled: boolean;
  send(message: OutgoingMail): Promise<void>;
}

/**
 * Over SMTP. The timeouts are short enough (about a minute at worst) that the mail outbox's lease
 * (server/mail-outbox.ts) always outlives one attempt: a slow server is retried, not sent twice.
 */
export function createMailer(mail: Config['mail']): Mailer {
  if (mail.transport === 'off') {
    return { enabled: false, send: async () => {} };
  }
  const transport = nodemailer.createTransport({ url: mail.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  return {
    enabled: true,
    send: async (m) => {
      await transport.sendMail({ from: mail.from, ...m });
    },
  };
}
