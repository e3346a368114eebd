// The programme team can take an idea out of sight without losing it, and put it back.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { StoreVersionError, type AuditEntry, type Idea, type Notification, type Store } from '../store/store.js';
import type { Actor, Viewer } from './actor.js';
import { newId } from '../store/ids.js';
import { wantedNotifications } from './notification-delivery.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { parse, text } from './validation.js';
import { plausibleId, seesHiding } from './rules/visible-ideas.js';
import { isProgramme, requireProgramme } from './rules/who-may-act.js';

export const HIDE_REASON_MAX = 500;

export const hideSchema = z.object({ reason: text(1, HIDE_REASON_MAX) }).strict();

export interface ModerationDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  audit: Audit;
}

/** Why an idea is hidden, for the programme team's banner: from the latest 'idea.hidden' audit entry. */
export interface HiddenNote { reason: string; at: string; by: string }

/**
 * Hiding and unhiding ideas. A hidden idea stays in the store (nothing is lost) but leaves every list,
 * the similarity index and the clusters: the 'idea:updated' event makes the matching service drop it,
 * and unhiding puts it back the same way. The reason is kept in the audit log only (details.reason of
 * 'idea.hidden'), so the ideas table is unchanged. The posting organisation still sees its idea, with
 * a banner saying that the programme team hid it, when and why, and its active members are notified
 * ('idea_hidden': in the app, and by mail per their setting; issue 16.8). Everyone else gets a 404.
 */
export function createModeration({ store, clock, bus, audit }: ModerationDeps) {
  /** The idea's organisation is told, in the app and by mail per each member's setting (the outbox sends it). */
  async function tellOwners(idea: Idea, reason: string): Promise<void> {
    const now = iso(clock);
    const members = await store.listActiveMembers([idea.organisationId]);
    const notifications = await wantedNotifications(store, members.map((u): Notification => ({
      id: newId(), userId: u.id, kind: 'idea_hidden', params: { idea: idea.title, reason }, link: `/ideas/${idea.id}`, createdAt: now, readAt: null,
    })));
    if (notifications.length === 0) return;
    await store.createNotifications(notifications);
    bus.emit('notification:created', { userIds: notifications.map((n) => n.userId), notifications });
  }

  async function setHidden(actor: Actor, id: string, hidden: boolean): Promise<{ idea: Idea; changed: boolean }> {
    const idea = plausibleId(id) ? await store.getIdea(id) : null;
    if (!idea) throw new AppError('not_found', 'ideas.errors.not_found');
    if (idea.hidden === hidden) return { idea, changed: false };
    try {
      const updated = await store.updateIdea(idea.id, { hidden }, idea.version, iso(clock));
      if (!updated) throw new AppError('not_found', 'ideas.errors.not_found');
      bus.emit('idea:updated', updated, idea);
      return { idea: updated, changed: true };
    } catch (err) {
      if (err instanceof StoreVersionError) throw new AppError('conflict', 'ideas.errors.changed_meanwhile', { params: { version: err.currentVersion } });
      throw err;
    }
  }

  return {
    /** Hides an idea with a reason (required, at most 500 characters). Hiding a hidden idea changes nothing and writes no entry. */
    async hide(viewer: Viewer, id: string, input: unknown): Promise<Idea> {
      const actor = requireProgramme(viewer);
      const { reason } = parse(hideSchema, input ?? {});
      const { idea, changed } = await setHidden(actor, id, true);
      if (changed) {
        await audit.record(actor, 'idea.hidden', { type: 'idea', id: idea.id }, { reason, title: idea.title, organisationId: idea.organisationId });
        await tellOwners(idea, reason);
      }
      return idea;
    },

    async unhide(viewer: Viewer, id: string): Promise<Idea> {
      const actor = requireProgramme(viewer);
      const { idea, changed } = await setHidden(actor, id, false);
      if (changed) await audit.record(actor, 'idea.unhidden', { type: 'idea', id: idea.id }, { title: idea.title });
      return idea;
    },

    /**
     * Why an idea is hidden, when and by whom: for the programme team and the idea's own organisation
     * (which is told "the programme team", not the person: `by` is empty for them); null for everyone
     * else or when it is not hidden.
     */
    async hiddenNote(viewer: Viewer, idea: Idea): Promise<HiddenNote | null> {
      if (!seesHiding(viewer, idea)) return null;
      const [entry]: AuditEntry[] = await audit.forTarget({ type: 'idea', id: idea.id }, ['idea.hidden'], 1);
      const note = entry ? { reason: entry.details.reason ?? '', at: entry.at, by: entry.actorName } : { reason: '', at: idea.updatedAt, by: '' };
      return isProgramme(viewer) ? note : { ...note, by: '' };
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
