// GET /ideas: browse and search the ideas, in the order asked for. Its own file because the filters,
// the order and their 400 make it as long as the rest of the idea pages together.
import type { RequestHandler } from 'express';
import { isAppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { translateFields } from '../middleware/errors.js';
import { presentFilters } from '../views/presenters/idea-list.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { presentPagination } from '../views/presenters/pagination.js';
import { cardFacts, parseSort, sortAllowed, sortedIdeas, SORTS } from './idea-sort.js';
import { listParams, toQueryInput } from './ideas-support.js';

/** The list with its filters kept in the form; a bad filter or order answers 400 with the form and no ideas. */
export function ideasListPage(services: Pick<Services, 'ideas' | 'organisations' | 'endorsements' | 'matching'>): RequestHandler {
  const { ideas, organisations: directory } = services;
  return async (req, res) => {
    const params = listParams(req.query);
    const rawSort = req.query.sort === undefined || req.query.sort === '' ? 'newest' : req.query.sort;
    const organisations = await directory.list();
    const view = {
      titleKey: 'ideas.list.title', ...presentFilters(params, organisations),
      sort: typeof rawSort === 'string' ? rawSort : '', sorts: SORTS.filter((s) => sortAllowed(req.actor, s)),
    };
    let query, sort;
    try {
      query = ideas.parseQuery(toQueryInput(params));
      sort = parseSort(req.actor, rawSort);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      return res.status(400).render('pages/ideas/list', { ...view, errors: Object.values(translateFields(req.locale, err.fields) ?? {}) });
    }
    const result = await sortedIdeas(services, req.actor, query, sort);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const facts = await cardFacts(services, result.items);
    const linkParams = sort === 'newest' ? params : { ...params, sort };
    res.render('pages/ideas/list', {
      ...view,
      searched: Object.keys(params).some((k) => k !== 'page') || sort !== 'newest',
      ideas: result.items.map((i) => presentIdeaCard(i, byId.get(i.organisationId), facts.get(i.id), result.likeness.get(i.id))),
      pagination: presentPagination('/ideas', linkParams, result.page, result.pageSize, result.total),
    });
  };
}
