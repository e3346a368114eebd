// Invitations over JSON, so the programme team can script what the admin page does, by the same rules.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { AppError } from '../../../errors.js';
import { requireProgramme } from '../../middleware/auth.js';
import { isInvitationState, presentInvitation } from '../../views/presenters/accounts.js';
import type { Clock } from '../../../domain/clock.js';
import type { Services } from '../../../services.js';

/** The programme team's invitations over the API: the same rules as the admin page. */
export function apiInvitationsRouter({ accounts, organisations, clock }: Pick<Services, 'accounts' | 'organisations'> & { clock: Clock }): Router {
  const router = featureRouter();
  router.use('/api/invitations', requireProgramme);

  const organisationNames = async () => new Map((await organisations.list()).map((o) => [o.id, o.name]));
  const now = () => clock.now().toISOString();

  router.get('/api/invitations', async (req, res) => {
    const { state } = req.query;
    if (state !== undefined && state !== '' && !isInvitationState(state)) {
      throw new AppError('validation_failed', 'errors.validation_failed', { fields: { state: { key: 'errors.field.invalid_choice' } } });
    }
    const [invitations, names] = await Promise.all([accounts.listInvitations(req.actor), organisationNames()]);
    const items = invitations.map((i) => presentInvitation(i, names, now()));
    res.json({ items: isInvitationState(state) ? items.filter((i) => i.state === state) : items });
  });
  router.post('/api/invitations', async (req, res) => {
    const { invitation, link, mailed } = await accounts.invite(req.actor!, req.body ?? {});
    res.status(201).json({ invitation: presentInvitation(invitation, await organisationNames(), now()), link, mailed });
  });
  router.post('/api/invitations/:id/resend', async (req, res) => {
    const { invitation, link, mailed } = await accounts.resendInvitation(req.actor!, req.params.id);
    res.json({ invitation: presentInvitation(invitation, await organisationNames(), now()), link, mailed });
  });
  router.post('/api/invitations/:id/revoke', async (req, res) => {
    const invitation = await accounts.revokeInvitation(req.actor!, req.params.id);
    res.json({ invitation: presentInvitation(invitation, await organisationNames(), now()) });
  });
  return router;
}
