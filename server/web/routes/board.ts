// The programme team's live board over HTTP: the page, its snapshot, and the catch-up after a version.
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { featureRouter } from './routing.js';
import { BOARD_LIMITS } from '../../domain/board/index.js';
import { AppError } from '../../errors.js';
import { requireProgramme } from '../middleware/auth.js';
import { presentBoard } from '../views/presenters/board.js';
import { presentCurrentCall } from '../views/presenters/calls.js';
import { presentWeek } from '../views/presenters/check-ins.js';
import { ALL_CALLS, presentPerCall } from '../views/presenters/board-funnel.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { signInFirst } from '../middleware/sign-in-first.js';

const CHART_JS_DIR = fileURLToPath(new URL('../../../node_modules/chart.js/dist/', import.meta.url));

const seqParam = (value: unknown, field: string): number => {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new AppError('validation_failed', 'errors.validation_failed', { fields: { [field]: { key: 'errors.field.wrong_type', params: { expected: 'integer' } } } });
  }
  return Number(value);
};

/**
 * The programme team's live board: `GET /board` (the page, with the open call's countdown and the funnel of `?call=` — a call's
 * id or `all`, by default the open call — and the members of `?partnership=` on the map; works without JavaScript, public/js/board.js
 * makes it live), `GET /api/board` (the snapshot) and `GET /api/board/events?after=` (the timeline after
 * a version). Chart.js is served from node_modules, same origin, for the CSP.
 */
export function boardRouter({ board, calls, checkIns, config }: Pick<Services, 'board' | 'calls' | 'checkIns'> & { config: Pick<Config, 'env'> }): Router {
  const router = featureRouter();
  router.use('/static/vendor/chart.js', express.static(CHART_JS_DIR, { index: false, maxAge: config.env === 'production' ? '1d' : 0 }));

  // A visitor signs in first and comes back; a member gets 403 from requireProgramme.
  router.get('/board', signInFirst(), requireProgramme, async (req, res) => {
    const [snapshot, current, week] = await Promise.all([board.snapshot(req.actor), calls.current(), checkIns.week(req.actor)]);
    const cluster = typeof req.query.cluster === 'string' && /^\d{1,9}$/.test(req.query.cluster) ? Number(req.query.cluster) : null;
    // The funnel's call: the one asked for (a call's id or 'all'), else the open call, else the whole programme.
    const call = req.query.call ?? (current?.open ? current.call.id : ALL_CALLS);
    if (typeof call !== 'string' || (call !== ALL_CALLS && !snapshot.perCall.calls.some((c) => c.id === call))) {
      throw new AppError('validation_failed', 'errors.validation_failed', { fields: { call: { key: 'errors.field.invalid_choice' } } });
    }
    const partnership = typeof req.query.partnership === 'string' ? req.query.partnership : null;
    res.render('pages/board', {
      titleKey: 'board.title', board: presentBoard(snapshot, req.locale, cluster), currentCall: presentCurrentCall(current, req.locale),
      perCall: presentPerCall(snapshot.perCall, req.locale, call, partnership), weekCheckIns: presentWeek(week, req.locale),
    });
  });

  router.get('/api/board', requireProgramme, async (req, res) => {
    res.json(await board.snapshot(req.actor));
  });

  router.get('/api/board/events', requireProgramme, async (req, res) => {
    const after = seqParam(req.query.after, 'after');
    const limit = req.query.limit === undefined ? BOARD_LIMITS.catchUp : Math.min(Math.max(seqParam(req.query.limit, 'limit'), 1), BOARD_LIMITS.catchUp);
    res.json({ items: await board.events(req.actor, after, limit) });
  });

  return router;
}
