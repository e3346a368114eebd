// Endorsing another organisation's idea is how organisations find each other: the rules, the connection it
// makes, and who is told.
import { z } from 'zod';
import { AppError } from '../errors.js';
import {
  StoreConflictError,
  orderedPair,
  type Connection,
  type ContactPerson,
  type Endorsement,
  type Notification,
  type Store,
} from '../store/store.js';
import { newId } from '../store/ids.js';
import type { Viewer } from './actor.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { cleaned, hasVisible, parse } from './validation.js';
import { createContacts, type Contacts } from './rules/contacts.js';
import { plausibleId, visibleIdea } from './rules/visible-ideas.js';
import { requireMember } from './rules/who-may-act.js';
import { wantedNotifications } from './notification-delivery.js';

export interface EndorsementsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  /** Whose contact person a viewer sees (rules/contacts.ts); made over `store` when not given. */
  contacts?: Contacts;
}

export const ENDORSEMENT_MESSAGE_MAX = 500;

/** An empty or blank message is no message. */
export const endorseSchema = z
  .object({ message: cleaned(z.string().trim().max(ENDORSEMENT_MESSAGE_MAX).nullish()).transform((v) => (v && hasVisible(v) ? v : null)) })
  .strict();

/** An endorsement as shown on an idea page: the organisation is public, the message only to those who may see the contact. */
export interface EndorsementView {
  id: string;
  ideaId: string;
  organisation: { id: string; name: string };
  message: string | null;
  createdAt: string;
  mine: boolean;            // given by the viewer's organisation
}

/** An endorsement with, for viewers connected with the endorsing organisation, who endorsed as its contact person. */
export interface EndorsementWithContact extends EndorsementView {
  contact: ContactPerson | null;
}

export const ideaLink = (ideaId: string): string => `/ideas/${ideaId}`;

/**
 * "Wij vinden dit ook waardevol": endorsing another organisation's idea, taking it back, and who may see
 * the idea's contact person because of it.
 *
 * Rules, and the answer when broken (nothing is written in any of these cases):
 * - signed out: 401; programme team or a user without organisation: 403 (only members endorse);
 * - unknown or hidden idea: 404;
 * - the actor's own organisation's idea: 403 `errors.endorse_own_idea`. A permission rule, not a state
 *   that could change, so 403 rather than 409;
 * - a withdrawn idea: 409; already endorsed by this organisation: 409; message over 500 characters: 400.
 *
 * The connection: each endorsement stores its own 'endorsement' connection between the two organisations
 * around the idea, in the same transaction. An introduction by the programme team is a separate row, so
 * withdrawing always drops the endorsement's own row and the two stay connected exactly when another row
 * (an introduction) still holds them. 'connected' notifications go out only when the pair was not
 * connected around the idea before. Withdrawing notifies nobody: no notification kind says "taken back".
 */
/** Within this time a user is told about the same idea and organisation (endorsed, connected) once. */
export const ENDORSEMENT_QUIET_MS = 10 * 60_000;

