// Check-ins as pages: a member asks from its idea's page, the programme team answers on /check-ins,
// and both download the calendar file of a confirmed one.
import type { Request, Response, Router } from 'express';
import { featureRouter } from './routing.js';
import { isAppError } from '../../errors.js';
import { requireUser } from '../middleware/auth.js';
import { translateFields } from '../middleware/errors.js';
import { signInFirst } from '../middleware/sign-in-first.js';
import { formErrors, presentCheckIn, type FailedForm } from '../views/presenters/check-ins.js';
import type { Services } from '../../services.js';
import { askAgainInput, decisionInput, requestInput, typedValues } from './check-in-form.js';
import type { Config } from '../../config.js';

/**
 * The check-in pages (CSRF on every form; a refusal shows the form again with what was typed):
 *   GET  /check-ins                      a member: its organisation's; the programme team: all, open first, with its forms
 *   GET  /check-ins/new?subjectType&subjectId, POST /check-ins   ask for one (the form is also a partial on the idea page)
 *   POST /check-ins/:id/confirm|propose|accept|ask-again|cancel   the steps
 *   GET  /check-ins/:id.ics              the calendar file of a confirmed one: its organisation's members and the programme team
 */
export function checkInsRouter({ checkIns, config }: Pick<Services, 'checkIns'> & { config: Pick<Config, 'baseUrl'> }): Router {
  const router = featureRouter();
  const host = new URL(config.baseUrl).hostname || 'medestander';

  const refused = (err: unknown) => isAppError(err) && err.code === 'validation_failed' && err.fields !== undefined;

  async function showList(req: Request, res: Response, failed?: FailedForm, status = 200) {
    const list = await checkIns.list(req.actor);
    res.status(status).render('pages/check-ins/list', {
      titleKey: 'check_ins.title', programme: req.actor?.role === 'programme',
      checkIns: list.map((c) => presentCheckIn(c, req.locale, failed)),
    });
  }

  function showRequest(req: Request, res: Response, values: Record<string, string>, errors?: Record<string, { message: string }>, status = 200) {
    res.status(status).render('pages/check-ins/new', { titleKey: 'check_ins.request.title', values, errors });
  }

  router.get('/check-ins', signInFirst(), requireUser, async (req, res) => {
    await showList(req, res);
  });

  router.get('/check-ins/new', signInFirst(), requireUser, (req, res) => {
    const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string).slice(0, 64) : '');
    showRequest(req, res, { subjectType: q('subjectType') || 'idea', subjectId: q('subjectId') });
  });

  router.post('/check-ins', requireUser, async (req, res) => {
    try {
      const checkIn = await checkIns.request(req.actor, requestInput(req.body ?? {}));
      req.session.flash = { key: 'check_ins.flash.requested' };
      res.redirect(303, `/check-ins#check-in-${checkIn.id}`);
    } catch (err) {
      if (!refused(err) || !isAppError(err)) throw err;
      showRequest(req, res, typedValues(req.body ?? {}), formErrors(translateFields(req.locale, err.fields)), 400);
    }
  });

  const steps = {
    confirm: (req: Request, id: string) => checkIns.confirm(req.actor, id, decisionInput(req.body ?? {}, 'confirm')),
    propose: (req: Request, id: string) => checkIns.propose(req.actor, id, decisionInput(req.body ?? {}, 'propose')),
    accept: (req: Request, id: string) => checkIns.accept(req.actor, id),
    'ask-again': (req: Request, id: string) => checkIns.askAgain(req.actor, id, askAgainInput(req.body ?? {})),
    cancel: (req: Request, id: string) => checkIns.cancel(req.actor, id),
  } as const;
  const flash: Record<keyof typeof steps, string> = {
    confirm: 'check_ins.flash.confirmed', propose: 'check_ins.flash.proposed', accept: 'check_ins.flash.accepted',
    'ask-again': 'check_ins.flash.asked_again', cancel: 'check_ins.flash.cancelled',
  };
  for (const name of Object.keys(steps) as (keyof typeof steps)[]) {
    router.post(`/check-ins/:id/${name}`, requireUser, async (req, res) => {
      const id = String(req.params.id);
      try {
        await steps[name](req, id);
      } catch (err) {
        if (!refused(err) || !isAppError(err) || name === 'accept' || name === 'cancel') throw err;
        const failed: FailedForm = { id, form: name, values: typedValues(req.body ?? {}), errors: formErrors(translateFields(req.locale, err.fields)) };
        return showList(req, res, failed, 400);
      }
      req.session.flash = { key: flash[name] };
      res.redirect(303, `/check-ins#check-in-${encodeURIComponent(id)}`);
    });
  }

  router.get('/check-ins/:id.ics', requireUser, async (req, res) => {
    const file = await checkIns.ics(req.actor, String(req.params.id), host, req.locale);
    res.set('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.type('text/calendar; charset=utf-8').send(file.text);
  });

  return router;
}
