// The programme team's user management over JSON, by the same rules as the /admin/users page.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { requireProgramme } from '../../middleware/auth.js';
import { presentUser } from '../../views/presenters/accounts.js';
import type { Services } from '../../../services.js';

/** The programme team's user management over the API: the same rules as /admin/users. */
export function apiUsersRouter({ users: userAdmin, organisations }: Pick<Services, 'users' | 'organisations'>): Router {
  const router = featureRouter();
  router.use('/api/users', requireProgramme);

  const organisationNames = async () => new Map((await organisations.list()).map((o) => [o.id, o.name]));

  router.get('/api/users', async (req, res) => {
    const { organisation, role, active } = req.query;
    const [users, names] = await Promise.all([userAdmin.list(req.actor, { organisation, role, active }), organisationNames()]);
    res.json({ items: users.map((u) => presentUser(u, names)) });
  });
  router.post('/api/users/:id/deactivate', async (req, res) => {
    res.json({ user: presentUser(await userAdmin.deactivate(req.actor, req.params.id), await organisationNames()) });
  });
  router.post('/api/users/:id/reactivate', async (req, res) => {
    res.json({ user: presentUser(await userAdmin.reactivate(req.actor, req.params.id), await organisationNames()) });
  });
  return router;
}
