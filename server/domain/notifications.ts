// Each user's inbox, their notification settings and the daily digest: what reaches a user, and how.
import { z } from 'zod';
import { DELIVERIES, MAIL_KINDS, type Delivery, type DigestItem, type Idea, type MailKind, type Notification, type NotificationSettings, type Store } from '../store/store.js';
import { newId } from '../store/ids.js';
import type { Viewer } from './actor.js';
import { iso, type Clock } from './clock.js';
import { ideaLink } from './endorsements.js';
import type { DomainBus } from './events.js';
import { parse } from './validation.js';
import { isListed } from './rules/visible-ideas.js';
import { requireSignedIn } from './rules/who-may-act.js';

export interface NotificationsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
}

/** The ways a kind of notice may reach a user, and the kinds that may be mailed: for the settings forms. */
export { DELIVERIES, MAIL_KINDS };

export const NOTIFICATION_LIMITS = { pageSize: 20, maxPageSize: 100, markMany: 100 } as const;

export const listSchema = z
  .object({
    unreadOnly: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).optional()
      .transform((v) => v === true || v === 'true' || v === '1'),
    since: z.string().trim().datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(NOTIFICATION_LIMITS.maxPageSize).default(NOTIFICATION_LIMITS.pageSize),
  })
  .strict();

/** `{ ids: [...] }` marks those, `{ all: true }` marks every unread one. */
export const markSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(NOTIFICATION_LIMITS.markMany) }).strict(),
]);

const delivery = z.enum(DELIVERIES as [Delivery, ...Delivery[]]);
/** Any of the settings; those left out stay as they were. */
export const settingsSchema = z.object({
  clusterJoined: z.enum(['immediate', 'daily', 'never']).optional(),
  ...Object.fromEntries(MAIL_KINDS.map((k) => [k, delivery.optional()])) as Record<MailKind, z.ZodOptional<typeof delivery>>,
}).strict();

/**
 * The i18n key of a notification's text; fill it with `notification.params`. A 'cluster_joined' notice
 * that gathered several ideas (cluster-news.ts) has its own text, and so has an 'endorsed' notice that
 * also says the two are now in contact (one notice for the one event, issue 16.3).
 */
export const notificationTextKey = (n: Pick<Notification, 'kind'> & { params?: Record<string, string> }): string =>
  n.kind === 'cluster_joined' && Number(n.params?.count ?? 1) > 1 ? 'notifications.kind.cluster_joined_many'
    : n.kind === 'endorsed' && n.params?.connected === 'yes' ? 'notifications.kind.endorsed_connected'
      : n.kind.startsWith('partnership_') && n.params?.variant ? `notifications.kind.${n.kind}.${n.params.variant}` // accepted, declined, a status …
        : n.kind === 'referred' && ['referred', 'referred_via_programme', 'project'].includes(n.params?.side ?? '') ? `notifications.kind.referred.${n.params!.side}`
        : n.kind === 'project_join_requested' && n.params?.answer ? `notifications.kind.project_join_${n.params.answer === 'accepted' ? 'accepted' : 'declined'}`
          : `notifications.kind.${n.kind}`;

/** At most this many organisation names in a digest's text; the count says the rest. */
const DIGEST_NAMES = 5;

/**
 * The inbox (each user sees and marks only their own notifications), the settings, and the daily digest
 * of held-back 'cluster_joined' news (the news itself: cluster-news.ts).
 */
export function createNotifications({ store, clock, bus }: NotificationsDeps) {
  return {
    /** The actor's notifications, newest first; `since` (ISO time) gives only later ones, for a reconnecting client. */
    async list(viewer: Viewer, input: unknown = {}): Promise<Notification[]> {
      const actor = requireSignedIn(viewer);
      const q = parse(listSchema, input ?? {});
      return store.listNotifications(actor.id, {
        unreadOnly: q.unreadOnly, limit: q.limit, ...(q.since !== undefined ? { since: new Date(q.since).toISOString() } : {}),
      });
    },

    async unreadCount(viewer: Viewer): Promise<number> {
      return store.countUnread(requireSignedIn(viewer).id);
    },

    /** Any user's unread count, for the header badge and the sockets, which push it to that user alone. */
    countUnread: (userId: string): Promise<number> => store.countUnread(userId),

    /** Marks the actor's own notifications read; ids of someone else's are ignored. Returns how many changed. */
    async markRead(viewer: Viewer, input: unknown): Promise<number> {
      const actor = requireSignedIn(viewer);
      const v = parse(markSchema, input);
      const changed = await store.markRead(actor.id, 'all' in v ? 'all' : v.ids, iso(clock));
      if (changed > 0) bus.emit('notifications:read', { userId: actor.id, changed });
      return changed;
    },

    async getSettings(viewer: Viewer): Promise<NotificationSettings> {
      return store.getNotificationSettings(requireSignedIn(viewer).id);
    },

    async updateSettings(viewer: Viewer, input: unknown): Promise<NotificationSettings> {
      const actor = requireSignedIn(viewer);
      const given = Object.fromEntries(Object.entries(parse(settingsSchema, input)).filter(([, v]) => v !== undefined)) as Partial<NotificationSettings>;
      await store.setNotificationSettings(actor.id, given);
      return store.getNotificationSettings(actor.id);
    },

    /**
     * The daily digest, meant to run once a day (the app schedules it): for every user with held-back
     * 'cluster_joined' news up to `now`, one 'cluster_digest' notification naming how many similar ideas
     * arrived and from which organisations, linking to the idea when there is one, else to the idea list.
     * Items older than a day (a missed run) are included rather than lost. Ideas withdrawn or hidden
     * since are left out; users who switched to 'never' or were deactivated get nothing. The notifications
     * are stored and the items removed in one transaction, so a crash never sends a digest twice.
     */
    async dailyDigest(now: string = iso(clock)): Promise<Notification[]> {
      const items = await store.listDigestItems(now);
      if (items.length === 0) return [];
      const byUser = new Map<string, DigestItem[]>();
      for (const item of items) byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
      const ideas = new Map<string, Idea | null>();
      for (const id of new Set(items.map((i) => i.ideaId))) ideas.set(id, await store.getIdea(id));
      const names = new Map<string, string>();
      const nameOf = async (orgId: string): Promise<string> => {
        if (!names.has(orgId)) names.set(orgId, (await store.getOrganisation(orgId))?.name ?? orgId);
        return names.get(orgId) ?? orgId;
      };

      const notifications: Notification[] = [];
      for (const [userId, list] of byUser) {
        const user = await store.getUser(userId);
        const { clusterJoined, digest } = await store.getNotificationSettings(userId);
        if (!user?.active || clusterJoined === 'never' || digest === 'never') continue;
        const live = [...new Set(list.map((i) => i.ideaId))]
          .map((id) => ideas.get(id))
          .filter((i): i is Idea => !!i && isListed(i));
        if (live.length === 0) continue;
        const organisations = [...new Set(await Promise.all(live.map((i) => nameOf(i.organisationId))))];
        const shown = organisations.slice(0, DIGEST_NAMES).join(', ') + (organisations.length > DIGEST_NAMES ? ', …' : '');
        const only = live.length === 1 ? live[0] : undefined;
        notifications.push({
          id: newId(), userId, kind: 'cluster_digest', createdAt: now, readAt: null,
          link: only ? ideaLink(only.id) : '/ideas',
          params: { count: String(live.length), organisations: shown },
        });
      }
      await store.deliverDigest(notifications, items.map((i) => i.id));
      if (notifications.length > 0) {
        bus.emit('notification:created', { userIds: notifications.map((n) => n.userId), notifications });
      }
      return notifications;
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
