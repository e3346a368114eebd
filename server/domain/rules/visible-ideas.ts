// Which ideas a viewer sees: one rule for hidden (moderated) and withdrawn ideas, so every feature
// leaves out, and answers 404 for, exactly the same ideas.
import { AppError } from '../../errors.js';
import type { Idea } from '../../store/store.js';
import type { Viewer } from '../actor.js';
import { actsFor } from './who-may-act.js';

/**
 * A hidden idea exists only for the programme team and its own organisation (which is told why it was
 * hidden, issue 16.8); for everyone else it does not exist. Withdrawn ideas stay readable.
 */
export const seesIdea = (viewer: Viewer, idea: Pick<Idea, 'hidden' | 'organisationId'>): boolean =>
  !idea.hidden || actsFor(viewer, idea.organisationId);

/** Whether the viewer is told that (and why) an idea is hidden: those who still see it. */
export const seesHiding = (viewer: Viewer, idea: Pick<Idea, 'hidden' | 'organisationId'>): boolean =>
  idea.hidden && actsFor(viewer, idea.organisationId);

/** What lists, clusters, digests and matching show: open and not hidden. */
export const isListed = (idea: Pick<Idea, 'status' | 'hidden'>): boolean => idea.status === 'open' && !idea.hidden;

/** What a member's own overviews show: every status, but never what moderation hid. */
export const notHidden = (idea: Pick<Idea, 'hidden'>): boolean => !idea.hidden;

/** Ids longer than any we make are not looked up: they are simply not found. */
export const plausibleId = (id: unknown): id is string => typeof id === 'string' && id.length <= 64;

/**
 * The idea as this viewer may see it, or a 404 with the caller's message (each feature names the
 * missing idea in its own words). `read` is the store's getIdea.
 */
export async function visibleIdea(read: (id: string) => Promise<Idea | null>, viewer: Viewer, id: unknown, notFound: string): Promise<Idea> {
  const idea = plausibleId(id) ? await read(id) : null;
  if (!idea || !seesIdea(viewer, idea)) throw new AppError('not_found', notFound);
  return idea;
}
