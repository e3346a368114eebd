// The calls for proposals as pages: anyone reads them; the programme team adds and changes them.
import type { Request, Response, Router } from 'express';
import { featureRouter } from './routing.js';
import { CALL_TYPES_IN_ORDER } from '../../domain/partnerships/calls.js';
import { isAppError } from '../../errors.js';
import { requireProgramme } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { byRelevance, presentCall } from '../views/presenters/calls.js';
import type { Services } from '../../services.js';
import { callInput, callValues, formField, THEME_CHOICES, typedValues, type CallFormValues } from './call-form.js';

/**
 * The call pages:
 *   GET  /calls, GET /calls/:id                    everyone, visitors included
 *   GET|POST /admin/calls/new, /calls/:id/edit     the programme team (CSRF; a refusal keeps what was typed)
 */
export function callsRouter({ calls }: Pick<Services, 'calls'>): Router {
  const router = featureRouter();

  function showForm(req: Request, res: Response, form: { action: string; titleKey: string; name?: string; values: CallFormValues; status?: number; errors?: ReturnType<typeof translateFields> }) {
    const themes = new Set(form.values.themes as string[]);
    res.status(form.status ?? 200).render('pages/calls/form', {
      titleKey: form.titleKey, heading: form.name, action: form.action, values: form.values, errors: form.errors,
      types: CALL_TYPES_IN_ORDER.map((value) => ({ value, selected: value === form.values.type })),
      themes: THEME_CHOICES.map((value) => ({ value, checked: themes.has(value) })),
    });
  }

  /** Saves, or shows the form again with what was typed and each refused field named (400, or 409 for a taken number). */
  async function save(req: Request, res: Response, action: string, titleKey: string, write: () => Promise<{ id: string }>, flash: string) {
    try {
      const call = await write();
      req.session.flash = { key: flash };
      res.redirect(303, `/calls/${call.id}`);
    } catch (err) {
      if (!isAppError(err) || !err.fields || (err.code !== 'validation_failed' && err.code !== 'conflict')) throw err;
      const errors = Object.fromEntries(Object.entries(translateFields(req.locale, err.fields) ?? {}).map(([k, v]) => [formField(k), v]));
      showForm(req, res, { action, titleKey, values: typedValues(req.body ?? {}), status: err.status, errors });
    }
  }

  router.get('/calls', async (req, res) => {
    res.render('pages/calls/list', { titleKey: 'calls.title', calls: byRelevance(await calls.list()).map((c) => presentCall(c, req.locale)) });
  });

  router.get('/admin/calls/new', requireProgramme, (req, res) => {
    showForm(req, res, { action: '/admin/calls/new', titleKey: 'calls.new', values: { type: 'concept', themes: [], decided: false } });
  });

  router.post('/admin/calls/new', requireProgramme, async (req, res) => {
    await save(req, res, '/admin/calls/new', 'calls.new', () => calls.create(req.actor, callInput(req.body ?? {}, false)), 'calls.flash.created');
  });

  router.get('/calls/:id', async (req, res) => {
    const call = await calls.get(String(req.params.id));
    res.render('pages/calls/show', { title: call.name, call: presentCall(call, req.locale) });
  });

  router.get('/calls/:id/edit', requireProgramme, async (req, res) => {
    const call = await calls.get(String(req.params.id));
    showForm(req, res, { action: `/calls/${call.id}/edit`, titleKey: 'calls.edit', name: call.name, values: callValues(call) });
  });

  router.post('/calls/:id/edit', requireProgramme, async (req, res) => {
    const id = String(req.params.id);
    await save(req, res, `/calls/${encodeURIComponent(id)}/edit`, 'calls.edit', () => calls.update(req.actor, id, callInput(req.body ?? {}, true)), 'calls.flash.updated');
  });

  return router;
}
