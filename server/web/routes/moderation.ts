// The programme team's moderation as pages: hiding ideas, reading the audit log, finding the exports.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import { AUDIT_KINDS, AUDIT_LIMITS } from '../../domain/audit.js';
import { EXPORT_DATASETS, EXPORT_FORMATS } from '../../domain/exports.js';
import { isAppError } from '../../errors.js';
import { requireProgramme, requireUser } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { presentAuditEntry } from '../views/presenters/moderation.js';
import type { Services } from '../../services.js';
import { ideaPage, type IdeaPageServices } from './idea-page.js';

/**
 * The programme team's moderation pages:
 *   POST /ideas/:id/hide, POST /ideas/:id/unhide   from the idea page (views/partials/ideas/moderation.hbs)
 *   GET  /admin/audit                              the audit log, newest first, `?before=<id>` pages on
 *   GET  /admin/exports                            links to the CSV and JSON exports (served by the API)
 */
export function moderationRouter(services: IdeaPageServices & Pick<Services, 'audit'>): Router {
  const router = featureRouter();
  const showIdea = ideaPage(services);

  router.post('/ideas/:id/hide', requireUser, async (req, res) => {
    const id = String(req.params.id);
    const reason = typeof req.body?.reason === 'string' ? (req.body.reason as string) : '';
    try {
      await services.moderation.hide(req.actor, id, { reason });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      res.locals.hideForm = { values: { reason }, errors: translateFields(req.locale, err.fields), open: true };
      return showIdea(req, res, id, { status: 400 });
    }
    req.session.flash = { key: 'moderation.flash.hidden' };
    res.redirect(303, `/ideas/${id}`);
  });

  router.post('/ideas/:id/unhide', requireUser, async (req, res) => {
    const id = String(req.params.id);
    await services.moderation.unhide(req.actor, id);
    req.session.flash = { key: 'moderation.flash.unhidden' };
    res.redirect(303, `/ideas/${id}`);
  });

  /** Newest first, AUDIT_LIMITS.pageSize a page; `kind` filters (ideas, clusters, invitations, users, exports), `before` pages on. */
  router.get('/admin/audit', requireProgramme, async (req, res) => {
    const before = typeof req.query.before === 'string' && req.query.before !== '' ? req.query.before : undefined;
    const kind = typeof req.query.kind === 'string' && req.query.kind !== '' ? req.query.kind : undefined;
    const view = { titleKey: 'moderation.audit.title', kinds: AUDIT_KINDS, kind: kind ?? '', paged: before !== undefined };
    let page;
    try {
      page = await services.audit.list(req.actor, { limit: AUDIT_LIMITS.pageSize, ...(before ? { before } : {}), ...(kind ? { kind } : {}) });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      const errors = translateFields(req.locale, err.fields);
      return res.status(400).render('pages/admin/audit', { ...view, errors, errorList: Object.values(errors ?? {}), entries: [] });
    }
    const query = (extra: Record<string, string>) => `/admin/audit?${new URLSearchParams({ ...(kind ? { kind } : {}), ...extra }).toString()}`.replace(/\?$/, '');
    res.render('pages/admin/audit', {
      ...view,
      entries: page.items.map((e) => presentAuditEntry(e, req.locale)),
      nextHref: page.next ? query({ before: page.next }) : null,
      newestHref: query({}),
    });
  });

  router.get('/admin/exports', requireProgramme, (_req, res) => {
    res.render('pages/admin/exports', {
      titleKey: 'moderation.exports.title',
      datasets: EXPORT_DATASETS.map((name) => ({ name, files: EXPORT_FORMATS.map((format) => ({ format, href: `/api/exports/${name}.${format}` })) })),
    });
  });

  return router;
}
