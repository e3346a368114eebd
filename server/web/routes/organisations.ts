import { Router } from 'express';
import { featureRouter } from './routing.js';
import { AppError } from '../../errors.js';
import { groupByProvince, provincesOf } from '../views/presenters/idea-list.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { presentPagination } from '../views/presenters/pagination.js';
import type { RouteDeps } from './deps.js';

/** The organisations: all municipalities grouped by province with their number of open ideas, and each one's page. */
export function organisationsRouter({ store, services }: RouteDeps): Router {
  const router = featureRouter();

  router.get('/organisations', async (req, res) => {
    const province = typeof req.query.province === 'string' ? req.query.province : '';
    // One pass over the open ideas is cheaper than a count query per organisation (285 of them).
    const [organisations, open] = await Promise.all([store.listOrganisations(), store.allOpenIdeas()]);
    const counts = new Map<string, number>();
    for (const idea of open) counts.set(idea.organisationId, (counts.get(idea.organisationId) ?? 0) + 1);
    const provinces = provincesOf(organisations);
    const shown = organisations
      .filter((o) => !province || o.province === province)
      .map((o) => ({ id: o.id, name: o.name, province: o.province, openIdeas: counts.get(o.id) ?? 0 }));
    res.render('pages/organisations/list', {
      titleKey: 'organisations.list.title',
      province,
      provinces,
      groups: groupByProvince(shown, provinces),
      total: shown.length,
    });
  });

  router.get('/organisations/:id', async (req, res) => {
    const org = req.params.id.length <= 64 ? await store.getOrganisation(req.params.id) : null;
    if (!org) throw new AppError('not_found', 'organisations.not_found');
    const params = typeof req.query.page === 'string' ? { page: req.query.page } : {};
    const result = await services.ideas.list(services.ideas.parseQuery({ ...params, organisationId: org.id, status: 'open' }));
    res.render('pages/organisations/show', {
      title: org.name,
      organisation: { id: org.id, name: org.name, kind: org.kind, code: org.code, province: org.province, arrondissement: org.arrondissement },
      ideas: result.items.map((i) => presentIdeaCard(i, org)),
      pagination: presentPagination(`/organisations/${org.id}`, params, result.page, result.pageSize, result.total),
    });
  });

  return router;
}
