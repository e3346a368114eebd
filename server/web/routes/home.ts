// The first page a visitor sees: the latest ideas and how many organisations already take part.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import type { Services } from '../../services.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { cardFacts } from './idea-sort.js';

/** The home page: the latest ideas and how many organisations take part. */
export function homeRouter(services: Pick<Services, 'ideas' | 'organisations' | 'endorsements' | 'matching'>): Router {
  const { ideas, organisations: directory } = services;
  const router = featureRouter();
  router.get('/', async (req, res) => {
    const [latest, organisations] = await Promise.all([
      ideas.list(ideas.parseQuery({ pageSize: 6 })),
      directory.list(),
    ]);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const facts = await cardFacts(services, latest.items);
    res.render('pages/home', {
      titleKey: 'home.title',
      ideas: latest.items.map((i) => presentIdeaCard(i, byId.get(i.organisationId), facts.get(i.id))),
      ideaCount: latest.total,
      organisationCount: organisations.length,
    });
  });
  return router;
}
