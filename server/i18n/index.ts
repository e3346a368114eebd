// All text the app shows, in Dutch (the reference) and English, so no template or message hard-codes a language.
import { readFileSync, readdirSync } from 'node:fs';

/**
 * The i18n catalogue: per locale a folder of flat JSON files, one per feature (`nl/ideas.json`, …), merged
 * into one key space; Dutch (nl-BE) is the reference. Keys like `ideas.form.title`, parameters as `{name}`. Pages, API error messages and notifications all
 * take their text from here; test/unit/i18n.test.ts checks both locales have the same keys and parameters.
 */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
/** BCP 47 tags for Intl formatting. */
export const INTL_TAG: Record<Locale, string> = { nl: 'nl-BE', en: 'en-GB' };

type Catalogue = Record<string, string>;

function load(locale: Locale): Catalogue {
  const dir = new URL(`./${locale}/`, import.meta.url);
  const catalogue: Catalogue = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Catalogue;
    for (const [key, value] of Object.entries(part)) {
      if (key in catalogue) throw new Error(`i18n: key ${key} is defined twice in ${locale}/`);
      catalogue[key] = value;
    }
  }
  return catalogue;
}

export const catalogues: Record<Locale, Catalogue> = { nl: load('nl'), en: load('en') };

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

export type Params = Record<string, string | number | null | undefined>;

/**
 * Translates `key`; a missing key falls back to Dutch, then to the key itself, so a page never breaks.
 * Plurals: when `params.count` is a number and the catalogue holds `key.one` / `key.other` (the
 * categories of `Intl.PluralRules` for the locale), that form is used: "1 steunbetuiging", "3 steunbetuigingen".
 */
export function t(locale: Locale, key: string, params?: Params): string {
  // A count stored as text (notification parameters are strings) still picks its plural form.
  const raw = params?.count;
  const count = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  const pluralKey = typeof count === 'number' ? `${key}.${pluralRules(locale).select(count)}` : undefined;
  const text = (pluralKey !== undefined ? catalogues[locale][pluralKey] ?? catalogues[DEFAULT_LOCALE][pluralKey] : undefined)
    ?? catalogues[locale][key] ?? catalogues[DEFAULT_LOCALE][key]
    ?? catalogues[locale][`${key}.other`] ?? catalogues[DEFAULT_LOCALE][`${key}.other`]
    ?? key;
  if (!params || !text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? m : typeof v === 'number' ? formatNumber(locale, v) : v;
  });
}

export function hasKey(key: string): boolean {
  return key in catalogues[DEFAULT_LOCALE];
}

/**
 * One formatter per locale and style, made once: building an Intl formatter costs far more than
 * using one (a list of 20 ideas built about 60 of them per page), and each holds native ICU memory
 * that the process's RSS kept long after the garbage collector freed the wrapper (issue 19).
 */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules;
const formatters = new Map<string, Formatter>();
function formatter<F extends Formatter>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) { f = make(); formatters.set(key, f); }
  return f;
}

function pluralRules(locale: Locale): Intl.PluralRules {
  return formatter(`plural:${locale}`, () => new Intl.PluralRules(INTL_TAG[locale]));
}

export function formatNumber(locale: Locale, n: number): string {
  return formatter(`number:${locale}`, () => new Intl.NumberFormat(INTL_TAG[locale])).format(n);
}

export function formatDate(locale: Locale, iso: string, withTime = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return formatter(`date:${locale}:${withTime}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], {
    day: 'numeric', month: 'long', year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone: 'Europe/Brussels',
  })).format(d);
}

/** The time of day in Brussels, with seconds: "14:02:05". */
export function formatTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return formatter(`time:${locale}`, () => new Intl.DateTimeFormat(INTL_TAG[locale], { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Brussels' })).format(d);
}
