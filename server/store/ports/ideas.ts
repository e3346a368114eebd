/**
 * The ideas port: what members post, list and search, and the corpus the matching engine reads.
 * Hiding an idea (moderation) is an `updateIdea` with `{ hidden }`, like any other change.
 */

export type Theme = 'services' | 'democracy' | 'workplace';
export const THEMES: readonly Theme[] = ['services', 'democracy', 'workplace'];
export type IdeaStatus = 'open' | 'withdrawn';
export type Language = 'nl' | 'fr' | 'en';

export interface ContactPerson {
  name: string;
  email: string;
  phone: string | null;
}

export interface Idea {
  id: string;
  organisationId: string;
  authorId: string;
  title: string;
  description: string;
  theme: Theme;
  tags: string[];
  contact: ContactPerson;
  status: IdeaStatus;
  language: Language;
  hidden: boolean;          // moderation; hidden ideas are left out of lists unless asked for
  callId: string | null;    // the call for proposals the idea aims at (ports/calls.ts); null: none in particular
  version: number;          // starts at 1, +1 on every update
  createdAt: string;
  updatedAt: string;
}

export interface IdeaQuery {
  q?: string;               // full-text search on title, description and tags
  theme?: Theme;
  province?: string;
  organisationId?: string;
  callId?: string;          // only ideas aiming at this call
  status?: IdeaStatus;      // omitted: every status
  includeHidden?: boolean;  // default false
  limit: number;            // 1..100
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface IdeaPatch {
  title?: string;
  description?: string;
  theme?: Theme;
  tags?: string[];
  contact?: ContactPerson;
  status?: IdeaStatus;
  language?: Language;
  hidden?: boolean;
  /** null: aims at no call in particular any more. */
  callId?: string | null;
}

export interface IdeasPort {
  createIdea(idea: Idea): Promise<void>;
  getIdea(id: string): Promise<Idea | null>;
  /** Applies the patch when the stored version is `expectedVersion`; returns the new record, or null when the idea does not exist. Throws StoreVersionError on a version mismatch. */
  updateIdea(id: string, patch: IdeaPatch, expectedVersion: number, updatedAt: string): Promise<Idea | null>;
  listIdeas(query: IdeaQuery): Promise<Page<Idea>>;   // newest first
  /** Every open, visible idea: the corpus the matching engine is built from. */
  allOpenIdeas(): Promise<Idea[]>;
}
