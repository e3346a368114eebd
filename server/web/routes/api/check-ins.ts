// Check-ins over JSON: members ask, the programme team confirms or proposes, either side cancels.
import type { Router } from 'express';
import { featureRouter } from '../routing.js';
import { requireUser } from '../../middleware/auth.js';
import { presentCheckInJson } from '../../views/presenters/check-ins.js';
import type { Services } from '../../../services.js';

/**
 * Check-ins over HTTP, with the pages' rules (the domain checks who may act; CSRF as every write):
 *   GET  /api/check-ins, GET /api/check-ins/:id      a member: its organisation's; the programme team: all
 *   POST /api/check-ins                              a member → 201
 *   POST /api/check-ins/:id/confirm | /propose       the programme team
 *   POST /api/check-ins/:id/accept | /ask-again      a member of the organisation, after a proposal
 *   POST /api/check-ins/:id/cancel                   either side
 */
export function apiCheckInsRouter({ checkIns }: Pick<Services, 'checkIns'>): Router {
  const router = featureRouter();

  router.get('/api/check-ins', requireUser, async (req, res) => {
    res.json({ items: (await checkIns.list(req.actor)).map(presentCheckInJson) });
  });

  router.post('/api/check-ins', requireUser, async (req, res) => {
    const checkIn = await checkIns.request(req.actor, req.body ?? {});
    res.status(201).location(`/api/check-ins/${checkIn.id}`).json(presentCheckInJson(checkIn));
  });

  router.get('/api/check-ins/:id', requireUser, async (req, res) => {
    res.json(presentCheckInJson(await checkIns.get(req.actor, String(req.params.id))));
  });

  router.post('/api/check-ins/:id/confirm', requireUser, async (req, res) => {
    res.json(presentCheckInJson(await checkIns.confirm(req.actor, String(req.params.id), req.body ?? {})));
  });

  router.post('/api/check-ins/:id/propose', requireUser, async (req, res) => {
    res.json(presentCheckInJson(await checkIns.propose(req.actor, String(req.params.id), req.body ?? {})));
  });

  router.post('/api/check-ins/:id/accept', requireUser, async (req, res) => {
    res.json(presentCheckInJson(await checkIns.accept(req.actor, String(req.params.id))));
  });

  router.post('/api/check-ins/:id/ask-again', requireUser, async (req, res) => {
    res.json(presentCheckInJson(await checkIns.askAgain(req.actor, String(req.params.id), req.body ?? {})));
  });

  router.post('/api/check-ins/:id/cancel', requireUser, async (req, res) => {
    res.json(presentCheckInJson(await checkIns.cancel(req.actor, String(req.params.id))));
  });

  return router;
}
