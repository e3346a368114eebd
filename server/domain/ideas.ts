// Ideas are what the product is about: posting, editing, withdrawing and listing them, with their
// validation and the rule of who may act on one.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { THEMES, StoreVersionError, type Idea, type IdeaPatch, type Language, type Page, type Store, type Theme } from '../store/store.js';
import { newId } from '../store/ids.js';
import type { Actor, Viewer } from './actor.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { cleaned, email, hasVisible, parse, phone, text } from './validation.js';
import { visibleIdea } from './rules/visible-ideas.js';
import { requireActsFor, requireMember } from './rules/who-may-act.js';

export interface IdeasDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  detectLanguage: (text: string) => Language;
}

/** The themes an idea may have, for the forms that offer them. */
export { THEMES };

export const LIMITS = { title: [5, 140], description: [20, 5000], tag: [1, 30], tags: 10, pageSize: 20, maxPageSize: 100 } as const;

const tags = z
  .array(cleaned(z.string().trim().toLowerCase().min(LIMITS.tag[0]).max(LIMITS.tag[1]).refine((v) => hasVisible(v), { message: 'errors.field.required' })))
  .max(LIMITS.tags)
  .transform((list) => [...new Set(list)]);

const contact = z.object({ name: text(2, 100), email, phone: phone.optional().transform((v) => v ?? null) }).strict();

const fields = {
  title: text(...LIMITS.title),
  description: text(...LIMITS.description),
  theme: z.enum(THEMES as [Theme, ...Theme[]]),
  tags,
  contact,
  /** The call for proposals the idea aims at; null: none in particular. Must exist (400 naming `callId`). */
  callId: z.string().trim().min(1).max(64).nullable(),
};

export const createSchema = z.object({ ...fields, tags: tags.default([]), callId: fields.callId.default(null) }).strict();
export const updateSchema = z
  .object({ ...fields, version: z.number().int().positive().optional() })
  .partial()
  .strict();

export const querySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    theme: z.enum(THEMES as [Theme, ...Theme[]]).optional(),
    province: z.string().trim().max(60).optional(),
    organisationId: z.string().trim().max(64).optional(),
    status: z.enum(['open', 'withdrawn', 'all']).default('open'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).default(LIMITS.pageSize),
  })
  .transform((v) => ({ ...v, q: v.q || undefined, province: v.province || undefined, organisationId: v.organisationId || undefined }));

export type IdeaListQuery = z.output<typeof querySchema>;

export function createIdeas(deps: IdeasDeps) {
  const { store, clock, bus } = deps;
  const languageOf = (i: { title: string; description: string }) => deps.detectLanguage(`${i.title}\n${i.description}`);

  const read = (id: string) => store.getIdea(id);

  /** The idea if this viewer may change it: 404 when they may not see it, 403 for another organisation's idea. */
  async function getOwnIdea(viewer: Viewer, id: string): Promise<Idea> {
    const idea = await visibleIdea(read, viewer, id, 'ideas.errors.not_found');
    requireActsFor(viewer, idea.organisationId, 'ideas.errors.not_yours');
    return idea;
  }

  /** An idea may aim only at a call that exists. */
  async function requireCall(callId: string | null | undefined): Promise<void> {
    if (callId === null || callId === undefined || (await store.getCall(callId))) return;
    throw new AppError('validation_failed', 'errors.validation_failed', { fields: { callId: { key: 'calls.errors.unknown_call' } } });
  }

  async function applyPatch(actor: Actor, idea: Idea, patch: IdeaPatch, expectedVersion: number): Promise<Idea> {
    try {
      const updated = await store.updateIdea(idea.id, patch, expectedVersion, iso(clock));
      if (!updated) throw new AppError('not_found', 'ideas.errors.not_found');
      bus.emit('idea:updated', updated, idea);
      return updated;
    } catch (err) {
      if (err instanceof StoreVersionError) throw new AppError('conflict', 'ideas.errors.changed_meanwhile', { params: { version: err.currentVersion } });
      throw err;
    }
  }

  return {
    parseQuery: (input: unknown): IdeaListQuery => parse(querySchema, input),

    /** Posts an idea for the actor's organisation. The programme team posts for no organisation of its own. */
    async create(actor: Actor, input: unknown): Promise<Idea> {
      const member = requireMember(actor, 'ideas.errors.only_members_post');
      const v = parse(createSchema, input);
      await requireCall(v.callId);
      const now = iso(clock);
      const idea: Idea = {
        id: newId(), organisationId: member.organisationId, authorId: actor.id, title: v.title, description: v.description,
        theme: v.theme, tags: v.tags, contact: v.contact, status: 'open', language: languageOf(v), hidden: false, callId: v.callId,
        version: 1, createdAt: now, updatedAt: now,
      };
      await store.createIdea(idea);
      bus.emit('idea:created', idea);
      return idea;
    },

    /** Edits an idea of the actor's organisation (or any, for the programme team). `version`, when given, must be current. */
    async update(actor: Actor, id: string, input: unknown): Promise<Idea> {
      const idea = await getOwnIdea(actor, id);
      const { version, ...patch } = parse(updateSchema, input);
      if (idea.status === 'withdrawn') throw new AppError('conflict', 'ideas.errors.withdrawn');
      await requireCall(patch.callId);
      if (version !== undefined && version !== idea.version) {
        throw new AppError('conflict', 'ideas.errors.changed_meanwhile', { params: { version: idea.version } });
      }
      const next: IdeaPatch = { ...patch };
      if (patch.title !== undefined || patch.description !== undefined) {
        next.language = languageOf({ title: patch.title ?? idea.title, description: patch.description ?? idea.description });
      }
      return applyPatch(actor, idea, next, idea.version);
    },

    async withdraw(actor: Actor, id: string): Promise<Idea> {
      const idea = await getOwnIdea(actor, id);
      if (idea.status === 'withdrawn') return idea; // withdrawing twice is not an error: the outcome is the same
      return applyPatch(actor, idea, { status: 'withdrawn' }, idea.version);
    },

    async reopen(actor: Actor, id: string): Promise<Idea> {
      const idea = await getOwnIdea(actor, id);
      if (idea.status === 'open') return idea;
      return applyPatch(actor, idea, { status: 'open' }, idea.version);
    },

    /**
     * One idea as this viewer may see it; a hidden idea only for the programme team and the idea's own
     * organisation (which sees why it was hidden, issue 16.8); for everyone else it does not exist.
     */
    async get(viewer: Viewer, id: string): Promise<Idea> {
      return visibleIdea(read, viewer, id, 'ideas.errors.not_found');
    },

    /** The idea for its edit form: as `update` would find it (404, 403 not yours), and 409 once withdrawn. */
    async getForEditing(viewer: Viewer, id: string): Promise<Idea> {
      const idea = await getOwnIdea(viewer, id);
      if (idea.status !== 'open') throw new AppError('conflict', 'ideas.errors.withdrawn');
      return idea;
    },

    /** The first `limit` open ideas of an organisation, newest first (at most the store's page of 100). */
    async openIdeasOf(organisationId: string, limit: number): Promise<Idea[]> {
      return (await store.listIdeas({ organisationId, status: 'open', limit, offset: 0 })).items;
    },

    async list(query: IdeaListQuery): Promise<Page<Idea> & { page: number; pageSize: number }> {
      const { page, pageSize, status, ...filters } = query;
      const result = await store.listIdeas({
        ...filters, status: status === 'all' ? undefined : status, limit: pageSize, offset: (page - 1) * pageSize,
      });
      return { ...result, page, pageSize };
    },
  };
}

export type Ideas = ReturnType<typeof createIdeas>;
