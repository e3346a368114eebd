// API clients change and reset passwords by the same rules as the pages (routes/account.ts).
import type { RequestHandler, Router } from 'express';
import { requireUser } from '../../middleware/auth.js';
import { csrfToken } from '../../middleware/csrf.js';
import { startUserSession } from '../../middleware/session.js';
import type { Services } from '../../../services.js';
import { featureRouter } from '../routing.js';

/**
 * Passwords over the API, with the pages' rules (routes/account.ts):
 *   POST /api/account/password {currentPassword, password}   -> 200 {csrfToken} (a new session; all others end)
 *   POST /api/password/forgot {email}                         -> 202, whether or not the address is known
 *   POST /api/password/reset {token, password}                -> 200 {csrfToken}, signed in; all other sessions end
 */
export function apiAccountRouter({ passwords, bus }: Pick<Services, 'passwords' | 'bus'>, limits: { signIn: RequestHandler; reset: RequestHandler }): Router {
  const router = featureRouter();
  const body = (b: unknown) => (b && typeof b === 'object' ? (b as Record<string, unknown>) : {});

  router.post('/api/account/password', requireUser, limits.signIn, async (req, res) => {
    const { currentPassword, password, passwordConfirm } = body(req.body);
    const user = await passwords.change(req.actor!, { currentPassword, password, passwordConfirm });
    await startUserSession(req, user.id, bus);
    res.json({ csrfToken: csrfToken(req) });
  });
  router.post('/api/password/forgot', limits.reset, async (req, res) => {
    await passwords.requestReset({ email: body(req.body).email });
    res.status(202).json({ status: 'accepted' });
  });
  router.post('/api/password/reset', async (req, res) => {
    const { token, password, passwordConfirm } = body(req.body);
    const user = await passwords.reset(token, { password, passwordConfirm });
    await startUserSession(req, user.id, bus);
    res.json({ csrfToken: csrfToken(req) });
  });
  return router;
}
