// Not a helper: how helpers find the page's language (res.locals.locale, set for every request).
import type { HelperOptions } from 'handlebars';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../../i18n/index.js';

export function localeOf(options: HelperOptions): Locale {
  const l: unknown = options.data?.root?.locale;
  return isLocale(l) ? l : DEFAULT_LOCALE;
}
