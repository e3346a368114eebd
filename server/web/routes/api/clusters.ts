// Clusters over JSON for API clients, by the same rules as the cluster pages.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { parseClusterId } from '../../../domain/clusters.js';
import { requireUser } from '../../middleware/auth.js';
import { presentCluster, presentClusterCard, presentUnmatched } from '../../views/presenters/moderation.js';
import type { Services } from '../../../services.js';

/**
 * Clusters over JSON, with the page's rules: anyone reads (contact persons as the contact policy allows),
 * the programme team renames (PUT label; null: the automatic label), undoes and introduces.
 */
export function apiClustersRouter({ clusters }: Pick<Services, 'clusters'>): Router {
  const router = featureRouter();

  router.get('/api/clusters', async (_req, res) => {
    const [list, unmatched] = await Promise.all([clusters.list(), clusters.unmatched()]);
    res.json({ items: list.map(presentClusterCard), unmatched: presentUnmatched(unmatched) });
  });

  router.get('/api/clusters/:id', async (req, res) => {
    res.json(presentCluster(await clusters.get(req.actor, parseClusterId(req.params.id))));
  });

  router.put('/api/clusters/:id/label', requireUser, async (req, res) => {
    const id = parseClusterId(req.params.id);
    await clusters.setLabel(req.actor, id, req.body ?? {});
    res.json(presentCluster(await clusters.get(req.actor, id)));
  });

  router.post('/api/clusters/:id/label/undo', requireUser, async (req, res) => {
    const id = parseClusterId(req.params.id);
    await clusters.undoLabel(req.actor, id);
    res.json(presentCluster(await clusters.get(req.actor, id)));
  });

  router.post('/api/clusters/:id/introductions', requireUser, async (req, res) => {
    res.status(201).json(await clusters.introduce(req.actor, parseClusterId(req.params.id)));
  });

  return router;
}
