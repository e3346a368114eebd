// Every request knows its language (Dutch unless the visitor chose English) before anything is rendered.
import type { RequestHandler } from 'express';
import { DEFAULT_LOCALE, isLocale } from '../../i18n/index.js';

export const LOCALE_COOKIE = 'lang';

/** Dutch unless the visitor chose English with the switch (remembered in a cookie for a year). */
export const localeMiddleware: RequestHandler = (req, _res, next) => {
  const chosen = parseCookie(req.headers.cookie, LOCALE_COOKIE);
  req.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  next();
};

function parseCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
