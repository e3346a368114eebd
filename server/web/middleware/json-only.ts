// The API must not half-read a body it does not understand (issue 15.9): non-JSON bodies are refused.
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/**
 * The JSON API reads JSON only (issue 15.9): a body of another type under /api/ answered as if it were
 * empty (a PATCH with text/plain changed nothing and still bumped the version; an endorsement lost its
 * message). Now a request with a body that is not `application/json` is refused with 415 before
 * anything runs. Bodiless calls (DELETE, POST …/reopen) need no type.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  if (!req.path.startsWith('/api/') || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (!hasBody || req.is('application/json')) return next();
  next(new AppError('unsupported_media_type', 'errors.unsupported_media_type'));
};
