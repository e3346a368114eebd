// Similar ideas beside a posted idea (page and API) and for the new-idea form: one set of rules.
import type { RequestHandler } from 'express';
import type { Viewer } from '../../domain/actor.js';
import { SIMILAR_LIMITS } from '../../domain/similar-ideas.js';
import { isAppError } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { presentProjectMatchForPage } from '../views/presenters/projects.js';
import { presentCluster, presentSimilarForPage } from '../views/presenters/similar.js';
import type { Services } from '../../services.js';
import type { IdeaFormValues } from './ideas-support.js';

/**
 * What is shown beside a posted idea, on its page and by `GET /api/ideas/:id/similar`, so both follow the
 * same rules: the idea as the viewer may see it (unknown, or hidden from a non-programme viewer: not_found),
 * the most similar ideas of organisations other than the idea's and the viewer's, and the idea's cluster;
 * apart from them, the projects already under way that resemble it.
 */
export async function similarBesideIdea(services: Pick<Services, 'ideas' | 'matching' | 'projects'>, viewer: Viewer, ideaId: string, opts: { k?: number } = {}) {
  const idea = await services.ideas.get(viewer, ideaId);
  const [similar, projects] = await Promise.all([services.matching.similarToIdea(viewer, idea.id, opts), services.projects.similarToIdea(idea)]);
  return { idea, similar, projects, cluster: services.matching.clusterOf(idea.id) };
}

/**
 * The matching on the pages. On `GET /ideas/:id` this runs before the page's own handler and leaves
 * `similarSection` (similar ideas of other organisations, the idea's cluster) in res.locals for
 * views/partials/ideas/similar-section.hbs; an unknown or hidden idea is left to the page's handler.
 */
export function similarOnIdeaPage(deps: Pick<Services, 'ideas' | 'matching' | 'projects'>): RequestHandler {
  return async (req, res, next) => {
    try {
      const { similar, cluster, projects } = await similarBesideIdea(deps, req.actor, String(req.params.id));
      res.locals.similarSection = {
        similar: presentSimilarForPage(similar), cluster: presentCluster(cluster), projects: projects.map((m) => presentProjectMatchForPage(m, req.locale)),
      };
    } catch (err) {
      if (!isAppError(err)) throw err;
    }
    next();
  };
}

/** The new-idea form's "check for similar ideas" step without JavaScript: the similar ideas and projects for what was typed (nothing saved). */
export async function similarForForm(services: Pick<Services, 'matching' | 'projects'>, viewer: Viewer, values: IdeaFormValues, locale: Locale) {
  const input = { title: values.title.slice(0, SIMILAR_LIMITS.title), description: values.description.slice(0, SIMILAR_LIMITS.description) };
  const [similar, projects] = await Promise.all([services.matching.similarToText(viewer, input), services.projects.similarToText(input)]);
  return { checked: true, similar: presentSimilarForPage(similar), projects: projects.map((m) => presentProjectMatchForPage(m, locale)) };
}
