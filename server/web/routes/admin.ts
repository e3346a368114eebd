import { Router } from 'express';
import { isAppError } from '../../errors.js';
import { requireProgramme } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { presentInvitation } from '../views/presenters/accounts.js';
import type { RouteDeps } from './deps.js';

/** The programme team's account pages: invite a person for an organisation, see the invitations. */
export function adminRouter({ store, services, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/admin', requireProgramme);

  async function render(res: import('express').Response, status: number, extra: Record<string, unknown>) {
    const [organisations, invitations] = await Promise.all([store.listOrganisations(), store.listInvitations()]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const now = clock.now().toISOString();
    res.status(status).render('pages/admin/invitations', {
      titleKey: 'admin.invitations.title',
      organisations: organisations.map((o) => ({ id: o.id, name: o.name, province: o.province })),
      invitations: invitations.map((i) => presentInvitation(i, names, now)),
      values: { role: 'member' },
      ...extra,
    });
  }

  router.get('/admin/invitations', async (_req, res) => render(res, 200, {}));

  router.post('/admin/invitations', async (req, res) => {
    const input = { email: req.body.email, name: req.body.name, role: req.body.role, organisationId: req.body.organisationId };
    try {
      const { invitation, link, mailed } = await services.accounts.invite(req.actor!, input);
      await render(res, 201, { created: { email: invitation.email, name: invitation.name, link, mailed } });
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'validation_failed' && err.code !== 'conflict')) throw err;
      await render(res, err.status, { values: input, errors: translateFields(req.locale, err.fields) });
    }
  });
  return router;
}
