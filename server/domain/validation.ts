// The input rules every route and socket event checks, as zod schemas: one source for the 400s naming
// each field and for the OpenAPI document generated from them.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors.js';

// Lets a schema carry what the OpenAPI document should say beyond its checks (`.openapi({ pattern })`),
// so the document is generated from the schemas that validate. Metadata only: parsing is unchanged.
extendZodWithOpenApi(z);

/**
 * Turns zod issues into our field errors: the field's path (`contact.email`, `tags.2`) and an i18n key
 * with its parameters, so the pages and the API name each bad field in the user's language.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const found of error.issues) {
    // One of several shapes (`{ids}` or `{all}`): speak of the shape the input was closest to, so the
    // error names the field (`ids.0`), not the request as a whole.
    const issue = found.code === 'invalid_union' ? closest(found) ?? found : found;
    const field = issue.path.length ? issue.path.join('.') : '_';
    if (fields[field]) continue; // the first problem of a field is the one worth saying
    fields[field] = describe(issue);
  }
  return fields;
}

/** The union branch whose problems look least like "this is another shape": fewest unknown keys, then fewest problems. */
function closest(issue: z.ZodInvalidUnionIssue): z.ZodIssue | undefined {
  const cost = (e: z.ZodError) => e.issues.filter((i) => i.code === 'unrecognized_keys').length * 100 + e.issues.length;
  const best = [...issue.unionErrors].sort((a, b) => cost(a) - cost(b))[0];
  const first = best?.issues[0];
  return first ? { ...first, path: [...issue.path, ...first.path.slice(issue.path.length)] } : undefined;
}

function describe(issue: z.ZodIssue): FieldErrors[string] {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' || issue.received === 'null'
        ? { key: 'errors.field.required' }
        : { key: 'errors.field.wrong_type', params: { expected: issue.expected } };
    case 'too_small':
      if (issue.type === 'string') {
        return Number(issue.minimum) <= 1 ? { key: 'errors.field.required' } : { key: 'errors.field.too_short', params: { min: Number(issue.minimum) } };
      }
      return { key: 'errors.field.too_small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.type === 'string'
        ? { key: 'errors.field.too_long', params: { max: Number(issue.maximum) } }
        : { key: 'errors.field.too_many', params: { max: Number(issue.maximum) } };
    case 'invalid_enum_value':
      return { key: 'errors.field.invalid_choice' };
    case 'invalid_string':
      return issue.validation === 'email' ? { key: 'errors.field.invalid_email' } : { key: 'errors.field.invalid_format' };
    case 'unrecognized_keys':
      return { key: 'errors.field.unknown', params: { keys: issue.keys.join(', ') } };
    case 'custom':
      return { key: issue.message, params: (issue.params ?? undefined) as Record<string, string | number> | undefined };
    default:
      return { key: 'errors.field.invalid' };
  }
}

/** Parses `input` with `schema` or throws a 400 AppError naming every bad field. */
export function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError('validation_failed', 'errors.validation_failed', { fields: toFieldErrors(result.error) });
  }
  return result.data;
}

/**
 * Characters no text field keeps (issue 15.7): control characters but tab and line feed (NUL, ANSI
 * escapes' ESC, DEL, the C1 range; CR LF becomes LF), bidirectional overrides and isolates (U+202A-E,
 * U+2066-9, the marks U+200E/F, U+061C), zero-width spaces and joiners that only hide text (U+200B,
 * U+2060, U+FEFF, U+180E) and the Hangul fillers that look like nothing. Ordinary emoji stay whole:
 * the zero-width joiner U+200D and variation selectors that build them are kept; so are accents.
 */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]/g;

/** The text without the characters above. */
export const cleanText = (value: string): string => value.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');

/** Something a reader sees: a letter, digit, symbol or punctuation, not only spaces, marks and joiners. */
export const hasVisible = (value: string): boolean => /[^\s\p{Cf}\p{M}\p{Cc}]/u.test(value);

/** Cleans a string before its schema sees it (a non-string is left for the schema to refuse by type). */
export const cleaned = <S extends z.ZodTypeAny>(schema: S) => z.preprocess((v) => (typeof v === 'string' ? cleanText(v) : v), schema);

/**
 * A trimmed string with length limits, cleaned of control and invisible characters first; empty after
 * that, or nothing visible in it, counts as missing (the error names the field).
 */
export const text = (min: number, max: number) =>
  cleaned(z.string().trim().min(Math.max(min, 1)).max(max).refine((v) => hasVisible(v), { message: 'errors.field.required' }));

export const email = z.string().trim().toLowerCase().max(254).email();

export const password = z.string().min(10).max(256);

/** Belgian and international numbers: digits and the usual separators, 6 to 30 characters. */
const PHONE = /^\+?[0-9 ()./-]{6,30}$/;

/**
 * A refinement, not `.regex()`, so a bad number is `errors.field.invalid_phone`; the pattern is also
 * given to the OpenAPI document (an empty string, for none, is allowed there too).
 */
export const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || PHONE.test(v), { message: 'errors.field.invalid_phone' })
  .transform((v) => (v === '' ? null : v))
  .openapi({ pattern: `^$|${PHONE.source}`, description: 'Digits and the usual separators; empty for none.', example: '+32 11 22 33 44' });
