// A user's own data: their account page, mail unsubscribe links, and the programme team's export and
// erasure of it (issue 16.6).
import { z } from 'zod';
import { AppError } from '../errors.js';
import { DEFAULT_NOTIFICATION_SETTINGS, MAIL_KINDS, type ContactPerson, type MailKind, type Organisation, type Store, type User } from '../store/store.js';
import type { Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import type { UnsubscribeTokens } from './unsubscribe-tokens.js';
import { parse, phone, text } from './validation.js';
import { requireProgramme, requireSignedIn } from './rules/who-may-act.js';

export interface ProfileDeps { store: Store; clock: Clock; bus: DomainBus; audit: Audit; tokens: UnsubscribeTokens }

const profileSchema = z.object({
  name: text(2, 100),
  phone: phone.optional(),
  locale: z.enum(['nl', 'en']),
}).strict();

/** Where an erased user's e-mail address goes: unique per user, never deliverable (.invalid is reserved). */
export const erasedEmail = (userId: string): string => `verwijderd-${userId}@medestander.invalid`;
const ERASED_NAME = 'Verwijderde gebruiker';

/**
 * The account page's own data (name, phone, language: the language of the mail too), unsubscribing
 * through a signed link without signing in (issue 16.2), and the programme team's personal-data tools
 * (issue 16.6): export a user's personal data as JSON, and erase it, which anonymises the user and keeps
 * the ideas (they belong to the organisation). Both are audit-logged.
 */
export function createProfile({ store, clock, bus, audit, tokens }: ProfileDeps) {
  async function existing(id: unknown): Promise<User> {
    const user = typeof id === 'string' && id.length <= 64 ? await store.getUser(id) : null;
    if (!user) throw new AppError('not_found', 'accounts_admin.errors.user_not_found');
    return user;
  }

  return {
    async get(viewer: Viewer): Promise<User> {
      return existing(requireSignedIn(viewer).id);
    },

    async update(viewer: Viewer, input: unknown): Promise<User> {
      const actor = requireSignedIn(viewer);
      const v = parse(profileSchema, input);
      const user = await store.updateUser(actor.id, { name: v.name, phone: v.phone ?? null, locale: v.locale }, iso(clock));
      if (!user) throw new AppError('not_found', 'accounts_admin.errors.user_not_found');
      return user;
    },

    /** A person and their organisation, for the programme team's personal-data page (404 when unknown). */
    async person(viewer: Viewer, userId: unknown): Promise<{ user: User; organisation: Organisation | null }> {
      requireProgramme(viewer);
      const user = await existing(userId);
      return { user, organisation: user.organisationId ? await store.getOrganisation(user.organisationId) : null };
    },

    /** Whom and what a link would unsubscribe (null: not a valid link, or the user is gone). */
    async checkUnsubscribe(token: unknown): Promise<{ email: string; kind: MailKind; mailed: boolean } | null> {
      const signed = tokens.verify(token);
      const user = signed ? await store.getUser(signed.userId) : null;
      if (!signed || !user || !user.active) return null;
      const settings = await store.getNotificationSettings(user.id);
      return { email: user.email, kind: signed.kind, mailed: settings[signed.kind] === 'mail' };
    },

    /** Switches the link's kind from mail to in-the-app only ('never' stays 'never'). Null: not a valid link. */
    async unsubscribe(token: unknown): Promise<{ kind: MailKind } | null> {
      const found = await this.checkUnsubscribe(token);
      const signed = tokens.verify(token);
      if (!found || !signed) return null;
      if (found.mailed) await store.setNotificationSettings(signed.userId, { [signed.kind]: 'app' });
      return { kind: signed.kind };
    },

    /** Everything the store holds about a person, for a request under the GDPR (programme team only). */
    async exportPersonalData(viewer: Viewer, userId: unknown): Promise<Record<string, unknown>> {
      const actor = requireProgramme(viewer);
      const user = await existing(userId);
      const organisation = user.organisationId ? await store.getOrganisation(user.organisationId) : null;
      const emailKey = user.email.toLowerCase();
      const ideas = [];
      for (let offset = 0; user.organisationId;) {
        const page = await store.listIdeas({ organisationId: user.organisationId, includeHidden: true, limit: 100, offset });
        ideas.push(...page.items);
        offset += page.items.length;
        if (page.items.length === 0 || offset >= page.total) break;
      }
      const data = {
        exportedAt: iso(clock),
        user: { id: user.id, name: user.name, email: user.email, phone: user.phone, role: user.role, locale: user.locale, active: user.active, createdAt: user.createdAt, updatedAt: user.updatedAt },
        organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
        notificationSettings: await store.getNotificationSettings(user.id),
        ideasAsAuthor: ideas.filter((i) => i.authorId === user.id).map((i) => ({ id: i.id, title: i.title, createdAt: i.createdAt })),
        ideasAsContact: ideas.filter((i) => i.contact.email.toLowerCase() === emailKey).map((i) => ({ id: i.id, title: i.title, contact: i.contact })),
        endorsementsGiven: (await store.listEndorsements({ organisationId: user.organisationId ?? '-' })).filter((e) => e.userId === user.id)
          .map((e) => ({ ideaId: e.ideaId, message: e.message, createdAt: e.createdAt })),
        notifications: (await store.listNotifications(user.id, { limit: 100 })).map((n) => ({ kind: n.kind, params: n.params, link: n.link, createdAt: n.createdAt, readAt: n.readAt })),
        mails: (await store.listOutbox({ userId: user.id, limit: 100 })).map((m) => ({ kind: m.kind, state: m.state, createdAt: m.createdAt, doneAt: m.doneAt })),
        // Issue 17: what this person asked for themselves, with the words they wrote.
        checkInsRequested: user.organisationId ? (await store.listCheckIns({ organisationId: user.organisationId })).filter((c) => c.requestedBy === user.id)
          .map((c) => ({ id: c.id, subject: c.subject, subjectTitle: c.subjectTitle, note: c.note, status: c.status, createdAt: c.createdAt })) : [],
        projectJoinRequests: user.organisationId ? (await store.listProjectJoinRequests({ organisationId: user.organisationId })).filter((r) => r.requestedBy === user.id)
          .map((r) => ({ id: r.id, projectId: r.projectId, message: r.message, status: r.status, createdAt: r.createdAt })) : [],
      };
      await audit.record(actor, 'user.data_exported', { type: 'user', id: user.id }, { email: user.email });
      return data;
    },

    /**
     * Erases a person's personal data: the user is anonymised (name, e-mail, phone, password gone;
     * inactive; sessions, notifications, settings and unsent mail removed) in one store transaction.
     * Ideas stay with the organisation; where the person was the contact, another active colleague of
     * the organisation takes their place, or a placeholder without personal data. An active
     * programme-team account is deactivated first (the last one cannot be), and nobody erases themselves.
     */
    async erasePersonalData(viewer: Viewer, userId: unknown): Promise<User> {
      const actor = requireProgramme(viewer);
      const user = await existing(userId);
      if (user.id === actor.id) throw new AppError('conflict', 'account.erase.not_yourself');
      if (user.role === 'programme' && user.active) throw new AppError('conflict', 'account.erase.deactivate_first');
      const colleague = user.organisationId
        ? (await store.listActiveMembers([user.organisationId])).find((u) => u.id !== user.id)
        : undefined;
      const contact: ContactPerson = colleague
        ? { name: colleague.name, email: colleague.email, phone: colleague.phone }
        : { name: ERASED_NAME, email: erasedEmail(user.id), phone: null };
      const now = iso(clock);
      const done = await store.anonymiseUser({ userId: user.id, anonymous: { name: ERASED_NAME, email: erasedEmail(user.id) }, contact, at: now });
      if (!done) throw new AppError('not_found', 'accounts_admin.errors.user_not_found');
      await audit.record(actor, 'user.data_erased', { type: 'user', id: user.id }, { organisation: user.organisationId ?? '' });
      bus.emit('user:deactivated', { userId: user.id });
      return (await store.getUser(user.id))!;
    },

    defaults: DEFAULT_NOTIFICATION_SETTINGS,
    kinds: MAIL_KINDS,
  };
}

export type Profile = ReturnType<typeof createProfile>;
