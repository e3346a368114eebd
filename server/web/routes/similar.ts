// Similar ideas beside a posted idea (page and API) and for the new-idea form: one set of rules.
import type { RequestHandler } from 'express';
import type { Viewer } from '../../domain/actor.js';
import { SIMILAR_LIMITS } from '../../domain/similar-ideas.js';
import { isAppError } from '../../errors.js';
import { presentCluster, presentSimilarForPage } from '../views/presenters/similar.js';
import type { Services } from '../../services.js';
import type { IdeaFormValues } from './ideas-support.js';

/**
 * What is shown beside a posted idea, on its page and by `GET /api/ideas/:id/similar`, so both follow the
 * same rules: the idea as the viewer may see it (unknown, or hidden from a non-programme viewer: not_found),
 * the most similar ideas of organisations other than the idea's and the viewer's, and the idea's cluster.
 */
export async function similarBesideIdea(services: Pick<Services, 'ideas' | 'matching'>, viewer: Viewer, ideaId: string, opts: { k?: number } = {}) {
  const idea = await services.ideas.get(viewer, ideaId);
  return { idea, similar: await services.matching.similarToIdea(viewer, idea.id, opts), cluster: services.matching.clusterOf(idea.id) };
}

/**
 * The matching on the pages. On `GET /ideas/:id` this runs before the page's own handler and leaves
 * `similarSection` (similar ideas of other organisations, the idea's cluster) in res.locals for
 * views/partials/ideas/similar-section.hbs; an unknown or hidden idea is left to the page's handler.
 */
export function similarOnIdeaPage(deps: Pick<Services, 'ideas' | 'matching'>): RequestHandler {
  return async (req, res, next) => {
    try {
      const { similar, cluster } = await similarBesideIdea(deps, req.actor, String(req.params.id));
      res.locals.similarSection = { similar: presentSimilarForPage(similar), cluster: presentCluster(cluster) };
    } catch (err) {
      if (!isAppError(err)) throw err;
    }
    next();
  };
}

/** The new-idea form's "check for similar ideas" step without JavaScript: the similar ideas for what was typed (nothing saved). */
export async function similarForForm(services: Pick<Services, 'matching'>, viewer: Viewer, values: IdeaFormValues) {
  const input = { title: values.title.slice(0, SIMILAR_LIMITS.title), description: values.description.slice(0, SIMILAR_LIMITS.description) };
  return { checked: true, similar: presentSimilarForPage(await services.matching.similarToText(viewer, input)) };
}
