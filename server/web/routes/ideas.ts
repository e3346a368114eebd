// Posting and maintaining ideas through the pages, every step working without JavaScript.
import { Router, type Request, type Response } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { membersOnly } from '../middleware/auth.js';
import { backTo, signInFirst } from '../middleware/sign-in-first.js';
import { ideaPage, type IdeaPageServices } from './idea-page.js';
import { ideasListPage } from './ideas-list.js';
import { similarForForm, similarOnIdeaPage } from './similar.js';
import { callOptions, formErrors, themeOptions, toDomainInput, valuesForActor, valuesFromBody, valuesFromIdea, type IdeaFormValues } from './ideas-support.js';

/** Visitors are sent to sign in and come back here (or to the idea, after a POST). */
const toIdea = signInFirst(backTo((req) => req.originalUrl.replace(/\/(withdraw|reopen|edit)$/, '')));

/** The idea pages: browse and search, post, read, edit, withdraw and reopen. All work without JavaScript. */
export function ideasRouter(services: IdeaPageServices & Pick<Services, 'matching' | 'projects'>): Router {
  const { ideas, calls } = services;
  const router = featureRouter();

  router.get('/ideas', ideasListPage(services));

  async function renderForm(req: Request, res: Response, status: number, mode: 'new' | 'edit', values: IdeaFormValues, extra: Record<string, unknown> = {}) {
    res.status(status).render(`pages/ideas/${mode === 'new' ? 'new' : 'edit'}`, {
      titleKey: mode === 'new' ? 'ideas.new.title' : 'ideas.edit.title', values, themes: themeOptions(values.theme),
      calls: callOptions(await calls.list(), values.callId), ...extra,
    });
  }

  const posters = membersOnly('ideas.errors.only_members_post');

  router.get('/ideas/new', toIdea, posters, async (req, res) => { await renderForm(req, res, 200, 'new', valuesForActor(req.actor!)); });

  router.post('/ideas/new', toIdea, posters, async (req, res) => {
    const values = valuesFromBody(req.body);
    if (req.body?.intent === 'check') return await renderForm(req, res, 200, 'new', values, await similarForForm(services, req.actor, values, req.locale));
    try {
      const idea = await ideas.create(req.actor!, toDomainInput(values, false));
      req.session.flash = { key: 'ideas.flash.posted' };
      res.redirect(303, `/ideas/${idea.id}`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      // The similar ideas stay in view beside the form the user has to correct.
      const { similar, projects } = await similarForForm(services, req.actor, values, req.locale).catch(() => ({ similar: [], projects: [] }));
      await renderForm(req, res, 400, 'new', values, { ...formErrors(req.locale, err.fields), similar, projects });
    }
  });

  // The page itself is built in idea-page.ts: form posts that answer with the page (400) render the same.
  const showIdea = ideaPage(services);
  router.get('/ideas/:id', similarOnIdeaPage(services));
  router.get('/ideas/:id', (req, res) => showIdea(req, res, req.params.id));

  // 404 for unknown ids, 403 for another organisation's idea, 409 once withdrawn: the domain's rules.
  router.get('/ideas/:id/edit', toIdea, async (req, res) => {
    const idea = await ideas.getForEditing(req.actor, String(req.params.id));
    await renderForm(req, res, 200, 'edit', valuesFromIdea(idea), { id: idea.id });
  });

  router.post('/ideas/:id/edit', toIdea, async (req, res) => {
    const values = valuesFromBody(req.body);
    const id = String(req.params.id);
    try {
      await ideas.update(req.actor!, id, toDomainInput(values, true));
      req.session.flash = { key: 'ideas.flash.updated' };
      res.redirect(303, `/ideas/${id}`);
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'validation_failed') return await renderForm(req, res, 400, 'edit', values, { id, ...formErrors(req.locale, err.fields) });
      if (err.code !== 'conflict' || err.message !== 'ideas.errors.changed_meanwhile') throw err;
      // Someone saved in between: keep what this user typed, show what is there now, and let them save over it knowingly.
      const current = await ideas.get(req.actor, id);
      await renderForm(req, res, 409, 'edit', { ...values, version: String(current.version) }, { id, conflict: valuesFromIdea(current) });
    }
  });

  for (const action of ['withdraw', 'reopen'] as const) {
    router.post(`/ideas/:id/${action}`, toIdea, async (req, res) => {
      const idea = await ideas[action](req.actor!, String(req.params.id));
      req.session.flash = { key: `ideas.flash.${action === 'withdraw' ? 'withdrawn' : 'reopened'}` };
      res.redirect(303, `/ideas/${idea.id}`);
    });
  }

  return router;
}
