/**
 * The notifications port: notices per user, their settings, the daily digest queue, and the batches
 * that aggregate cluster news. Writes that add notifications also owe their mail (see mail-outbox.ts).
 */

/**
 * 'cluster_digest' is the once-a-day summary of 'cluster_joined' news for users who chose the daily digest.
 */
export type NotificationKind = 'endorsed' | 'connected' | 'cluster_joined' | 'introduced' | 'cluster_digest' | 'idea_hidden'
  // issue 17: the steps of a partnership, asks to join a project, referrals after a call, check-ins.
  | 'partnership_invited' | 'partnership_invitation_answered' | 'partnership_join_requested' | 'partnership_join_answered'
  | 'partnership_member_joined' | 'partnership_lead_offered' | 'partnership_lead_changed' | 'partnership_status'
  | 'project_join_requested' | 'referred'
  | 'check_in_requested' | 'check_in_confirmed' | 'check_in_proposed' | 'check_in_cancelled';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'endorsed', 'connected', 'cluster_joined', 'introduced', 'cluster_digest', 'idea_hidden',
  'partnership_invited', 'partnership_invitation_answered', 'partnership_join_requested', 'partnership_join_answered',
  'partnership_member_joined', 'partnership_lead_offered', 'partnership_lead_changed', 'partnership_status',
  'project_join_requested', 'referred',
  'check_in_requested', 'check_in_confirmed', 'check_in_proposed', 'check_in_cancelled',
];

/** A persisted notice for one user; the text is `notifications.kind.<kind>` filled with `params`. */
export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;             // a path in the app, e.g. /ideas/<id>
  /** When it was created, or last updated while unread (an aggregated notice moves to the top). */
  createdAt: string;
  readAt: string | null;
  /** Notifications with the same key (e.g. `cluster:7`) tell one story: updated while unread instead of added. */
  groupKey?: string;
}

export interface NotificationBatch { create: Notification[]; update: Notification[]; digest: DigestItem[] }

export interface NotificationQuery {
  unreadOnly?: boolean;
  since?: string;           // only createdAt > since
  limit: number;            // 1..100
}

export type DigestFrequency = 'immediate' | 'daily' | 'never';
/** How a user wants one kind of notice: by mail (and in the app), in the app only, or not at all. */
export type Delivery = 'mail' | 'app' | 'never';
export const DELIVERIES: readonly Delivery[] = ['mail', 'app', 'never'];
/** The kinds of notice that can go out by mail, each with its own setting (and unsubscribe link). */
export type MailKind = 'endorsed' | 'connected' | 'introduced' | 'digest' | 'hidden' | 'partnerships' | 'checkIns';
export const MAIL_KINDS: readonly MailKind[] = ['endorsed', 'connected', 'introduced', 'digest', 'hidden', 'partnerships', 'checkIns'];
/** Which setting decides about a notification; 'cluster_joined' has its own (clusterJoined) and is never mailed. */
export const MAIL_KIND_OF: Readonly<Partial<Record<NotificationKind, MailKind>>> = Object.freeze({
  endorsed: 'endorsed', connected: 'connected', introduced: 'introduced', cluster_digest: 'digest', idea_hidden: 'hidden',
  partnership_invited: 'partnerships', partnership_invitation_answered: 'partnerships', partnership_join_requested: 'partnerships',
  partnership_join_answered: 'partnerships', partnership_member_joined: 'partnerships', partnership_lead_offered: 'partnerships',
  partnership_lead_changed: 'partnerships', partnership_status: 'partnerships', project_join_requested: 'partnerships',
  // A referral reveals contacts as an introduction does, so it follows the same setting.
  referred: 'introduced',
  check_in_requested: 'checkIns', check_in_confirmed: 'checkIns', check_in_proposed: 'checkIns', check_in_cancelled: 'checkIns',
});
export interface NotificationSettings extends Record<MailKind, Delivery> {
  clusterJoined: DigestFrequency;
}
export const DEFAULT_NOTIFICATION_SETTINGS: Readonly<NotificationSettings> = Object.freeze({
  clusterJoined: 'immediate', endorsed: 'mail', connected: 'mail', introduced: 'mail', digest: 'mail', hidden: 'mail',
  partnerships: 'mail', checkIns: 'mail',
});

/** One 'cluster_joined' notice held back for a user on the daily digest: idea `ideaId` joined a cluster of theirs. */
export interface DigestItem {
  id: string;
  userId: string;
  ideaId: string;
  createdAt: string;
}

export interface NotificationsPort {
  /** Inserts all or none (StoreConflictError('notification') on a taken id). */
  createNotifications(list: Notification[]): Promise<void>;
  /** Newest first (createdAt, then id, descending). `since`: only createdAt > since (reconnect catch-up). */
  listNotifications(userId: string, query: NotificationQuery): Promise<Notification[]>;
  countUnread(userId: string): Promise<number>;
  /** Sets readAt on the user's own unread notifications among `ids` (or all of them); returns how many changed. Others' ids are ignored. */
  markRead(userId: string, ids: string[] | 'all', at: string): Promise<number>;

  /** The user's settings, or the defaults (`DEFAULT_NOTIFICATION_SETTINGS`) when never set. */
  getNotificationSettings(userId: string): Promise<NotificationSettings>;
  /** Changes the settings given; the others stay as they were (or the defaults). */
  setNotificationSettings(userId: string, settings: Partial<NotificationSettings>): Promise<void>;
  /** Each user's settings, the defaults for those who never set any. */
  listNotificationSettings(userIds: string[]): Promise<Map<string, NotificationSettings>>;

  /** 'cluster_joined' news held back for users on the daily digest. */
  queueDigestItems(items: DigestItem[]): Promise<void>;
  /** Every held-back item with createdAt <= until, oldest first. */
  listDigestItems(until: string): Promise<DigestItem[]>;
  /** Atomically creates the digest notifications and removes the items they consumed. */
  deliverDigest(notifications: Notification[], consumedItemIds: string[]): Promise<void>;

  /** For each `{userId, groupKey}`: that user's newest notification with that group key, read or not (none: left out). */
  latestGroupedNotifications(keys: { userId: string; groupKey: string }[]): Promise<Notification[]>;
  /**
   * One transaction: inserts `create`, rewrites `update` (params, link, createdAt) where still unread,
   * and queues `digest`. Returns the ids in `update` that were read meanwhile and so left as they were.
   */
  writeNotificationBatch(batch: NotificationBatch): Promise<{ stale: string[] }>;
}
