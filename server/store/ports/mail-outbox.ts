/**
 * The mail outbox port: the mails owed for notifications, claimed and settled by the sender
 * (server/mail-outbox.ts). Rows are added by the adapters together with their notification.
 */
import type { NotificationKind } from './notifications.js';

/**
 * One mail owed for a notification (issue 16), written in the same transaction as the notification
 * itself (adapters do it in their notification insert), so it is never lost. `id` is the notification's
 * id: one mail per notification at most. The content is a copy of the notification's at that moment.
 * 'sending' is held under a lease (`leaseUntil`): a sender that died mid-way is taken over after it.
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
export interface OutboxMail {
  id: string;
  userId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface MailOutboxPort {
  /**
   * Takes up to `limit` mails due at `now` (pending with nextAttemptAt <= now, or sending with an expired
   * lease) and marks them 'sending' until `leaseUntil`, attempts + 1, atomically: two senders never take
   * the same mail. Oldest first.
   */
  claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxMail[]>;
  /** Ends a mail that is 'sending': sent, skipped (the user's setting) or failed (given up). False when it was not 'sending'. */
  settleOutbox(id: string, outcome: { state: 'sent' | 'skipped' | 'failed'; at: string; error?: string }): Promise<boolean>;
  /** Puts a 'sending' mail back to 'pending' until `nextAttemptAt`, with the error. False when it was not 'sending'. */
  deferOutbox(id: string, nextAttemptAt: string, error: string): Promise<boolean>;
  /** Newest first. */
  listOutbox(filter: { userId?: string; state?: OutboxState; limit: number }): Promise<OutboxMail[]>;
  /** When the next pending mail is due (null: none pending or sending). */
  nextOutboxDue(): Promise<string | null>;
}
