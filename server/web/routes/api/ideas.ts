// The ideas over JSON, for API clients and the new-idea form's live check, by the same rules as the pages.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import type { Viewer } from '../../../domain/actor.js';
import { parse } from '../../../domain/validation.js';
import { AppError } from '../../../errors.js';
import type { Idea } from '../../../store/store.js';
import { requireUser } from '../../middleware/auth.js';
import { presentIdea } from '../../views/presenters/ideas.js';
import { presentProjectMatch } from '../../views/presenters/projects.js';
import { presentCluster, presentSimilar } from '../../views/presenters/similar.js';
import { similarQuerySchema } from '../../schemas/ideas.js';
import { contactOf, listParams, toQueryInput } from '../ideas-support.js';
import { parseSort, sortedIdeas, type SortServices } from '../idea-sort.js';
import { ideaAnswer, type IdeaAnswerServices } from './idea-answer.js';
import { similarBesideIdea } from '../similar.js';
import type { Services } from '../../../services.js';

/** `?limit=` (1..20, default 5; empty counts as absent); any other parameter is named in the 400, as GET /api/notifications does. */
function similarQuery(query: Record<string, unknown>): { k: number } {
  const unknown = Object.keys(query).filter((k) => k !== 'limit');
  if (unknown.length) {
    throw new AppError('validation_failed', 'errors.validation_failed', { fields: Object.fromEntries(unknown.map((k) => [k, { key: 'errors.field.unknown', params: { keys: k } }])) });
  }
  return { k: parse(similarQuerySchema, query.limit === '' ? {} : query).limit };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The ideas over JSON, with the same rules as the pages (the domain service enforces them): anyone
 * reads, members post and change their organisation's ideas, the programme team changes any. Contact
 * details only where the domain's contact policy allows (connection-aware; one policy per request).
 */
export function apiIdeasRouter(services: IdeaAnswerServices & SortServices & Pick<Services, 'projects'>): Router {
  const router = featureRouter();
  const { ideas, matching } = services;
  const present = (req: { actor: Viewer }, idea: Idea) => ideaAnswer(services, req.actor, idea);

  router.get('/api/ideas', async (req, res) => {
    const query = ideas.parseQuery(toQueryInput(listParams(req.query)));
    const sort = parseSort(req.actor, req.query.sort === undefined ? 'newest' : req.query.sort);
    const result = await sortedIdeas(services, req.actor, query, sort);
    const [orgs, contacts] = await Promise.all([services.organisations.of(result.items), services.contacts.policy(req.actor)]);
    res.json({
      items: result.items.map((i) => presentIdea(i, orgs.get(i.organisationId), req.actor, contacts)),
      total: result.total, page: result.page, pageSize: result.pageSize,
    });
  });

  // Before the /api/ideas/:id routes. The most similar open ideas of other organisations than yours, for unsaved text.
  router.post('/api/ideas/similar', requireUser, async (req, res) => {
    const [similar, projects] = await Promise.all([matching.similarToText(req.actor, req.body ?? {}), services.projects.similarToText(req.body ?? {})]);
    res.json({ items: presentSimilar(similar), projects: projects.map(presentProjectMatch) });
  });

  // The page's "similar ideas" and cluster beside a posted idea, by the same function and rules as the page.
  router.get('/api/ideas/:id/similar', async (req, res) => {
    const opts = similarQuery(req.query as Record<string, unknown>);
    const { similar, cluster, projects } = await similarBesideIdea(services, req.actor, String(req.params.id), opts);
    res.json({
      items: presentSimilar(similar).map((s) => ({ ...s, cluster: presentCluster(matching.clusterOf(s.idea.id)) })),
      cluster: presentCluster(cluster),
      projects: projects.map(presentProjectMatch),
    });
  });

  router.get('/api/ideas/:id', async (req, res) => {
    res.json(await present(req, await ideas.get(req.actor, String(req.params.id))));
  });

  router.post('/api/ideas', requireUser, async (req, res) => {
    const body: unknown = req.body ?? {};
    // Like the form: without a contact person, the one posting is it.
    const input = isObject(body) && body.contact === undefined ? { ...body, contact: contactOf(req.actor!) } : body;
    const idea = await ideas.create(req.actor!, input);
    res.status(201).location(`/api/ideas/${idea.id}`).json(await present(req, idea));
  });

  router.patch('/api/ideas/:id', requireUser, async (req, res) => {
    res.json(await present(req, await ideas.update(req.actor!, String(req.params.id), req.body ?? {})));
  });

  router.delete('/api/ideas/:id', requireUser, async (req, res) => {
    res.json(await present(req, await ideas.withdraw(req.actor!, String(req.params.id))));
  });

  router.post('/api/ideas/:id/reopen', requireUser, async (req, res) => {
    res.json(await present(req, await ideas.reopen(req.actor!, String(req.params.id))));
  });

  return router;
}
