// Hiding ideas, reading the audit log and downloading exports over HTTP, for the programme team's tools.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { requireProgramme, requireUser } from '../../middleware/auth.js';
import { presentAuditEntry } from '../../views/presenters/moderation.js';
import type { Services } from '../../../services.js';
import { ideaAnswer, type IdeaAnswerServices } from './idea-answer.js';

/**
 * Moderation, the audit log and the exports over HTTP (programme team only; the domain checks too):
 *   POST /api/ideas/:id/hide {reason}, POST /api/ideas/:id/unhide
 *   GET  /api/audit?limit&before&kind
 *   GET  /api/exports/:dataset.:format     ideas|endorsements|connections|clusters|calls|partnerships|projects . csv|json, as a download
 */
export function apiModerationRouter(services: IdeaAnswerServices & Pick<Services, 'moderation' | 'audit' | 'exports'>): Router {
  const router = featureRouter();

  router.post('/api/ideas/:id/hide', requireUser, async (req, res) => {
    res.json(await ideaAnswer(services, req.actor, await services.moderation.hide(req.actor, String(req.params.id), req.body ?? {})));
  });

  router.post('/api/ideas/:id/unhide', requireUser, async (req, res) => {
    res.json(await ideaAnswer(services, req.actor, await services.moderation.unhide(req.actor, String(req.params.id))));
  });

  router.get('/api/audit', requireProgramme, async (req, res) => {
    const page = await services.audit.list(req.actor, { limit: req.query.limit, before: req.query.before, kind: req.query.kind });
    res.json({ items: page.items.map((e) => presentAuditEntry(e, req.locale)), next: page.next });
  });

  router.get('/api/exports/:dataset.:format', requireProgramme, async (req, res) => {
    const file = await services.exports.export(req.actor, String(req.params.dataset), String(req.params.format));
    res.set('Content-Type', file.contentType);
    res.attachment(file.filename);
    res.set('Cache-Control', 'no-store');
    res.send(file.body);
  });

  return router;
}
