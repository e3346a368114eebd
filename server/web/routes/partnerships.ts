// The partnership pages: a public list and page, and one small form per step for the people who may take it.
import type { Request, Response } from 'express';
import type { Router } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { requireUser } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { presentPartnership } from '../views/presenters/partnerships.js';
import { PARTNERSHIP_STATUSES } from '../../store/store.js';
import type { Services } from '../../services.js';

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * The partnership pages (forms: signed in, CSRF; the domain decides who may take a step):
 *   GET  /partnerships[?callId&status], GET /partnerships/:id[?q]   everyone; contacts for members only
 *   POST /ideas/:id/partnership                                       start one for an idea (its local government)
 *   POST /partnerships/:id/edit|invite|join|leave|status|lead|lead/accept|lead/decline|lead/withdraw
 *   POST /partnerships/:id/invitations/:organisationId/accept|decline, …/join-requests/:organisationId/accept|decline
 * A refused step (400, 409) shows the page again with the reason; 401/403/404 go to the error pages.
 */
export function partnershipsRouter({ partnerships, calls }: Pick<Services, 'partnerships' | 'calls'>): Router {
  const router = featureRouter();

  async function showPage(req: Request, res: Response, id: string, opts: { status?: number; refusal?: string; fields?: ReturnType<typeof translateFields> } = {}) {
    const view = await partnerships.get(req.actor, id);
    const p = presentPartnership(view, req.locale);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 80) : '';
    const [suggestions, check, allCalls] = await Promise.all([
      view.viewer.may.invite ? partnerships.suggestions(req.actor, id, q ? { q } : {}) : null,
      view.viewer.may.statuses.includes('submitted') ? partnerships.submissionCheck(req.actor, id) : null,
      view.viewer.may.edit ? calls.list() : [],
    ]);
    res.status(opts.status ?? 200).render('pages/partnerships/show', {
      title: view.title, p, q, suggestions, refusal: opts.refusal, fields: opts.fields,
      ruleCheck: view.viewer.may.statuses.includes('submitted') ? {
        call: check?.call ?? null,
        broken: check?.broken.map((r) => t(req.locale, `partnerships.rules.${r.code}`, { ...(r as unknown as Record<string, string>), call: check.call.name })) ?? [],
      } : null,
      callChoices: allCalls.filter((c) => c.status === 'open' || c.status === 'upcoming').map((c) => ({ id: c.id, name: c.name, selected: c.id === view.call?.id })),
      statusButtons: view.viewer.may.statuses.map((s) => ({ value: s, label: t(req.locale, `partnerships.action.${s}`) })),
      partnerChoices: view.partners.filter((m) => !m.lead).map((m) => m.organisation),
    });
  }

  /** Takes one step; on success back to the page with a flash, on a refusal the page with the reason. */
  async function act(req: Request, res: Response, step: () => Promise<{ id: string }>, flash: string) {
    const id = String(req.params.id);
    try {
      const p = await step();
      req.session.flash = { key: flash };
      res.redirect(303, `/partnerships/${p.id}`);
    } catch (err) {
      if (!isAppError(err) || (err.status !== 400 && err.status !== 409)) throw err;
      await showPage(req, res, id, { status: err.status, refusal: t(req.locale, err.message, err.params), fields: translateFields(req.locale, err.fields) });
    }
  }

  router.get('/partnerships', async (req, res) => {
    const filter = { ...(str(req.query.callId) ? { callId: str(req.query.callId) } : {}), ...(str(req.query.status) ? { status: str(req.query.status) } : {}) };
    const [list, allCalls] = await Promise.all([partnerships.list(req.actor, filter), calls.list()]);
    res.render('pages/partnerships/list', {
      titleKey: 'partnerships.title', listHeadings: true, partnerships: list.map((p) => presentPartnership(p, req.locale)),
      calls: allCalls.map((c) => ({ id: c.id, name: c.name, selected: c.id === filter.callId })),
      statuses: PARTNERSHIP_STATUSES.map((s) => ({ value: s, label: t(req.locale, `partnerships.status.${s}`), selected: s === filter.status })),
    });
  });

  router.get('/partnerships/:id', async (req, res) => showPage(req, res, String(req.params.id)));

  router.post('/ideas/:id/partnership', requireUser, async (req, res) => {
    const callId = str((req.body as Body)?.callId);
    const p = await partnerships.open(req.actor, { ideaId: String(req.params.id), ...(callId ? { callId } : {}) });
    req.session.flash = { key: 'partnerships.flash.opened' };
    res.redirect(303, `/partnerships/${p.id}`);
  });

  const id = (req: Request) => String(req.params.id);
  const org = (req: Request) => String(req.params.organisationId);
  const body = (req: Request): Body => (req.body ?? {}) as Body;

  router.post('/partnerships/:id/edit', requireUser, (req, res) => act(req, res, () => partnerships.update(req.actor, id(req), { callId: str(body(req).callId) || null }), 'partnerships.flash.updated'));
  router.post('/partnerships/:id/invite', requireUser, (req, res) => act(req, res, () => partnerships.invite(req.actor, id(req), { organisationId: str(body(req).organisationId) }), 'partnerships.flash.invited'));
  router.post('/partnerships/:id/join', requireUser, (req, res) => act(req, res, () => partnerships.requestJoin(req.actor, id(req)), 'partnerships.flash.asked'));
  router.post('/partnerships/:id/leave', requireUser, (req, res) => act(req, res, () => partnerships.leave(req.actor, id(req)), 'partnerships.flash.left'));
  router.post('/partnerships/:id/status', requireUser, (req, res) => act(req, res, () => partnerships.setStatus(req.actor, id(req), { status: str(body(req).status) }), 'partnerships.flash.status'));
  router.post('/partnerships/:id/lead', requireUser, (req, res) => act(req, res, () => partnerships.offerLead(req.actor, id(req), { organisationId: str(body(req).organisationId) }), 'partnerships.flash.lead_offered'));
  router.post('/partnerships/:id/lead/withdraw', requireUser, (req, res) => act(req, res, () => partnerships.withdrawLeadOffer(req.actor, id(req)), 'partnerships.flash.answered'));
  for (const [verb, accept] of [['accept', true], ['decline', false]] as const) {
    router.post(`/partnerships/:id/invitations/:organisationId/${verb}`, requireUser, (req, res) =>
      act(req, res, () => partnerships.answerInvitation(req.actor, id(req), org(req), accept), 'partnerships.flash.answered'));
    router.post(`/partnerships/:id/join-requests/:organisationId/${verb}`, requireUser, (req, res) =>
      act(req, res, () => partnerships.answerRequest(req.actor, id(req), org(req), accept), 'partnerships.flash.answered'));
    router.post(`/partnerships/:id/lead/${verb}`, requireUser, (req, res) =>
      act(req, res, () => partnerships.answerLeadOffer(req.actor, id(req), accept), 'partnerships.flash.answered'));
  }

  return router;
}
