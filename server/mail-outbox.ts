// Mail leaves the app from a durable outbox, off the request path, so a slow or absent SMTP server
// never delays a page and no acknowledged notice is lost.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { iso, type Clock } from './domain/clock.js';
import type { DomainBus } from './domain/events.js';
import { mailAddress, mailMessage } from './domain/mail-messages.js';
import { unsubscribeTokens } from './domain/unsubscribe-tokens.js';
import type { Mailer } from './mail.js';
import { MAIL_KIND_OF, type OutboxMail, type Store } from './store/store.js';

/** Longer than one SMTP attempt can take (server/mail.ts): a mail in the hands of a live sender is never taken by another. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
const BATCH = 20;
const MAX_BACKOFF_MS = 3600_000;

/** The wait before attempt `attempts + 1`: `retryMs`, doubling, at most an hour. */
export const backoffMs = (attempts: number, retryMs: number): number => Math.min(MAX_BACKOFF_MS, retryMs * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the mail the store owes (issue 16.2). Rows are written with their notification, in the same
 * transaction, so nothing acknowledged is lost; this sender only reads them, off the request path:
 * a new notification on this instance starts a round at once (`setImmediate`), and the store is looked
 * at again when the next retry is due, and every `pollMs` (mail owed by other instances or processes).
 *
 * Each row is claimed under a lease before it is sent, so two senders (instances) never send the same
 * mail; after the send it is settled 'sent'. A failure (server away, refusing, timing out) puts it back
 * with a growing wait; after `maxAttempts` it stays as 'failed', logged, never deleted. The one window
 * left is a crash between the server's "250 OK" and the settle: the mail is sent again after the lease,
 * with the same Message-ID, so the receiving server can tell.
 *
 * The user's setting is read when sending: 'mail' sends, 'app' or 'never' skips. With MAIL_TRANSPORT=off
 * nothing is sent; the log says what would have been (recipient, subject, link; the text too outside
 * production, where it could put contact details in the log).
 */
export function startMailOutbox(deps: {
  store: Store; clock: Clock; bus: DomainBus; mailer: Mailer; logger: Logger;
  baseUrl: string; secret: string; options: Config['mailOutbox'];
  /** With MAIL_TRANSPORT=off, log the text too (not in production: it may hold contact details). */
  logText?: boolean;
  /** MAIL_FROM: the organiser of the calendar events mailed (a check-in's .ics). */
  from?: string;
}) {
  const { store, clock, bus, mailer, logger, options } = deps;
  const tokens = unsubscribeTokens(deps.secret);
  const host = new URL(deps.baseUrl).hostname || 'medestander';
  const organizer = deps.from ? mailAddress(deps.from) ?? undefined : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function deliver(mail: OutboxMail): Promise<void> {
    const now = () => iso(clock);
    const user = await store.getUser(mail.userId);
    const kind = MAIL_KIND_OF[mail.kind];
    if (!user || !user.active || !kind) {
      await store.settleOutbox(mail.id, { state: 'skipped', at: now(), error: 'no active user' });
      return;
    }
    const settings = await store.getNotificationSettings(user.id);
    if (settings[kind] !== 'mail') {
      await store.settleOutbox(mail.id, { state: 'skipped', at: now(), error: `setting: ${settings[kind]}` });
      return;
    }
    const message = mailMessage(mail, user, { baseUrl: deps.baseUrl, tokens, host, ...(organizer ? { organizer } : {}) });
    if (!mailer.enabled) {
      const shown = { id: mail.id, to: message.to, subject: message.subject, link: `${deps.baseUrl}${mail.link}`, ...(deps.logText ? { text: message.text } : {}) };
      logger.info({ mail: shown }, 'mail not sent (MAIL_TRANSPORT=off); it would have been');
      await store.settleOutbox(mail.id, { state: 'skipped', at: now(), error: 'MAIL_TRANSPORT=off' });
      return;
    }
    try {
      await mailer.send(message);
    } catch (err) {
      const error = describe(err);
      if (mail.attempts >= options.maxAttempts) {
        logger.error({ mailId: mail.id, attempts: mail.attempts, error }, 'mail given up after its last attempt; kept in the outbox as failed');
        await store.settleOutbox(mail.id, { state: 'failed', at: now(), error });
      } else {
        const next = new Date(clock.now().getTime() + backoffMs(mail.attempts, options.retryMs)).toISOString();
        logger.warn({ mailId: mail.id, attempts: mail.attempts, next, error }, 'mail not accepted; will retry');
        await store.deferOutbox(mail.id, next, error);
      }
      return;
    }
    await store.settleOutbox(mail.id, { state: 'sent', at: now() });
    logger.info({ mailId: mail.id, kind: mail.kind }, 'mail sent');
  }

  async function round(): Promise<void> {
    for (;;) {
      const now = clock.now().getTime();
      const batch = await store.claimOutbox(new Date(now).toISOString(), new Date(now + OUTBOX_LEASE_MS).toISOString(), BATCH);
      for (const mail of batch) await deliver(mail).catch((err: unknown) => logger.error({ err, mailId: mail.id }, 'mail outbox: delivering failed'));
      if (batch.length < BATCH || stopped) return;
    }
  }

  async function arm(): Promise<void> {
    if (stopped) return;
    clearTimeout(timer);
    const due = await store.nextOutboxDue().catch(() => null);
    const wait = due === null ? options.pollMs : Math.min(options.pollMs, Math.max(0, Date.parse(due) - clock.now().getTime()) + 50);
    if (stopped) return;
    timer = setTimeout(run, wait);
    timer.unref();
  }

  /** One round at a time; a request for another while one runs makes one more round after it. */
  function run(): void {
    if (stopped) return;
    if (running) { again = true; return; }
    running = round()
      .catch((err: unknown) => logger.error({ err }, 'mail outbox round failed'))
      .then(async () => {
        running = null;
        if (again && !stopped) { again = false; run(); } else await arm();
      });
  }

  // Only notices that may be mailed owe mail: the bulk of notices (a similar idea joined your cluster)
  // would otherwise start a claim transaction each, under load one per batch of cluster news.
  const onCreated = (e: { notifications: { kind: keyof typeof MAIL_KIND_OF }[] }) => {
    if (e.notifications.some((n) => MAIL_KIND_OF[n.kind])) setImmediate(run);
  };
  bus.on('notification:created', onCreated);
  setImmediate(run);

  return {
    /** Starts a round now (tests, and after the store learned of mail from elsewhere). */
    kick: run,
    /** Resolves when no round is running (tests). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    async close(): Promise<void> {
      stopped = true;
      bus.off('notification:created', onCreated);
      clearTimeout(timer);
      while (running) await running;
    },
  };
}

function describe(err: unknown): string {
  const e = err as { responseCode?: number; code?: string; message?: string } | null;
  return [e?.responseCode, e?.code, e?.message].filter((v) => v !== undefined && v !== null).join(' ').slice(0, 500) || String(err);
}

export type MailOutbox = ReturnType<typeof startMailOutbox>;
