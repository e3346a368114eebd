// The programme team decides who may still sign in: the user list page, deactivation asked first.
import { Router, type Request, type Response } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import { renderConfirm } from './confirm.js';
import { requireProgramme } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { presentUser } from '../views/presenters/accounts.js';
import type { Services } from '../../services.js';

const ROLES = ['member', 'programme'] as const;
const ACTIVE = ['true', 'false'] as const;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The programme team's user list: every account with organisation, role and state; deactivate and reactivate. */
export function adminUsersRouter({ users: userAdmin, organisations: directory }: Pick<Services, 'users' | 'organisations'>): Router {
  const router = featureRouter();
  router.use('/admin/users', requireProgramme);

  async function render(req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) {
    const values = { organisation: str(req.query.organisation), role: str(req.query.role), active: str(req.query.active) };
    const organisations = await directory.list();
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    let users: ReturnType<typeof presentUser>[] = [];
    let errors: ReturnType<typeof translateFields>;
    try {
      users = (await userAdmin.list(req.actor, values)).map((u) => ({ ...presentUser(u, names), self: u.id === req.actor!.id }));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      status = err.status;
      errors = translateFields(req.locale, err.fields);
    }
    res.status(status).render('pages/admin/users', {
      titleKey: 'accounts_admin.users.title',
      organisations: organisations.map((o) => ({ id: o.id, name: o.name, province: o.province })),
      roles: ROLES, actives: ACTIVE, values, users, errors, filtered: Object.values(values).some(Boolean), ...extra,
    });
  }

  router.get('/admin/users', async (req, res) => render(req, res, 200));

  /** Deactivating signs the person out everywhere: asked first. */
  router.get('/admin/users/:id/deactivate', async (req, res) => {
    const user = await userAdmin.get(req.actor, String(req.params.id));
    renderConfirm(req, res, { key: 'confirm.deactivate', params: { name: user.name, email: user.email }, action: `/admin/users/${user.id}/deactivate`, cancelHref: '/admin/users' });
  });

  for (const action of ['deactivate', 'reactivate'] as const) {
    router.post(`/admin/users/:id/${action}`, async (req, res) => {
      try {
        const user = await userAdmin[action](req.actor, req.params.id);
        req.session.flash = { key: `accounts_admin.users.flash.${action}d`, params: { name: user.name } };
        res.redirect(303, '/admin/users');
      } catch (err) {
        // Yourself, or the last programme account: the list again, saying why.
        if (!isAppError(err) || err.code !== 'conflict') throw err;
        await render(req, res, err.status, { actionError: err.message });
      }
    });
  }
  return router;
}
