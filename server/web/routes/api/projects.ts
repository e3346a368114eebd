// The projects under way over JSON: anyone reads the catalogue, the programme team keeps it, members ask to join.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { requireUser } from '../../middleware/auth.js';
import { presentJoinRequestJson, presentProjectJson } from '../../views/presenters/projects.js';
import type { Services } from '../../../services.js';

/**
 * Projects over HTTP, with the pages' rules (the domain checks who may act):
 *   GET   /api/projects, GET /api/projects/:id               public (the join requests only to whom they concern)
 *   POST  /api/projects, PATCH /api/projects/:id             programme team
 *   POST  /api/projects/:id/join-requests                    a member of another local government
 *   POST  /api/projects/:id/join-requests/:organisationId/accept|decline   the lead's members or the programme team
 */
export function apiProjectsRouter({ projects }: Pick<Services, 'projects'>): Router {
  const router = featureRouter();

  router.get('/api/projects', async (req, res) => {
    res.json({ items: (await projects.list(req.query)).map(presentProjectJson) });
  });

  router.get('/api/projects/:id', async (req, res) => {
    const project = await projects.get(String(req.params.id));
    const { joinRequests } = await projects.standing(req.actor, project.id);
    res.json({ ...presentProjectJson(project), joinRequests: joinRequests.map(presentJoinRequestJson) });
  });

  router.post('/api/projects', requireUser, async (req, res) => {
    const project = await projects.create(req.actor, req.body ?? {});
    res.status(201).location(`/api/projects/${project.id}`).json(presentProjectJson(project));
  });

  router.patch('/api/projects/:id', requireUser, async (req, res) => {
    res.json(presentProjectJson(await projects.update(req.actor, String(req.params.id), req.body ?? {})));
  });

  router.post('/api/projects/:id/join-requests', requireUser, async (req, res) => {
    const request = await projects.requestToJoin(req.actor, String(req.params.id), req.body ?? {});
    res.status(201).json(presentJoinRequestJson(request));
  });

  for (const answer of ['accept', 'decline'] as const) {
    router.post(`/api/projects/:id/join-requests/:organisationId/${answer}`, requireUser, async (req, res) => {
      res.json(presentJoinRequestJson(await projects.answerJoinRequest(req.actor, String(req.params.id), String(req.params.organisationId), answer)));
    });
  }

  return router;
}
