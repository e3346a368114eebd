// The calls for proposals over JSON: anyone reads them, the programme team creates and changes them.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { requireUser } from '../../middleware/auth.js';
import { presentCallJson } from '../../views/presenters/calls.js';
import type { Services } from '../../../services.js';

/**
 * Calls over HTTP, with the pages' rules (the domain checks who may act):
 *   GET   /api/calls, GET /api/calls/:id     public, with status and countdown at the time of the request
 *   POST  /api/calls, PATCH /api/calls/:id   programme team (CSRF as every write)
 */
export function apiCallsRouter({ calls }: Pick<Services, 'calls'>): Router {
  const router = featureRouter();

  router.get('/api/calls', async (_req, res) => {
    res.json({ items: (await calls.list()).map(presentCallJson) });
  });

  router.get('/api/calls/:id', async (req, res) => {
    res.json(presentCallJson(await calls.get(String(req.params.id))));
  });

  router.post('/api/calls', requireUser, async (req, res) => {
    const call = await calls.create(req.actor, req.body ?? {});
    res.status(201).location(`/api/calls/${call.id}`).json(presentCallJson(call));
  });

  router.patch('/api/calls/:id', requireUser, async (req, res) => {
    res.json(presentCallJson(await calls.update(req.actor, String(req.params.id), req.body ?? {})));
  });

  return router;
}
