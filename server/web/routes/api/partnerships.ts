// Partnerships over JSON, with the pages' rules (the domain service decides who may take which step).
import type { Request, Response } from 'express';
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { requireUser } from '../../middleware/auth.js';
import { presentPartnershipJson } from '../../views/presenters/partnerships.js';
import type { PartnershipView } from '../../../domain/partnerships/view.js';
import type { Services } from '../../../services.js';

/**
 * Partnerships over HTTP (writes: signed in, CSRF):
 *   GET   /api/partnerships[?callId&status&organisationId], GET /api/partnerships/:id     public; contacts for members only
 *   POST  /api/partnerships {ideaId, callId?} → 201; PATCH /api/partnerships/:id {title?, callId?} (lead)
 *   POST  /api/partnerships/:id/invitations {organisationId} (lead) → 201
 *   POST  /api/partnerships/:id/invitations/:organisationId/accept|decline   a member of the invited local government
 *   POST  /api/partnerships/:id/join-requests → 201; …/join-requests/:organisationId/accept|decline (lead)
 *   POST  /api/partnerships/:id/lead {organisationId} (lead), …/lead/accept|decline (the partner asked), …/lead/withdraw (lead)
 *   POST  /api/partnerships/:id/leave (a partner), POST /api/partnerships/:id/status {status}
 *   GET   /api/partnerships/:id/suggestions[?q] (lead)
 */
export function apiPartnershipsRouter({ partnerships }: Pick<Services, 'partnerships'>): Router {
  const router = featureRouter();
  const id = (req: Request) => String(req.params.id);
  const org = (req: Request) => String(req.params.organisationId);
  const answer = (res: Response, p: PartnershipView, status = 200) => {
    if (status === 201) res.location(`/api/partnerships/${p.id}`);
    res.status(status).json(presentPartnershipJson(p));
  };

  router.get('/api/partnerships', async (req, res) => {
    res.json({ items: (await partnerships.list(req.actor, req.query)).map(presentPartnershipJson) });
  });

  router.get('/api/partnerships/:id', async (req, res) => answer(res, await partnerships.get(req.actor, id(req))));

  router.post('/api/partnerships', requireUser, async (req, res) => answer(res, await partnerships.open(req.actor, req.body ?? {}), 201));

  router.patch('/api/partnerships/:id', requireUser, async (req, res) => answer(res, await partnerships.update(req.actor, id(req), req.body ?? {})));

  router.get('/api/partnerships/:id/suggestions', requireUser, async (req, res) => {
    res.json(await partnerships.suggestions(req.actor, id(req), req.query));
  });

  router.post('/api/partnerships/:id/invitations', requireUser, async (req, res) => answer(res, await partnerships.invite(req.actor, id(req), req.body ?? {}), 201));

  for (const [verb, accept] of [['accept', true], ['decline', false]] as const) {
    router.post(`/api/partnerships/:id/invitations/:organisationId/${verb}`, requireUser, async (req, res) =>
      answer(res, await partnerships.answerInvitation(req.actor, id(req), org(req), accept)));
    router.post(`/api/partnerships/:id/join-requests/:organisationId/${verb}`, requireUser, async (req, res) =>
      answer(res, await partnerships.answerRequest(req.actor, id(req), org(req), accept)));
    router.post(`/api/partnerships/:id/lead/${verb}`, requireUser, async (req, res) =>
      answer(res, await partnerships.answerLeadOffer(req.actor, id(req), accept)));
  }

  router.post('/api/partnerships/:id/join-requests', requireUser, async (req, res) => answer(res, await partnerships.requestJoin(req.actor, id(req)), 201));

  router.post('/api/partnerships/:id/lead', requireUser, async (req, res) => answer(res, await partnerships.offerLead(req.actor, id(req), req.body ?? {})));

  router.post('/api/partnerships/:id/lead/withdraw', requireUser, async (req, res) => answer(res, await partnerships.withdrawLeadOffer(req.actor, id(req))));

  router.post('/api/partnerships/:id/leave', requireUser, async (req, res) => answer(res, await partnerships.leave(req.actor, id(req))));

  router.post('/api/partnerships/:id/status', requireUser, async (req, res) => answer(res, await partnerships.setStatus(req.actor, id(req), req.body ?? {})));

  return router;
}
