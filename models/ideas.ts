import { Schema } from 'mongoose';
import { LIMITS } from '../server/domain/ideas.js';
import { THEMES, type Idea, type IdeaStatus, type Language } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

const STATUSES: readonly IdeaStatus[] = ['open', 'withdrawn'];
const LANGUAGES: readonly Language[] = ['nl', 'fr', 'en'];

/**
 * `searchText` is maintained by the adapter on every write: the title, the description and each tag,
 * lower-cased, diacritics removed and reduced to words separated by single spaces (see
 * server/store/mongo/search.ts). Searches match it with anchored regular expressions, which gives the
 * same answers as SQLite's FTS5 query (whole words, last word as a prefix, diacritics-insensitive).
 */
export type IdeaDoc = Omit<Idea, 'id'> & { _id: string; searchText: string[] };

export function ideaSchema(): Schema<IdeaDoc> {
  const schema = new Schema<IdeaDoc>({
    _id: stringId,
    organisationId: { type: String, required: true },
    authorId: { type: String, required: true },
    title: { type: String, required: true, minlength: LIMITS.title[0], maxlength: LIMITS.title[1] },
    description: { type: String, required: true, minlength: LIMITS.description[0], maxlength: LIMITS.description[1] },
    theme: { type: String, required: true, enum: THEMES },
    tags: {
      type: [{ type: String, minlength: LIMITS.tag[0], maxlength: LIMITS.tag[1] }],
      default: [],
      validate: { validator: (tags: string[]) => tags.length <= LIMITS.tags, message: `at most ${LIMITS.tags} tags` },
    },
    contact: {
      name: { type: String, required: true, minlength: 2, maxlength: 100 },
      email: { type: String, required: true, maxlength: 254 },
      phone: nullableString,
    },
    status: { type: String, required: true, enum: STATUSES },
    language: { type: String, required: true, enum: LANGUAGES },
    hidden: { type: Boolean, required: true },
    callId: nullableString,
    version: { type: Number, required: true, min: 1 },
    createdAt: isoString,
    updatedAt: isoString,
    searchText: { type: [String], default: [] },
  }, { ...SCHEMA_OPTIONS, collection: 'ideas' });
  schema.index({ createdAt: -1, _id: -1 }, { name: 'ideas_newest' });
  schema.index({ organisationId: 1, createdAt: -1 }, { name: 'ideas_organisation' });
  schema.index({ status: 1, hidden: 1, createdAt: -1 }, { name: 'ideas_status' });
  schema.index({ theme: 1, createdAt: -1 }, { name: 'ideas_theme' });
  // MongoDB's own text index, for ranked search and ad-hoc queries. `default_language: 'none'`: no
  // English stemming or stop words on Dutch text. `language_override` points at a field that does not
  // exist, because MongoDB would otherwise read each idea's `language` ('nl', 'fr', 'en') as the
  // document's text language. The store's listIdeas does not use it (see searchText above): $text has
  // no prefix matching for search-as-you-type.
  schema.index(
    { title: 'text', description: 'text', tags: 'text' },
    { name: 'ideas_text', default_language: 'none', language_override: 'textIndexLanguage', weights: { title: 3, tags: 2, description: 1 } },
  );
  return schema;
}
