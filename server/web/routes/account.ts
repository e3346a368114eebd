// A forgotten or stale password must not lock anyone out: the password pages, working without JavaScript.
import type { Request, RequestHandler, Response, Router } from 'express';
import { isAppError } from '../../errors.js';
import { requireUser } from '../middleware/auth.js';
import { csrfToken } from '../middleware/csrf.js';
import { translateFields } from '../middleware/errors.js';
import { startUserSession } from '../middleware/session.js';
import type { Services } from '../../services.js';
import { featureRouter } from './routing.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Renders `view` again with the field errors of a 400 (input kept), or rethrows anything else. */
function again(req: Request, res: Response, err: unknown, view: string, locals: object): void {
  if (!isAppError(err) || err.code !== 'validation_failed') throw err;
  res.status(400).render(view, { ...locals, csrfToken: csrfToken(req), errors: translateFields(req.locale, err.fields) });
}

/**
 * Passwords, as pages: change it (signed in), ask for a one-time link when it is forgotten, and set a
 * new one through that link. Changing or resetting ends every other session of the user.
 *   GET|POST /account/password, GET|POST /password/forgot, GET|POST /password/reset/:token
 */
export function accountRouter({ passwords, bus }: Pick<Services, 'passwords' | 'bus'>, limits: { signIn: RequestHandler; reset: RequestHandler }): Router {
  const router = featureRouter();

  router.get('/account/password', requireUser, (req, res) => {
    res.render('pages/account/password', { titleKey: 'account.password.title', csrfToken: csrfToken(req), email: req.actor!.email });
  });
  router.post('/account/password', requireUser, limits.signIn, async (req, res) => {
    try {
      const user = await passwords.change(req.actor!, { currentPassword: req.body.currentPassword, password: req.body.password, passwordConfirm: req.body.passwordConfirm });
      await startUserSession(req, user.id, bus);
      req.session.flash = { key: 'account.password.done' };
      res.redirect(303, '/');
    } catch (err) {
      again(req, res, err, 'pages/account/password', { titleKey: 'account.password.title', email: req.actor!.email });
    }
  });

  router.get('/password/forgot', (req, res) => {
    res.render('pages/password/forgot', { titleKey: 'account.forgot.title', csrfToken: csrfToken(req), values: {} });
  });
  router.post('/password/forgot', limits.reset, async (req, res) => {
    const values = { email: str(req.body.email) };
    try {
      await passwords.requestReset({ email: req.body.email });
      res.render('pages/password/forgot', { titleKey: 'account.forgot.title', csrfToken: csrfToken(req), values, sent: true });
    } catch (err) {
      again(req, res, err, 'pages/password/forgot', { titleKey: 'account.forgot.title', values });
    }
  });

  router.get('/password/reset/:token', async (req, res) => {
    const account = await passwords.checkReset(req.params.token);
    res.render('pages/password/reset', { titleKey: 'account.reset.title', csrfToken: csrfToken(req), token: req.params.token, account });
  });
  router.post('/password/reset/:token', async (req, res) => {
    const account = await passwords.checkReset(req.params.token);
    try {
      const user = await passwords.reset(req.params.token, { password: req.body.password, passwordConfirm: req.body.passwordConfirm });
      await startUserSession(req, user.id, bus);
      req.session.flash = { key: 'account.reset.done', params: { name: user.name } };
      res.redirect(303, '/');
    } catch (err) {
      again(req, res, err, 'pages/password/reset', { titleKey: 'account.reset.title', token: req.params.token, account });
    }
  });
  return router;
}
