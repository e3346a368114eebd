// Clusters show organisations who else works on the same thing: their pages, and the team's tools on them.
import { Router, type Request, type Response } from 'express';
import { featureRouter } from './routing.js';
import { CLUSTER_LABEL_MAX, parseClusterId } from '../../domain/clusters.js';
import { isAppError } from '../../errors.js';
import { requireProgramme } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { presentCluster, presentClusterCard, presentUnmatched } from '../views/presenters/moderation.js';
import { isProgramme } from '../../domain/rules/who-may-act.js';
import type { Services } from '../../services.js';

/**
 * The cluster pages. Anyone browses clusters (labels, ideas, organisations; contact persons only as the
 * contact policy allows, so never for visitors); the programme team also renames, undoes and introduces.
 *   GET  /clusters, GET /clusters/:id
 *   POST /clusters/:id/label, POST /clusters/:id/label/reset, POST /clusters/:id/label/undo
 *   GET|POST /clusters/:id/introduce      (GET: the confirmation step)
 */
export function clustersRouter({ clusters, audit, partnerships }: Pick<Services, 'clusters' | 'audit'> & Partial<Pick<Services, 'partnerships'>>): Router {
  const router = featureRouter();

  /**
   * Beside each of the viewer's own ideas (a member of its local government): its partnership, or a link
   * to the idea page's form that starts one. So a member goes from the cluster straight to a partnership.
   */
  async function withPartnerships<T extends { id: string; organisation: { id: string } | null }>(req: Request, ideas: T[]): Promise<(T & { partnership?: { href: string; title: string } | { start: string } })[]> {
    const actor = req.actor;
    if (!partnerships || actor?.role !== 'member') return ideas;
    return Promise.all(ideas.map(async (idea) => {
      if (idea.organisation?.id !== actor.organisationId) return idea;
      const existing = await partnerships.forIdea(actor, idea.id);
      return { ...idea, partnership: existing ? { href: `/partnerships/${existing.id}`, title: existing.title } : { start: `/ideas/${idea.id}#partnership-title` } };
    }));
  }

  async function show(req: Request, res: Response, id: number, status = 200, extra: Record<string, unknown> = {}) {
    const presented = presentCluster(await clusters.get(req.actor, id));
    const cluster = { ...presented, ideas: await withPartnerships(req, presented.ideas) };
    res.status(status).render('pages/clusters/show', {
      title: cluster.label, cluster, labelMax: CLUSTER_LABEL_MAX, isProgramme: isProgramme(req.actor),
      introducible: cluster.organisations.length > 1, values: { label: cluster.override ?? '' },
      contactHint: contactHint(req, cluster.ideas), ...extra,
    });
  }

  // The "no contact details" hint only where it is true: visitors never see any (so: sign in); a member
  // only when some idea's contact is withheld (connected organisations' and their own are shown); the programme team sees all.
  const contactHint = (req: Request, ideas: { contact?: unknown }[]) => {
    if (!req.actor) return { visitor: true };
    if (isProgramme(req.actor)) return null;
    return ideas.some((i) => !i.contact) ? { withheld: true } : null;
  };

  router.get('/clusters', async (_req, res) => {
    const [list, unmatched] = await Promise.all([clusters.list(), clusters.unmatched()]);
    res.render('pages/clusters/list', { titleKey: 'moderation.clusters.title', clusters: list.map(presentClusterCard), unmatched: presentUnmatched(unmatched) });
  });

  router.get('/clusters/:id', async (req, res) => show(req, res, parseClusterId(req.params.id)));

  router.post('/clusters/:id/label', requireProgramme, async (req, res) => {
    const id = parseClusterId(req.params.id);
    const label = typeof req.body?.label === 'string' ? (req.body.label as string) : '';
    try {
      const c = await clusters.setLabel(req.actor, id, { label });
      req.session.flash = { key: 'moderation.flash.renamed', params: { label: c.label } };
      res.redirect(303, `/clusters/${id}`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      await show(req, res, id, 400, { values: { label }, errors: translateFields(req.locale, err.fields) });
    }
  });

  router.post('/clusters/:id/label/reset', requireProgramme, async (req, res) => {
    const id = parseClusterId(req.params.id);
    const c = await clusters.setLabel(req.actor, id, { label: null });
    req.session.flash = { key: 'moderation.flash.label_reset', params: { label: c.label } };
    res.redirect(303, `/clusters/${id}`);
  });

  router.post('/clusters/:id/label/undo', requireProgramme, async (req, res) => {
    const id = parseClusterId(req.params.id);
    const c = await clusters.undoLabel(req.actor, id);
    req.session.flash = { key: 'moderation.flash.label_restored', params: { label: c.label } };
    res.redirect(303, `/clusters/${id}`);
  });

  router.get('/clusters/:id/introduce', requireProgramme, async (req, res) => {
    const cluster = presentCluster(await clusters.get(req.actor, parseClusterId(req.params.id)));
    res.render('pages/clusters/introduce', { title: cluster.label, cluster, introducedBefore: await introduced(cluster.id) });
  });

  router.post('/clusters/:id/introduce', requireProgramme, async (req, res) => {
    const id = parseClusterId(req.params.id);
    const r = await clusters.introduce(req.actor, id);
    req.session.flash = { key: 'moderation.flash.introduced', params: { organisations: String(r.organisations), notified: String(r.notified) } };
    res.redirect(303, `/clusters/${id}`);
  });

  const introduced = async (id: number) => (await audit.forTarget({ type: 'cluster', id: String(id) }, ['cluster.introduced'], 1)).length > 0;

  return router;
}
