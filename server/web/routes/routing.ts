// Every feature router is made alike, so rules that look at a path see exactly the routes that answer it.
import { Router } from 'express';

/**
 * Every feature Router is made here: case-sensitive and strict, like the app's own router (app.ts), so
 * `/api/Session` and `/api/session/` are not quietly the same route as `/api/session`. A rule that looks
 * at a request's path (CSRF, limits) then sees exactly the routes that answer it.
 */
export const featureRouter = (): Router => Router({ caseSensitive: true, strict: true });
