// Every request must know who is acting, and routes refuse the wrong people in one consistent way.
import type { RequestHandler } from 'express';
import { actorOf, type Viewer } from '../../domain/actor.js';
import { requireMember, requireProgramme as programmeOnly, requireSignedIn } from '../../domain/rules/who-may-act.js';
import type { Services } from '../../services.js';

/** Loads the signed-in user on every request; a deactivated or deleted user is signed out on the spot. */
export function loadActor(accounts: Pick<Services['accounts'], 'signedInUser'>): RequestHandler {
  return async (req, _res, next) => {
    req.actor = null;
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await accounts.signedInUser(userId);
    if (user && user.active) {
      req.actor = actorOf(user);
    } else {
      delete req.session.userId;
    }
    next();
  };
}

/** A rule of domain/rules/who-may-act.ts as a route guard: its refusal (401/403, same message) goes to the error handler. */
const guard = (rule: (viewer: Viewer) => unknown): RequestHandler => (req, _res, next) => {
  let refusal: unknown;
  try {
    rule(req.actor);
  } catch (err) {
    refusal = err;
  }
  next(refusal);
};

export const requireUser: RequestHandler = guard(requireSignedIn);

export const requireProgramme: RequestHandler = guard(programmeOnly);

/** Members of an organisation only; others get 403 with the feature's own `refusal` message. */
export const membersOnly = (refusal: string): RequestHandler => guard((viewer) => requireMember(viewer, refusal));
