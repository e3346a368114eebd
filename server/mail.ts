import nodemailer from 'nodemailer';
import type { Config } from './config.js';

/** Outgoing mail. Off by default (no SMTP server here): invitation links are then shown and logged instead. */
export interface Mailer {
  readonly enabled: boolean;
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function createMailer(mail: Config['mail']): Mailer {
  if (mail.transport === 'off') {
    return { enabled: false, send: async () => {} };
  }
  const transport = nodemailer.createTransport(mail.url);
  return {
    enabled: true,
    send: async (m) => {
      await transport.sendMail({ from: mail.from, ...m });
    },
  };
}
