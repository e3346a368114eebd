import { Router, type Request, type RequestHandler, type Response } from 'express';
import { featureRouter } from './routing.js';
import { actsFor } from '../../domain/actor.js';
import { AppError, isAppError } from '../../errors.js';
import { translateFields } from '../middleware/errors.js';
import { presentFilters } from '../views/presenters/idea-list.js';
import { presentIdeaCard } from '../views/presenters/ideas.js';
import { presentPagination } from '../views/presenters/pagination.js';
import type { RouteDeps } from './deps.js';
import { ideaPage } from './idea-page.js';
import { cardFacts, isSort, sortAllowed, sortedIdeas, SORTS } from './idea-sort.js';
import { similarForForm, similarOnIdeaPage } from './similar.js';
import {
  formErrors, listParams, themeOptions, toDomainInput, toQueryInput, valuesForActor, valuesFromBody, valuesFromIdea,
  type IdeaFormValues,
} from './ideas-support.js';

/** Visitors are sent to sign in and come back here (or to the idea, after a POST). */
const signInFirst: RequestHandler = (req, res, next) => {
  if (req.actor) return next();
  const back = req.method === 'GET' ? req.originalUrl : req.originalUrl.replace(/\/(withdraw|reopen|edit)$/, '');
  res.redirect(303, `/signin?next=${encodeURIComponent(back)}`);
};

/** The idea pages: browse and search, post, read, edit, withdraw and reopen. All work without JavaScript. */
export function ideasRouter(deps: RouteDeps): Router {
  const { store, services } = deps;
  const router = featureRouter();

  router.get('/ideas', async (req, res) => {
    const params = listParams(req.query);
    const rawSort = req.query.sort === undefined || req.query.sort === '' ? 'newest' : req.query.sort;
    const organisations = await store.listOrganisations();
    const view = {
      titleKey: 'ideas.list.title', ...presentFilters(params, organisations),
      sort: typeof rawSort === 'string' ? rawSort : '', sorts: SORTS.filter((s) => sortAllowed(req.actor, s)),
    };
    let query;
    try {
      query = services.ideas.parseQuery(toQueryInput(params));
      if (!isSort(rawSort)) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { sort: { key: 'errors.field.invalid_choice' } } });
      if (!sortAllowed(req.actor, rawSort)) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { sort: { key: 'ideas.errors.sort_members_only' } } });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      return res.status(400).render('pages/ideas/list', { ...view, errors: Object.values(translateFields(req.locale, err.fields) ?? {}) });
    }
    const result = await sortedIdeas({ services, store }, req.actor, query, rawSort);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const facts = await cardFacts({ services, store }, result.items);
    const linkParams = rawSort === 'newest' ? params : { ...params, sort: rawSort };
    res.render('pages/ideas/list', {
      ...view,
      searched: Object.keys(params).some((k) => k !== 'page') || rawSort !== 'newest',
      ideas: result.items.map((i) => presentIdeaCard(i, byId.get(i.organisationId), facts.get(i.id), result.likeness.get(i.id))),
      pagination: presentPagination('/ideas', linkParams, result.page, result.pageSize, result.total),
    });
  });

  function renderForm(req: Request, res: Response, status: number, mode: 'new' | 'edit', values: IdeaFormValues, extra: Record<string, unknown> = {}) {
    res.status(status).render(`pages/ideas/${mode === 'new' ? 'new' : 'edit'}`, {
      titleKey: mode === 'new' ? 'ideas.new.title' : 'ideas.edit.title', values, themes: themeOptions(values.theme), ...extra,
    });
  }

  const membersOnly: RequestHandler = (req, _res, next) => {
    next(req.actor?.role === 'member' && req.actor.organisationId ? undefined : new AppError('forbidden', 'ideas.errors.only_members_post'));
  };

  router.get('/ideas/new', signInFirst, membersOnly, (req, res) => renderForm(req, res, 200, 'new', valuesForActor(req.actor!)));

  router.post('/ideas/new', signInFirst, membersOnly, async (req, res) => {
    const values = valuesFromBody(req.body);
    if (req.body?.intent === 'check') return renderForm(req, res, 200, 'new', values, await similarForForm({ services }, req.actor, values));
    try {
      const idea = await services.ideas.create(req.actor!, toDomainInput(values, false));
      req.session.flash = { key: 'ideas.flash.posted' };
      res.redirect(303, `/ideas/${idea.id}`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      // The similar ideas stay in view beside the form the user has to correct.
      const { similar } = await similarForForm({ services }, req.actor, values).catch(() => ({ similar: [] }));
      renderForm(req, res, 400, 'new', values, { ...formErrors(req.locale, err.fields), similar });
    }
  });

  // The page itself is built in idea-page.ts: form posts that answer with the page (400) render the same.
  const showIdea = ideaPage(deps);
  router.get('/ideas/:id', similarOnIdeaPage({ services }));
  router.get('/ideas/:id', (req, res) => showIdea(req, res, req.params.id));

  /** The idea if this user may change it: 404 for unknown ids, 403 for another organisation's idea. */
  async function ownIdea(req: Request) {
    const idea = await services.ideas.get(req.actor, String(req.params.id));
    if (!actsFor(req.actor, idea.organisationId)) throw new AppError('forbidden', 'ideas.errors.not_yours');
    return idea;
  }

  router.get('/ideas/:id/edit', signInFirst, async (req, res) => {
    const idea = await ownIdea(req);
    if (idea.status !== 'open') throw new AppError('conflict', 'ideas.errors.withdrawn');
    renderForm(req, res, 200, 'edit', valuesFromIdea(idea), { id: idea.id });
  });

  router.post('/ideas/:id/edit', signInFirst, async (req, res) => {
    const values = valuesFromBody(req.body);
    const id = String(req.params.id);
    try {
      await services.ideas.update(req.actor!, id, toDomainInput(values, true));
      req.session.flash = { key: 'ideas.flash.updated' };
      res.redirect(303, `/ideas/${id}`);
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'validation_failed') return renderForm(req, res, 400, 'edit', values, { id, ...formErrors(req.locale, err.fields) });
      if (err.code !== 'conflict' || err.message !== 'ideas.errors.changed_meanwhile') throw err;
      // Someone saved in between: keep what this user typed, show what is there now, and let them save over it knowingly.
      const current = await services.ideas.get(req.actor, id);
      renderForm(req, res, 409, 'edit', { ...values, version: String(current.version) }, { id, conflict: valuesFromIdea(current) });
    }
  });

  for (const action of ['withdraw', 'reopen'] as const) {
    router.post(`/ideas/:id/${action}`, signInFirst, async (req, res) => {
      const idea = await services.ideas[action](req.actor!, String(req.params.id));
      req.session.flash = { key: `ideas.flash.${action === 'withdraw' ? 'withdrawn' : 'reopened'}` };
      res.redirect(303, `/ideas/${idea.id}`);
    });
  }

  return router;
}
