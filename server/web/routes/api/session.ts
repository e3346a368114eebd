// API clients sign in here and get the CSRF token every later call needs.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { csrfToken } from '../../middleware/csrf.js';
import { endUserSession, startUserSession } from '../../middleware/session.js';
import type { Services } from '../../../services.js';

/** `POST /api/session` signs in with `{email, password}` and answers `{csrfToken}` for later calls. */
export function apiSessionRouter({ accounts, bus }: Pick<Services, 'accounts' | 'bus'>, limiter: import('express').RequestHandler): Router {
  const router = featureRouter();
  router.post('/api/session', limiter, async (req, res) => {
    const user = await accounts.authenticate(req.body ?? {});
    await startUserSession(req, user.id, bus);
    res.status(201).json({ csrfToken: csrfToken(req), user: { id: user.id, name: user.name, role: user.role, organisationId: user.organisationId } });
  });
  router.get('/api/session', (req, res) => {
    const a = req.actor;
    res.json(a ? { user: { id: a.id, name: a.name, role: a.role, organisationId: a.organisationId }, csrfToken: csrfToken(req) } : { user: null });
  });
  router.delete('/api/session', async (req, res) => {
    await endUserSession(req, bus);
    res.status(204).end();
  });
  return router;
}
