/**
 * The MongoDB side of ideas (models/ideas.ts): search through each idea's folded `searchText`
 * (search.ts), and optimistic updates that filter on the stored version.
 */
import type { IdeaDoc, Models } from '../../../models/index.js';
import { StoreVersionError, type Idea, type IdeaPatch, type IdeaQuery, type IdeasPort, type Page } from '../store.js';
import { conflictAs } from './conflicts.js';
import { ideaDoc, toIdea } from './mapping.js';
import { eq, NEWEST_FIRST } from './queries.js';
import { searchPatterns } from './search.js';

const IDEA_FIELDS = { searchText: 0 } as const;

export function ideasAdapter(m: Models): IdeasPort {
  const getIdea = async (id: string): Promise<Idea | null> => {
    const d = await m.Idea.findOne({ _id: eq(id) }, IDEA_FIELDS).lean<IdeaDoc>();
    return d ? toIdea(d) : null;
  };

  return {
    async createIdea(idea) {
      await conflictAs('idea', () => m.Idea.insertMany([ideaDoc(idea)]));
    },

    getIdea,

    /** A concurrent writer makes the update match nothing: StoreVersionError with the version found. */
    async updateIdea(id, patch, expectedVersion, updatedAt) {
      const current = await getIdea(id);
      if (!current) return null;
      if (current.version !== expectedVersion) throw new StoreVersionError(current.version);
      const next: Idea = { ...current, ...definedOnly(patch), version: current.version + 1, updatedAt };
      const { _id, ...fields } = ideaDoc(next);
      const result = await m.Idea.updateOne({ _id, version: expectedVersion }, { $set: fields }, { runValidators: true });
      if (result.matchedCount === 1) return next;
      const now = await getIdea(id); // someone else wrote between our read and our write
      if (!now) return null;
      throw new StoreVersionError(now.version);
    },

    async listIdeas(query) {
      return listIdeas(m, query);
    },

    async allOpenIdeas() {
      const docs = await m.Idea.find({ status: 'open', hidden: false }, IDEA_FIELDS).sort(NEWEST_FIRST).lean<IdeaDoc[]>();
      return docs.map(toIdea);
    },
  };
}

async function listIdeas(m: Models, query: IdeaQuery): Promise<Page<Idea>> {
  const and: Record<string, unknown>[] = [];
  const patterns = query.q === undefined ? null : searchPatterns(query.q);
  for (const pattern of patterns ?? []) and.push({ searchText: { $regex: pattern } });
  if (query.province !== undefined) {
    // No joins in a find: the organisations of that province first, then their ideas.
    const orgIds = await m.Organisation.find({ province: query.province }).distinct('_id');
    and.push({ organisationId: { $in: orgIds } });
  }
  if (query.theme !== undefined) and.push({ theme: query.theme });
  if (query.organisationId !== undefined) and.push({ organisationId: query.organisationId });
  if (query.callId !== undefined) and.push({ callId: query.callId });
  if (query.status !== undefined) and.push({ status: query.status });
  if (!query.includeHidden) and.push({ hidden: false });
  const filter = and.length > 0 ? { $and: and } : {};
  const limit = Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset));
  // Two reads, not one snapshot as in SQLite: a write landing between them can make `total` differ
  // from the page by that one idea, which a list page tolerates.
  const [total, docs] = await Promise.all([
    m.Idea.countDocuments(filter),
    limit === 0 // limit(0) means "no limit" to MongoDB
      ? Promise.resolve([] as IdeaDoc[])
      : m.Idea.find(filter, IDEA_FIELDS).sort(NEWEST_FIRST).skip(offset).limit(limit).lean<IdeaDoc[]>(),
  ]);
  return { items: docs.map(toIdea), total };
}

const IDEA_PATCHABLE: readonly (keyof IdeaPatch)[] = ['title', 'description', 'theme', 'tags', 'contact', 'status', 'language', 'hidden', 'callId'];

/** Only the patchable fields, and only those given: a stray `id` or `version` in a patch is ignored. */
function definedOnly(patch: IdeaPatch): IdeaPatch {
  return Object.fromEntries(IDEA_PATCHABLE.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]])) as IdeaPatch;
}
