// The projects under way as pages: anyone reads the catalogue; members of other local governments ask
// to join; the lead or the programme team answers; the programme team adds and edits projects.
import type { Request, Response, Router } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import { membersOnly, requireProgramme, requireUser } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { signInFirst } from '../middleware/sign-in-first.js';
import { presentJoinRequest, presentProject } from '../views/presenters/projects.js';
import type { Services } from '../../services.js';
import { projectChoices, projectFormField, projectInput, projectValues, typedProjectValues, type ProjectFormValues } from './project-form.js';
import { catalogueFilters } from './project-filters.js';

/**
 * The project pages:
 *   GET  /projects, GET /projects/:id                      everyone (filters: call, theme, status, q)
 *   POST /projects/:id/join                                a member of another local government (CSRF)
 *   POST /projects/:id/join-requests/:organisationId/accept|decline   the lead's members or the programme team
 *   GET|POST /admin/projects/new, /projects/:id/edit       the programme team (a refusal keeps what was typed)
 */
export function projectsRouter({ projects, calls, organisations }: Pick<Services, 'projects' | 'calls' | 'organisations'>): Router {
  const router = featureRouter();
  type Errors = ReturnType<typeof translateFields>;

  async function showForm(req: Request, res: Response, form: { action: string; titleKey: string; heading?: string; values: ProjectFormValues; status?: number; errors?: Errors }) {
    const [allCalls, orgs] = await Promise.all([calls.list(), organisations.list()]);
    res.status(form.status ?? 200).render('pages/projects/form', { ...form, ...projectChoices(form.values, allCalls, orgs) });
  }

  async function save(req: Request, res: Response, form: { action: string; titleKey: string }, write: () => Promise<{ id: string }>, flash: string) {
    try {
      const project = await write();
      req.session.flash = { key: flash };
      res.redirect(303, `/projects/${project.id}`);
    } catch (err) {
      if (!isAppError(err) || !err.fields || err.code !== 'validation_failed') throw err;
      const errors = Object.fromEntries(Object.entries(translateFields(req.locale, err.fields) ?? {}).map(([k, v]) => [projectFormField(k), v]));
      await showForm(req, res, { ...form, values: typedProjectValues(req.body ?? {}), status: err.status, errors });
    }
  }

  async function showProject(req: Request, res: Response, extra: { status?: number; message?: string; errors?: Errors } = {}) {
    const project = await projects.get(String(req.params.id));
    const standing = await projects.standing(req.actor, project.id);
    res.status(extra.status ?? 200).render('pages/projects/show', {
      title: project.title, project: presentProject(project, req.locale), ...standing,
      joinRequests: standing.joinRequests.map((r) => presentJoinRequest(r, req.locale)), message: extra.message ?? '', errors: extra.errors,
    });
  }

  router.get('/projects', async (req, res) => {
    const filters = await catalogueFilters(req, calls);
    const list = filters.valid ? await projects.list(filters.query) : [];
    res.status(filters.valid ? 200 : 400).render('pages/projects/list', {
      titleKey: 'projects.title', ...filters.view, projects: list.map((p) => presentProject(p, req.locale)),
    });
  });

  router.get('/admin/projects/new', requireProgramme, async (req, res) => {
    await showForm(req, res, { action: '/admin/projects/new', titleKey: 'projects.new', values: { status: 'funded', theme: 'services', partnerOrganisationIds: [] } });
  });

  router.post('/admin/projects/new', requireProgramme, async (req, res) => {
    const form = { action: '/admin/projects/new', titleKey: 'projects.new' };
    await save(req, res, form, () => projects.create(req.actor, projectInput(req.body ?? {}, false)), 'projects.flash.created');
  });

  router.get('/projects/:id', (req, res) => showProject(req, res));

  router.get('/projects/:id/edit', requireProgramme, async (req, res) => {
    const project = await projects.get(String(req.params.id));
    await showForm(req, res, { action: `/projects/${project.id}/edit`, titleKey: 'projects.edit', heading: project.title, values: projectValues(project) });
  });

  router.post('/projects/:id/edit', requireProgramme, async (req, res) => {
    const id = String(req.params.id);
    const form = { action: `/projects/${encodeURIComponent(id)}/edit`, titleKey: 'projects.edit' };
    await save(req, res, form, () => projects.update(req.actor, id, projectInput(req.body ?? {}, true)), 'projects.flash.updated');
  });

  router.post('/projects/:id/join', signInFirst(), membersOnly('projects.errors.only_members_join'), async (req, res) => {
    const message = typeof req.body?.message === 'string' ? req.body.message : '';
    try {
      await projects.requestToJoin(req.actor, String(req.params.id), { message });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      return showProject(req, res, { status: 400, message, errors: translateFields(req.locale, err.fields) });
    }
    req.session.flash = { key: 'projects.flash.asked' };
    res.redirect(303, `/projects/${encodeURIComponent(String(req.params.id))}`);
  });

  for (const answer of ['accept', 'decline'] as const) {
    router.post(`/projects/:id/join-requests/:organisationId/${answer}`, requireUser, async (req, res) => {
      await projects.answerJoinRequest(req.actor, String(req.params.id), String(req.params.organisationId), answer);
      req.session.flash = { key: `projects.flash.${answer}ed` };
      res.redirect(303, `/projects/${encodeURIComponent(String(req.params.id))}`);
    });
  }

  return router;
}
