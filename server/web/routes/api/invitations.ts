import { Router } from 'express';
import { requireProgramme } from '../../middleware/auth.js';
import { presentInvitation } from '../../views/presenters/accounts.js';
import type { RouteDeps } from '../deps.js';

/** The programme team's invitations over the API: the same rules as the admin page. */
export function apiInvitationsRouter({ store, services, clock }: RouteDeps): Router {
  const router = Router();
  router.use('/api/invitations', requireProgramme);
  router.get('/api/invitations', async (_req, res) => {
    const [invitations, organisations] = await Promise.all([store.listInvitations(), store.listOrganisations()]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const now = clock.now().toISOString();
    res.json({ items: invitations.map((i) => presentInvitation(i, names, now)) });
  });
  router.post('/api/invitations', async (req, res) => {
    const { invitation, link, mailed } = await services.accounts.invite(req.actor!, req.body ?? {});
    const names = new Map<string, string>();
    res.status(201).json({ invitation: presentInvitation(invitation, names, clock.now().toISOString()), link, mailed });
  });
  return router;
}
