// Switching between Dutch and English must work without JavaScript and bring the reader back where they were.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import { isLocale } from '../../i18n/index.js';
import { AppError } from '../../errors.js';
import { LOCALE_COOKIE } from '../middleware/locale.js';

/** The language switch: a plain link (works without JavaScript), remembered for a year, back to the same page. */
export function langRouter({ secure }: { secure: boolean }): Router {
  const router = featureRouter();
  router.get('/lang/:locale', (req, res) => {
    const { locale } = req.params;
    if (!isLocale(locale)) throw new AppError('not_found', 'errors.page_not_found');
    const next = typeof req.query.next === 'string' && /^\/(?![/\\])/.test(req.query.next) ? req.query.next : '/';
    res.cookie(LOCALE_COOKIE, locale, { maxAge: 365 * 24 * 3600_000, sameSite: 'lax', httpOnly: true, secure });
    res.redirect(303, next);
  });
  return router;
}
