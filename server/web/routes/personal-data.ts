// The programme team must be able to answer a person's request about their data (issue 16.6).
import type { Router } from 'express';
import { isAppError } from '../../errors.js';
import { requireProgramme } from '../middleware/auth.js';
import { csrfToken } from '../middleware/csrf.js';
import type { Services } from '../../services.js';
import { featureRouter } from './routing.js';

/**
 * The programme team's personal-data tools (issue 16.6): one page per user with an export (JSON, a
 * download) and the erasure (anonymise the user; ideas stay with the organisation), behind a
 * confirmation. The same in the API. Audit-logged by the domain (profile.ts).
 *   GET /admin/users/:id/personal-data, GET /admin/users/:id/personal-data.json, POST /admin/users/:id/erase
 *   GET|DELETE /api/users/:id/personal-data
 */
export function personalDataRouter({ profile }: Pick<Services, 'profile'>): Router {
  const router = featureRouter();

  router.get('/admin/users/:id/personal-data', requireProgramme, async (req, res) => {
    const { user, organisation } = await profile.person(req.actor, String(req.params.id));
    res.render('pages/admin/personal-data', {
      titleKey: 'account.personal_data.title', csrfToken: csrfToken(req),
      person: { id: user.id, name: user.name, email: user.email, active: user.active, role: user.role, organisation: organisation?.name ?? null },
    });
  });

  router.get('/admin/users/:id/personal-data.json', requireProgramme, async (req, res) => {
    const data = await profile.exportPersonalData(req.actor, String(req.params.id));
    res.attachment(`personal-data-${String(req.params.id)}.json`).type('application/json').send(JSON.stringify(data, null, 2));
  });

  router.post('/admin/users/:id/erase', requireProgramme, async (req, res) => {
    if (req.body?.confirm !== 'yes') {
      const { user } = await profile.person(req.actor, String(req.params.id));
      return res.status(400).render('pages/admin/personal-data', {
        titleKey: 'account.personal_data.title', csrfToken: csrfToken(req), confirmError: true,
        person: { id: user.id, name: user.name, email: user.email, active: user.active, role: user.role },
      });
    }
    try {
      await profile.erasePersonalData(req.actor, String(req.params.id));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'conflict') throw err;
      req.session.flash = { key: err.message };
      return res.redirect(303, `/admin/users/${encodeURIComponent(String(req.params.id))}/personal-data`);
    }
    req.session.flash = { key: 'account.personal_data.erased' };
    res.redirect(303, '/admin/users');
  });

  router.get('/api/users/:id/personal-data', requireProgramme, async (req, res) => {
    res.json(await profile.exportPersonalData(req.actor, String(req.params.id)));
  });

  router.delete('/api/users/:id/personal-data', requireProgramme, async (req, res) => {
    const user = await profile.erasePersonalData(req.actor, String(req.params.id));
    res.json({ id: user.id, name: user.name, active: user.active });
  });
  return router;
}
