// Endorsing an idea from the pages, without JavaScript; the domain decides who may.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import type { Services } from '../../services.js';
import { presentPartnership } from '../views/presenters/partnerships.js';
import { renderConfirm } from './confirm.js';
import { membersOnly } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { signInFirst } from '../middleware/sign-in-first.js';
import { ideaPage, type IdeaPageServices } from './idea-page.js';

/** Visitors are sent to sign in and come back to the idea's endorse section. */
const toIdea = signInFirst((req) => `/ideas/${String(req.params.id)}`);

/** Where a take-back form came from: the idea page, or "My organisation" (the only other page with one). */
const backTo = (body: Record<string, unknown> | undefined, ideaId: string) =>
  body?.back === 'my-organisation' ? '/my-organisation' : `/ideas/${ideaId}#endorse`;

/**
 * Endorsing from the idea page and "My organisation", without JavaScript. The domain decides who may
 * (members of another organisation, open ideas, once per organisation) and answers 403/404/409 itself;
 * only a bad message comes back here, as the idea page with the form and the message kept (400).
 */
export function endorsementsRouter(services: IdeaPageServices & Pick<Services, 'myOrganisation'>): Router {
  const router = featureRouter();
  const showIdea = ideaPage(services);

  router.post('/ideas/:id/endorse', toIdea, async (req, res) => {
    const id = String(req.params.id);
    const message = typeof req.body?.message === 'string' ? (req.body.message as string) : '';
    try {
      await services.endorsements.endorse(req.actor!, id, { message });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      const errors = translateFields(req.locale, err.fields) ?? {};
      const errorSummary = Object.entries(errors).map(([field, e]) => ({ id: field === 'message' ? 'message' : null, message: e.message }));
      return showIdea(req, res, id, { status: 400, endorseForm: { values: { message }, errors, errorSummary } });
    }
    req.session.flash = { key: 'endorsements.flash.endorsed' };
    res.redirect(303, `/ideas/${id}#endorse`);
  });

  /** "Onze steun intrekken" asks first: it ends the contact around this idea. Nothing to take back: the idea page. */
  router.get('/ideas/:id/unendorse', toIdea, membersOnly('errors.only_members_endorse'), async (req, res) => {
    const id = String(req.params.id);
    const idea = await services.ideas.get(req.actor!, id);
    if (!(await services.endorsements.hasEndorsed(req.actor!, id))) return res.redirect(303, `/ideas/${id}#endorse`);
    const fromMyOrganisation = req.query.back === 'my-organisation';
    renderConfirm(req, res, {
      key: 'confirm.unendorse', params: { idea: idea.title },
      action: `/ideas/${id}/unendorse`, cancelHref: fromMyOrganisation ? '/my-organisation' : `/ideas/${id}#endorse`,
      hidden: fromMyOrganisation ? { back: 'my-organisation' } : {},
    });
  });

  router.post('/ideas/:id/unendorse', toIdea, async (req, res) => {
    const id = String(req.params.id);
    const removed = await services.endorsements.withdraw(req.actor!, id);
    req.session.flash = { key: removed ? 'endorsements.flash.withdrawn' : 'endorsements.flash.nothing_to_withdraw' };
    res.redirect(303, backTo(req.body as Record<string, unknown> | undefined, id));
  });

  /** Members only; the programme team gets a 403 that points to the organisations pages (it belongs to none). */
  router.get('/my-organisation', async (req, res) => {
    const overview = await services.myOrganisation.overview(req.actor);
    const partnerships = services.partnerships && req.actor?.organisationId
      ? (await services.partnerships.forOrganisation(req.actor, req.actor.organisationId)).map((p) => presentPartnership(p, req.locale)) : [];
    res.render('pages/my-organisation', { titleKey: 'myorg.title', ...overview, partnerships });
  });

  return router;
}
