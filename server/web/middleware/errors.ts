// Every failure, from a page or the API, ends here and is answered in the user's language and format.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, isAppError, type FieldErrors } from '../../errors.js';
import { hasKey, t, type Locale } from '../../i18n/index.js';

/** Field errors as the API and the forms show them: a short code and a sentence in the user's language. */
export function translateFields(locale: Locale, fields: FieldErrors | undefined): Record<string, { code: string; message: string }> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [name, { code: f.key.split('.').pop()!, message: t(locale, f.key, { field: fieldLabel(locale, name), ...f.params }) }]),
  );
}

/** `tags.2` is labelled as `tags`; a field the catalogue does not know is named as sent. */
function fieldLabel(locale: Locale, name: string): string {
  const key = `fields.${name.replace(/\.\d+/g, '')}`;
  return hasKey(key) ? t(locale, key) : name;
}

/** Maps whatever was thrown to an AppError: body-parser's errors carry a `type` and a `status`. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'errors.payload_too_large');
  if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    // The body as a whole is the bad field ('_', "the request"): every 400 names its field (issue 15.10).
    return new AppError('bad_request', 'errors.bad_request', { fields: { _: { key: 'errors.field.unreadable_body' } } });
  }
  if (e?.status === 413) return new AppError('payload_too_large', 'errors.payload_too_large');
  return new AppError('internal', 'errors.internal', { cause: err });
}

const wantsJson = (req: Request) => req.path.startsWith('/api/') || !req.accepts('html');

export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('not_found', 'errors.page_not_found'));

export function errorHandler(log: { error(obj: object, msg: string): void }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) log.error({ err, url: req.originalUrl, method: req.method }, 'request failed');
    if (res.headersSent) return;
    const locale = req.locale ?? 'nl';
    const message = t(locale, appErr.message, appErr.params);
    const body = { error: { code: appErr.code, message, ...(appErr.fields ? { fields: translateFields(locale, appErr.fields) } : {}) } };
    if (appErr.status === 401 && !wantsJson(req) && req.method === 'GET') {
      // A page that needs a signed-in user: go sign in, then come back here.
      res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(appErr.status);
    if (wantsJson(req)) {
      res.json(body);
      return;
    }
    const page = appErr.status === 404 ? 'errors/404' : 'errors/error';
    res.render(page, { title: t(locale, `errors.title.${appErr.status >= 500 ? 500 : appErr.status}`), message, code: appErr.code, status: appErr.status, fields: body.error.fields });
  };
}
