// The one "sign in first" of the pages: a visitor is sent to /signin and comes back where they were
// going. Each page says where that is; the rule and the redirect live here only.
import type { Request, RequestHandler } from 'express';

type Back = string | ((req: Request) => string);

const resolve = (back: Back, req: Request): string => (typeof back === 'string' ? back : back(req));

/**
 * The way back after a POST is not the form's action (a visitor cannot re-send the form): GET requests
 * return to the page asked for, other methods to `afterPost`.
 *
 *   router.post('/notifications/read', signInFirst(backTo('/notifications')), …)
 */
export const backTo = (afterPost: Back) => (req: Request): string => (req.method === 'GET' ? req.originalUrl : resolve(afterPost, req));

/** Lets signed-in users through; sends a visitor to sign in, then `back` (default: the URL asked for). */
export function signInFirst(back: Back = (req) => req.originalUrl): RequestHandler {
  return (req, res, next) => {
    if (req.actor) return next();
    res.redirect(303, `/signin?next=${encodeURIComponent(resolve(back, req))}`);
  };
}
