import type { RequestHandler } from 'express';
import { actorOf } from '../../domain/actor.js';
import { AppError } from '../../errors.js';
import type { Store } from '../../store/store.js';

/** Loads the signed-in user on every request; a deactivated or deleted user is signed out on the spot. */
export function loadActor(store: Store): RequestHandler {
  return async (req, _res, next) => {
    req.actor = null;
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await store.getUser(userId);
    if (user && user.active) {
      req.actor = actorOf(user);
    } else {
      delete req.session.userId;
    }
    next();
  };
}

export const requireUser: RequestHandler = (req, _res, next) => {
  next(req.actor ? undefined : new AppError('unauthenticated', 'errors.signin_required'));
};

export const requireProgramme: RequestHandler = (req, _res, next) => {
  if (!req.actor) return next(new AppError('unauthenticated', 'errors.signin_required'));
  next(req.actor.role === 'programme' ? undefined : new AppError('forbidden', 'errors.forbidden'));
};
