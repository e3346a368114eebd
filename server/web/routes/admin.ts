// Nobody signs up on their own: the programme team invites each person from this page and manages the links.
import { Router, type Request, type Response } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import { renderConfirm } from './confirm.js';
import { requireProgramme } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { INVITATION_STATES, invitationActions, isInvitationState, presentInvitation } from '../views/presenters/accounts.js';
import type { Clock } from '../../domain/clock.js';
import type { Services } from '../../services.js';

/** The programme team's invitation page: invite a person for an organisation; see, filter, resend and revoke invitations. */
export function adminRouter({ accounts, organisations: directory, clock }: Pick<Services, 'accounts' | 'organisations'> & { clock: Clock }): Router {
  const router = featureRouter();
  router.use('/admin', requireProgramme);

  async function render(req: Request, res: Response, status: number, extra: Record<string, unknown>) {
    const state = isInvitationState(req.query.state) ? req.query.state : undefined;
    const [organisations, invitations] = await Promise.all([directory.list(), accounts.listInvitations(req.actor)]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const now = clock.now().toISOString();
    res.status(status).render('pages/admin/invitations', {
      titleKey: 'admin.invitations.title',
      organisations: organisations.map((o) => ({ id: o.id, name: o.name, province: o.province })),
      invitations: invitations.map((i) => presentInvitation(i, names, now))
        .filter((i) => !state || i.state === state)
        .map((i) => ({ ...i, actions: invitationActions(i.state) })),
      states: INVITATION_STATES,
      state,
      values: { role: 'member' },
      ...extra,
    });
  }

  /** A resend or revoke that the invitation's state no longer allows: the page again, saying why. */
  async function refused(req: Request, res: Response, err: unknown) {
    if (!isAppError(err) || err.code !== 'conflict') throw err;
    await render(req, res, err.status, { actionError: err.message });
  }

  router.get('/admin/invitations', async (req, res) => render(req, res, 200, {}));

  router.post('/admin/invitations', async (req, res) => {
    const input = { email: req.body.email, name: req.body.name, role: req.body.role, organisationId: req.body.organisationId };
    try {
      const { invitation, link, mailed } = await accounts.invite(req.actor!, input);
      await render(req, res, 201, { created: { email: invitation.email, name: invitation.name, link, mailed } });
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'validation_failed' && err.code !== 'conflict')) throw err;
      await render(req, res, err.status, { values: input, errors: translateFields(req.locale, err.fields) });
    }
  });

  // The new link is shown on the answer itself (like a new invitation), not after a redirect: it exists only here.
  router.post('/admin/invitations/:id/resend', async (req, res) => {
    try {
      const { invitation, link, mailed } = await accounts.resendInvitation(req.actor!, req.params.id);
      await render(req, res, 200, { resent: { email: invitation.email, name: invitation.name, link, mailed } });
    } catch (err) {
      await refused(req, res, err);
    }
  });

  /** Revoking makes the link useless: asked first. */
  router.get('/admin/invitations/:id/revoke', async (req, res) => {
    const invitation = await accounts.invitation(req.actor, String(req.params.id));
    renderConfirm(req, res, { key: 'confirm.revoke', params: { name: invitation.name, email: invitation.email }, action: `/admin/invitations/${invitation.id}/revoke`, cancelHref: '/admin/invitations' });
  });

  router.post('/admin/invitations/:id/revoke', async (req, res) => {
    try {
      const invitation = await accounts.revokeInvitation(req.actor!, req.params.id);
      req.session.flash = { key: 'accounts_admin.invitations.flash.revoked', params: { email: invitation.email } };
      res.redirect(303, '/admin/invitations');
    } catch (err) {
      await refused(req, res, err);
    }
  });
  return router;
}
