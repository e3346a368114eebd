import { Router, type Request } from 'express';
import { featureRouter } from '../routing.js';
import type { Idea } from '../../../store/store.js';
import { requireProgramme, requireUser } from '../../middleware/auth.js';
import { presentIdea } from '../../views/presenters/ideas.js';
import { presentAuditEntry } from '../../views/presenters/moderation.js';
import type { RouteDeps } from '../deps.js';

/**
 * Moderation, the audit log and the exports over HTTP (programme team only; the domain checks too):
 *   POST /api/ideas/:id/hide {reason}, POST /api/ideas/:id/unhide
 *   GET  /api/audit?limit&before&kind
 *   GET  /api/exports/:dataset.:format     ideas|endorsements|connections|clusters . csv|json, as a download
 */
export function apiModerationRouter({ store, services }: RouteDeps): Router {
  const router = featureRouter();

  async function present(req: Request, idea: Idea) {
    const [org, contacts] = await Promise.all([store.getOrganisation(idea.organisationId), services.endorsements.contactPolicy(req.actor, { ideaId: idea.id })]);
    return presentIdea(idea, org ?? undefined, req.actor, contacts);
  }

  router.post('/api/ideas/:id/hide', requireUser, async (req, res) => {
    res.json(await present(req, await services.moderation.hide(req.actor, String(req.params.id), req.body ?? {})));
  });

  router.post('/api/ideas/:id/unhide', requireUser, async (req, res) => {
    res.json(await present(req, await services.moderation.unhide(req.actor, String(req.params.id))));
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
