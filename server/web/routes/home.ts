import { Router } from 'express';
import { featureRouter } from './routing.js';
import type { RouteDeps } from './deps.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';

export function homeRouter({ store, services }: RouteDeps): Router {
  const router = featureRouter();
  router.get('/', async (req, res) => {
    const [latest, organisations] = await Promise.all([
      services.ideas.list(services.ideas.parseQuery({ pageSize: 6 })),
      store.listOrganisations(),
    ]);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    res.render('pages/home', {
      titleKey: 'home.title',
      ideas: latest.items.map((i) => presentIdeaCard(i, byId.get(i.organisationId))),
      ideaCount: latest.total,
      organisationCount: organisations.length,
    });
  });
  return router;
}
