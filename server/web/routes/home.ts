// The first page a visitor sees: the open call, the latest ideas and how many organisations already take part.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import type { Services } from '../../services.js';
import { presentCurrentCall } from '../views/presenters/calls.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { cardFacts } from './idea-sort.js';

/** The home page: the open call (or the next), the latest ideas and how many organisations take part. */
export function homeRouter(services: Pick<Services, 'ideas' | 'organisations' | 'endorsements' | 'matching' | 'calls'>): Router {
  const { ideas, organisations: directory } = services;
  const router = featureRouter();
  router.get('/', async (req, res) => {
    const [latest, organisations, current] = await Promise.all([
      ideas.list(ideas.parseQuery({ pageSize: 6 })),
      directory.list(),
      services.calls.current(),
    ]);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const facts = await cardFacts(services, latest.items);
    res.render('pages/home', {
      titleKey: 'home.title',
      ideas: latest.items.map((i) => presentIdeaCard(i, byId.get(i.organisationId), facts.get(i.id))),
      ideaCount: latest.total,
      organisationCount: organisations.length,
      currentCall: presentCurrentCall(current, req.locale),
    });
  });
  return router;
}
