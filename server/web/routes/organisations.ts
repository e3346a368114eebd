// Finding another municipality and what it works on: organisations by province, and each one's page.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import { AppError } from '../../errors.js';
import { translateFields } from '../middleware/errors.js';
import { groupByProvince, provincesOf } from '../views/presenters/idea-list.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { presentPagination } from '../views/presenters/pagination.js';
import type { Services } from '../../services.js';
import { cardFacts } from './idea-sort.js';

/** A name as searched: lower case, without accents ("Ieper" finds "ieper", "Zelé" finds "zele"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The organisations: all municipalities grouped by province with their number of open ideas, and each one's page. */
export function organisationsRouter(services: Pick<Services, 'organisations' | 'ideas' | 'endorsements' | 'matching'>): Router {
  const router = featureRouter();
  const { organisations: directory, ideas } = services;

  /** All municipalities by province; a name search (accents and case ignored), a province, and "only those with ideas". */
  router.get('/organisations', async (req, res) => {
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const values = { q: text(req.query.q).trim(), province: text(req.query.province), withIdeas: req.query.withIdeas === '1' };
    const [organisations, counts] = await Promise.all([directory.list(), directory.openIdeaCounts()]);
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
    const org = await directory.get(req.params.id);
    if (!org) throw new AppError('not_found', 'organisations.not_found');
    const params = typeof req.query.page === 'string' ? { page: req.query.page } : {};
    const result = await ideas.list(ideas.parseQuery({ ...params, organisationId: org.id, status: 'open' }));
    const facts = await cardFacts(services, result.items);
    res.render('pages/organisations/show', {
      title: org.name,
      organisation: { id: org.id, name: org.name, kind: org.kind, code: org.code, province: org.province, arrondissement: org.arrondissement },
      ideas: result.items.map((i) => presentIdeaCard(i, org, facts.get(i.id))),
      pagination: presentPagination(`/organisations/${org.id}`, params, result.page, result.pageSize, result.total),
    });
  });

  return router;
}
