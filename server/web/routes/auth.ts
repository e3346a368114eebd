// How a person gets in through the pages: signing in and out, and accepting an invitation.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import { csrfToken } from '../middleware/csrf.js';
import { endUserSession, startUserSession } from '../middleware/session.js';
import { translateFields } from '../middleware/errors.js';
import { t } from '../../i18n/index.js';
import type { Services } from '../../services.js';

const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : '/');

/** Sign in and out (pages), and accepting an invitation: setting a password through the one-time link. */
export function authRouter({ accounts, bus }: Pick<Services, 'accounts' | 'bus'>, limiter: import('express').RequestHandler): Router {
  const router = featureRouter();

  router.get('/signin', (req, res) => {
    res.render('pages/signin', { titleKey: 'auth.signin.title', csrfToken: csrfToken(req), next: safeNext(req.query.next), values: {} });
  });

  router.post('/signin', limiter, async (req, res) => {
    try {
      const user = await accounts.authenticate({ email: req.body.email, password: req.body.password });
      await startUserSession(req, user.id, bus);
      req.session.flash = { key: 'auth.signin.welcome', params: { name: user.name } };
      res.redirect(303, safeNext(req.body.next));
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'unauthenticated' && err.code !== 'validation_failed')) throw err;
      res.status(err.status).render('pages/signin', {
        titleKey: 'auth.signin.title', csrfToken: csrfToken(req), next: safeNext(req.body.next),
        values: { email: typeof req.body.email === 'string' ? req.body.email : '' }, error: t(req.locale, err.message),
      });
    }
  });

  router.post('/signout', async (req, res) => {
    await endUserSession(req, bus);
    res.redirect(303, '/');
  });

  router.get('/invitations/:token', async (req, res) => {
    const invitation = await accounts.findOpenInvitation(req.params.token);
    res.render('pages/accept-invitation', { titleKey: 'auth.invitation.title', invitation: { name: invitation.name, email: invitation.email }, token: req.params.token, csrfToken: csrfToken(req), values: {} });
  });

  router.post('/invitations/:token', async (req, res) => {
    try {
      const user = await accounts.acceptInvitation(req.params.token, {
        password: req.body.password, passwordConfirm: req.body.passwordConfirm, phone: req.body.phone,
      });
      await startUserSession(req, user.id, bus);
      req.session.flash = { key: 'auth.invitation.done', params: { name: user.name } };
      res.redirect(303, '/');
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      const invitation = await accounts.findOpenInvitation(req.params.token);
      res.status(400).render('pages/accept-invitation', {
        titleKey: 'auth.invitation.title', invitation: { name: invitation.name, email: invitation.email }, token: req.params.token,
        csrfToken: csrfToken(req), values: { phone: req.body.phone ?? '' }, errors: translateFields(req.locale, err.fields),
      });
    }
  });

  return router;
}
