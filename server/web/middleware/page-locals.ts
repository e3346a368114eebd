// Every page's layout needs the same few things; they are set here once rather than in each route.
import type { RequestHandler } from 'express';
import { isProgramme } from '../../domain/rules/who-may-act.js';
import { LOCALES } from '../../i18n/index.js';
import { csrfToken } from './csrf.js';

/**
 * What every page's layout needs: the language (and the switch to the other one, returning to this
 * page), the signed-in user, a CSRF token when there is a session to hold it, and a one-time flash message.
 */
export const pageLocals: RequestHandler = (req, res, next) => {
  const here = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
  res.locals.locale = req.locale;
  res.locals.htmlLang = req.locale === 'nl' ? 'nl-BE' : 'en';
  res.locals.languages = LOCALES.map((l) => ({ code: l, current: l === req.locale, href: `/lang/${l}?next=${encodeURIComponent(here)}` }));
  res.locals.user = req.actor
    ? { name: req.actor.name, isProgramme: isProgramme(req.actor), organisationId: req.actor.organisationId }
    : null;
  if (req.actor) res.locals.csrfToken = csrfToken(req);
  if (req.session?.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
