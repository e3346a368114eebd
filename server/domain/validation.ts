import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors.js';

/**
 * Turns zod issues into our field errors: the field's path (`contact.email`, `tags.2`) and an i18n key
 * with its parameters, so the pages and the API name each bad field in the user's language.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join('.') : '_';
    if (fields[field]) continue; // the first problem of a field is the one worth saying
    fields[field] = describe(issue);
  }
  return fields;
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

/** A trimmed string with length limits; empty after trimming counts as missing. */
export const text = (min: number, max: number) => z.string().trim().min(Math.max(min, 1)).max(max);

export const email = z.string().trim().toLowerCase().max(254).email();

export const password = z.string().min(10).max(256);

/** Belgian and international numbers: digits and the usual separators, 6 to 30 characters. */
export const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || /^\+?[0-9 ()./-]{6,30}$/.test(v), { message: 'errors.field.invalid_phone' })
  .transform((v) => (v === '' ? null : v));