export function createEndorsements({ store, clock, bus, contacts = createContacts({ store }) }: EndorsementsDeps) {
  const onlyMembers = (viewer: Viewer) => requireMember(viewer, 'errors.only_members_endorse');
  const findIdea = (viewer: Viewer, ideaId: string) => visibleIdea((id) => store.getIdea(id), viewer, ideaId, 'errors.idea_not_found');

  async function organisationName(id: string): Promise<string> {
    return (await store.getOrganisation(id))?.name ?? id;
  }

  /**
   * Leaves out what each user was already told about this idea and organisation within
   * ENDORSEMENT_QUIET_MS (issue 15.5): endorsing, taking back and endorsing again fifty times sent the
   * owner a hundred notifications; now a burst tells them once. Read from the store, so it holds across
   * instances.
   */
  async function notYetTold(notifications: Notification[]): Promise<Notification[]> {
    const since = new Date(clock.now().getTime() - ENDORSEMENT_QUIET_MS).toISOString();
    const recent = new Map<string, Notification[]>();
    for (const userId of new Set(notifications.map((n) => n.userId))) recent.set(userId, await store.listNotifications(userId, { since, limit: 100 }));
    const same = (a: Notification, b: Notification) => a.kind === b.kind && a.link === b.link && a.params.organisation === b.params.organisation;
    return notifications.filter((n) => !(recent.get(n.userId) ?? []).some((r) => same(r, n)));
  }

  return {
    /** Endorses another organisation's open idea for the actor's organisation; connects the two and notifies them. */
    async endorse(viewer: Viewer, ideaId: string, input: unknown = {}): Promise<Endorsement> {
      const actor = onlyMembers(viewer);
      const idea = await findIdea(actor, ideaId);
      if (idea.organisationId === actor.organisationId) throw new AppError('forbidden', 'errors.endorse_own_idea');
      if (idea.status !== 'open') throw new AppError('conflict', 'errors.endorse_withdrawn_idea');
      const { message } = parse(endorseSchema, input ?? {});
      const already = await store.listEndorsements({ ideaId: idea.id, organisationId: actor.organisationId });
      if (already.length > 0) throw new AppError('conflict', 'errors.already_endorsed');

      const now = iso(clock);
      const endorsement: Endorsement = {
        id: newId(), ideaId: idea.id, organisationId: actor.organisationId, userId: actor.id, message, createdAt: now,
      };
      const newlyConnected = !(await store.areConnected(actor.organisationId, idea.organisationId, idea.id));
      const [a, b] = orderedPair(actor.organisationId, idea.organisationId);
      const held = (await store.listConnections({ ideaId: idea.id }))
        .some((c) => c.via === 'endorsement' && c.organisationA === a && c.organisationB === b);
      const connection: Connection | null = held ? null : {
        id: newId(), ideaId: idea.id, organisationA: a, organisationB: b, via: 'endorsement', createdAt: now,
      };

      const [endorserName, ownerName, owners, endorsers] = await Promise.all([
        organisationName(actor.organisationId),
        organisationName(idea.organisationId),
        store.listActiveMembers([idea.organisationId]),
        newlyConnected ? store.listActiveMembers([actor.organisationId]) : Promise.resolve([]),
      ]);
      const notice = (userId: string, kind: Notification['kind'], organisation: string, extra: Record<string, string> = {}): Notification => ({
        id: newId(), userId, kind, params: { organisation, idea: idea.title, ...extra }, link: ideaLink(idea.id), createdAt: now, readAt: null,
      });
      // One event, one notice per person (issue 16.3): the idea's organisation is told of the endorsement,
      // and in the same notice that they are now in contact; it used to get a second, near-identical one.
      const notifications = await wantedNotifications(store, await notYetTold([
        ...owners.map((u) => notice(u.id, 'endorsed', endorserName, newlyConnected ? { connected: 'yes' } : {})),
        ...endorsers.map((u) => notice(u.id, 'connected', ownerName)),
      ]));

      try {
        await store.endorse({ endorsement, connection, notifications });
      } catch (err) {
        if (err instanceof StoreConflictError && err.what === 'endorsement') throw new AppError('conflict', 'errors.already_endorsed');
        throw err;
      }
      bus.emit('endorsement:created', endorsement, { idea, connection, newlyConnected });
      if (notifications.length > 0) {
        bus.emit('notification:created', { userIds: [...new Set(notifications.map((n) => n.userId))], notifications });
      }
      return endorsement;
    },

    /**
     * Takes back the actor's organisation's endorsement of the idea (also when the idea was withdrawn or
     * hidden since). Returns what was removed; null when there was nothing to take back, which is not an
     * error: the outcome the user asked for holds.
     */
    async withdraw(viewer: Viewer, ideaId: string): Promise<Endorsement | null> {
      const actor = onlyMembers(viewer);
      const idea = plausibleId(ideaId) ? await store.getIdea(ideaId) : null;
      if (!idea) throw new AppError('not_found', 'errors.idea_not_found');
      const removed = await store.unendorse({ ideaId: idea.id, organisationId: actor.organisationId, dropConnection: true, notifications: [] });
      if (!removed) return null;
      const connectionEnded = !(await store.areConnected(actor.organisationId, idea.organisationId, idea.id));
      bus.emit('endorsement:withdrawn', removed, { idea, connectionEnded });
      return removed;
    },

    /**
     * The idea's endorsements, newest first. Messages only for viewers who may see the idea's contact person
     * (and the endorser's own organisation); the endorser as contact person only for viewers connected with
     * the endorsing organisation around this idea (the idea's organisation, the endorser's own, the programme team).
     */
    async listForIdea(viewer: Viewer, ideaId: string): Promise<EndorsementWithContact[]> {
      const idea = await findIdea(viewer, ideaId);
      const [list, policy] = await Promise.all([store.listEndorsements({ ideaId: idea.id }), contacts.policy(viewer, { ideaId: idea.id })]);
      const seesMessages = policy.seesIdeaContact(idea);
      const names = new Map<string, string>();
      for (const id of new Set(list.map((e) => e.organisationId))) names.set(id, await organisationName(id));
      return Promise.all(list.map(async (e) => {
        const mine = viewer?.organisationId === e.organisationId;
        return {
          id: e.id, ideaId: e.ideaId, organisation: { id: e.organisationId, name: names.get(e.organisationId) ?? e.organisationId },
          message: seesMessages || mine ? e.message : null, createdAt: e.createdAt, mine,
          contact: policy.seesContactOf(e.organisationId, idea.id) ? await contacts.endorserContact(e) : null,
        };
      }));
    },

    /** How many organisations endorse each idea (ideas without any are left out). */
    async counts(ideaIds: string[]): Promise<Map<string, number>> {
      return new Map((await store.countPerIdea(ideaIds)).map((c) => [c.ideaId, c.endorsements]));
    },

    /** Whether this viewer's organisation already endorsed the idea (for the button's state). */
    async hasEndorsed(viewer: Viewer, ideaId: string): Promise<boolean> {
      if (!viewer?.organisationId) return false;
      return (await store.listEndorsements({ ideaId, organisationId: viewer.organisationId })).length > 0;
    },

    /** Whether the viewer sees the idea's contact person, which an endorsement may just have changed (rules/contacts.ts). */
    canSeeContact: contacts.canSee,

    /** The idea's contact person when this viewer may see it, otherwise null (rules/contacts.ts). */
    contactFor: contacts.ideaContact,
  };
}

export type Endorsements = ReturnType<typeof createEndorsements>;
