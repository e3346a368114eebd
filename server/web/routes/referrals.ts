// Referrals after a decided call, as a page (programme team) and over JSON: one list, one action.
import type { Request, Response, Router } from 'express';
import { featureRouter } from './routing.js';
import { AppError, isAppError } from '../../errors.js';
import { requireProgramme, requireUser } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { presentReferralPage } from '../views/presenters/referrals.js';
import type { Services } from '../../services.js';

/**
 * Referrals (issue 17.4):
 *   GET|POST /calls/:id/referrals          the programme team: the not-funded ideas and partnerships
 *                                          with the closest funded projects; ticked pairs are referred
 *   GET|POST /api/calls/:id/referrals      the same over JSON
 */
export function referralsRouter({ referrals }: Pick<Services, 'referrals'>): Router {
  const router = featureRouter();

  async function showPage(req: Request, res: Response, status = 200, error?: string) {
    const { call, items } = await referrals.candidates(req.actor, String(req.params.id));
    res.status(status).render('pages/referrals/show', {
      title: call.name, call: { id: call.id, name: call.name }, error, ...presentReferralPage(items, req.locale),
    });
  }

  router.get('/calls/:id/referrals', requireProgramme, async (req, res) => {
    await showPage(req, res);
  });

  router.post('/calls/:id/referrals', requireProgramme, async (req, res) => {
    const ticked = ([] as unknown[]).concat(req.body?.refer ?? []).filter((v): v is string => typeof v === 'string');
    const list = ticked.map((v) => {
      const [subjectType, subjectId, projectId] = v.split(':');
      return { subjectType, subjectId, projectId };
    });
    try {
      if (list.length === 0) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { referrals: { key: 'referrals.errors.nothing_chosen' } } });
      const r = await referrals.refer(req.actor, String(req.params.id), { referrals: list });
      req.session.flash = { key: 'referrals.flash.done', params: { referred: String(r.referred), notified: String(r.notified), skipped: String(r.skipped) } };
      res.redirect(303, `/calls/${encodeURIComponent(String(req.params.id))}/referrals`);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed' || !err.fields) throw err;
      const first = Object.values(translateFields(req.locale, err.fields) ?? {})[0];
      await showPage(req, res, 400, first?.message);
    }
  });

  router.get('/api/calls/:id/referrals', requireUser, async (req, res) => {
    const { call, items } = await referrals.candidates(req.actor, String(req.params.id));
    res.json({ callId: call.id, items: items.map((c) => ({
      subject: c.subject, ideaId: c.ideaId, organisations: c.organisations,
      suggestions: c.suggestions.map((s) => ({ projectId: s.project.id, title: s.project.title, lead: s.project.lead, score: Number(s.score.toFixed(3)), terms: s.terms, referredBefore: s.referredBefore })),
    })) });
  });

  router.post('/api/calls/:id/referrals', requireUser, async (req, res) => {
    res.json(await referrals.refer(req.actor, String(req.params.id), req.body ?? {}));
  });

  return router;
}
