import { Router } from 'express';
import { featureRouter } from './routing.js';
import type { RouteDeps } from './deps.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { cardFacts } from './idea-sort.js';

export function homeRouter({ store, services }: RouteDeps): Router {
  const router = featureRouter();
  router.get('/', async (req, res) => {
    const [latest, organisations] = await Promise.all([
      services.ideas.list(services.ideas.parseQuery({ pageSize: 6 })),
      store.listOrganisations(),
    ]);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const facts = await cardFacts({ services, store }, latest.items);
    res.render('pages/home', {
      titleKey: 'home.title',
      ideas: latest.items.map((i) => presentIdeaCard(i, byId.get(i.organisationId), facts.get(i.id))),
      ideaCount: latest.total,
      organisationCount: organisations.length,
    });
  });
  return router;
}
