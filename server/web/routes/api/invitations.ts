import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { AppError } from '../../../errors.js';
import { requireProgramme } from '../../middleware/auth.js';
import { isInvitationState, presentInvitation } from '../../views/presenters/accounts.js';
import type { RouteDeps } from '../deps.js';

/** The programme team's invitations over the API: the same rules as the admin page. */
export function apiInvitationsRouter({ store, services, clock }: RouteDeps): Router {
  const router = featureRouter();
  router.use('/api/invitations', requireProgramme);

  const organisationNames = async () => new Map((await store.listOrganisations()).map((o) => [o.id, o.name]));
  const now = () => clock.now().toISOString();

  router.get('/api/invitations', async (req, res) => {
    const { state } = req.query;
    if (state !== undefined && state !== '' && !isInvitationState(state)) {
      throw new AppError('validation_failed', 'errors.validation_failed', { fields: { state: { key: 'errors.field.invalid_choice' } } });
    }
    const [invitations, names] = await Promise.all([store.listInvitations(), organisationNames()]);
    const items = invitations.map((i) => presentInvitation(i, names, now()));
    res.json({ items: isInvitationState(state) ? items.filter((i) => i.state === state) : items });
  });
  router.post('/api/invitations', async (req, res) => {
    const { invitation, link, mailed } = await services.accounts.invite(req.actor!, req.body ?? {});
    res.status(201).json({ invitation: presentInvitation(invitation, await organisationNames(), now()), link, mailed });
  });
  router.post('/api/invitations/:id/resend', async (req, res) => {
    const { invitation, link, mailed } = await services.accounts.resendInvitation(req.actor!, req.params.id);
    res.json({ invitation: presentInvitation(invitation, await organisationNames(), now()), link, mailed });
  });
  router.post('/api/invitations/:id/revoke', async (req, res) => {
    const invitation = await services.accounts.revokeInvitation(req.actor!, req.params.id);
    res.json({ invitation: presentInvitation(invitation, await organisationNames(), now()) });
  });
  return router;
}
