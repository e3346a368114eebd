import { Router } from 'express';
import { featureRouter } from './routing.js';
import { AppError } from '../../errors.js';
import { translateFields } from '../middleware/errors.js';
import { groupByProvince, provincesOf } from '../views/presenters/idea-list.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { presentPagination } from '../views/presenters/pagination.js';
import type { RouteDeps } from './deps.js';
import { cardFacts } from './idea-sort.js';

/** A name as searched: lower case, without accents ("Ieper" finds "ieper", "Zelé" finds "zele"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The organisations: all municipalities grouped by province with their number of open ideas, and each one's page. */
export function organisationsRouter({ store, services }: RouteDeps): Router {
  const router = featureRouter();

  /** All municipalities by province; a name search (accents and case ignored), a province, and "only those with ideas". */
  router.get('/organisations', async (req, res) => {
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const values = { q: text(req.query.q).trim(), province: text(req.query.province), withIdeas: req.query.withIdeas === '1' };
    // One pass over the open ideas is cheaper than a count query per organisation (285 of them).
    const [organisations, open] = await Promise.all([store.listOrganisations(), store.allOpenIdeas()]);
    const counts = new Map<string, number>();
    for (const idea of open) counts.set(idea.organisationId, (counts.get(idea.organisationId) ?? 0) + 1);
    const provinces = provincesOf(organisations);
    const errors: Record<string, { key: string; params?: Record<string, number> }> = {};
    if (values.q.length > 100) errors.q = { key: 'errors.field.too_long', params: { max: 100 } };
    if (values.province && !provinces.includes(values.province)) errors.province = { key: 'errors.field.invalid_choice' };
    const fieldErrors = Object.keys(errors).length ? translateFields(req.locale, errors) : undefined;
    const wanted = fold(values.q);
    const shown = fieldErrors ? [] : organisations
      .filter((o) => (!values.province || o.province === values.province) && (!wanted || fold(o.name).includes(wanted)) && (!values.withIdeas || counts.has(o.id)))
      .map((o) => ({ id: o.id, name: o.name, province: o.province, openIdeas: counts.get(o.id) ?? 0 }));
    res.status(fieldErrors ? 400 : 200).render('pages/organisations/list', {
      titleKey: 'organisations.list.title',
      values,
      province: values.province,
      provinces,
      errors: fieldErrors,
      errorList: fieldErrors ? Object.values(fieldErrors) : null,
      filtered: !!(values.q || values.province || values.withIdeas),
      groups: groupByProvince(shown, provinces),
      total: shown.length,
    });
  });

  router.get('/organisations/:id', async (req, res) => {
    const org = req.params.id.length <= 64 ? await store.getOrganisation(req.params.id) : null;
    if (!org) throw new AppError('not_found', 'organisations.not_found');
    const params = typeof req.query.page === 'string' ? { page: req.query.page } : {};
    const result = await services.ideas.list(services.ideas.parseQuery({ ...params, organisationId: org.id, status: 'open' }));
    const facts = await cardFacts({ services, store }, result.items);
    res.render('pages/organisations/show', {
      title: org.name,
      organisation: { id: org.id, name: org.name, kind: org.kind, code: org.code, province: org.province, arrondissement: org.arrondissement },
      ideas: result.items.map((i) => presentIdeaCard(i, org, facts.get(i.id))),
      pagination: presentPagination(`/organisations/${org.id}`, params, result.page, result.pageSize, result.total),
    });
  });

  return router;
}
