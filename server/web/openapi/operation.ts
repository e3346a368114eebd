/**
 * One documented API operation, written once beside the zod schemas it points to. The document
 * (document.ts) and the contract test (test/integration/openapi-contract.test.ts) both read these.
 */
import { z, type AnyZodObject, type ZodTypeAny } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The error responses, each a component of the document with the `Error` body (server/errors.ts' codes). */
export const ERROR_RESPONSES = {
  BadRequest: { status: 400, description: 'A field is missing, of the wrong type, out of its limits or unknown: `fields` names each (code `validation_failed`; `bad_request` for a body that cannot be read).' },
  Unauthenticated: { status: 401, description: 'Sign in first (or: wrong e-mail or password). Code `unauthenticated`.' },
  Forbidden: { status: 403, description: 'Not allowed for you (code `forbidden`), or the CSRF token is missing or wrong (code `csrf_invalid`).' },
  NotFound: { status: 404, description: 'No such record, or not visible to you. Code `not_found`.' },
  Conflict: { status: 409, description: 'Changed meanwhile (stale `version`), withdrawn, or already taken. Code `conflict`.' },
  PayloadTooLarge: { status: 413, description: 'The body is over 100 kB. Code `payload_too_large`.' },
  RateLimited: { status: 429, description: 'Too many attempts; try again after `Retry-After` seconds. Code `rate_limited`.' },
} as const;
export type ErrorResponse = keyof typeof ERROR_RESPONSES;

export interface Answer {
  status: number;
  description: string;
  /** The JSON body; none for an empty answer (204). */
  schema?: ZodTypeAny;
  /** Other than JSON (the docs page). */
  contentType?: string;
  /** Further media types of the same answer, as text (an export's CSV beside its JSON). */
  alternatives?: string[];
  headers?: Record<string, string>;
}

export interface ApiOperation {
  method: Method;
  /** As OpenAPI writes it: `/api/ideas/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * Who the operation is for: anyone (absent), any signed-in `user`, a `member` of an organisation or
   * the `programme` team. Signed in means the session cookie, and on writes the CSRF token too.
   */
  role?: 'user' | 'member' | 'programme';
  params?: AnyZodObject;
  query?: AnyZodObject;
  body?: { schema: ZodTypeAny; required?: boolean; example: unknown };
  /** Valid values for the path and query parameters (the path's ids are made by the contract test). */
  example?: { params?: Record<string, string | number>; query?: Record<string, string | number> };
  /** The answer when all goes well; `also`: other answers that are no error (a 204, a 503 with a body). */
  answer: Answer;
  also?: Answer[];
  errors: ErrorResponse[];
}

/**
 * `schema` with a description on some of its fields. `extend` keeps the object's rules (strictness,
 * the other fields), so what validates is unchanged; only the document reads the descriptions.
 */
export function describeFields<S extends z.AnyZodObject>(schema: S, notes: Partial<Record<keyof S['shape'] & string, string>>): S {
  const shape = schema.shape as Record<string, ZodTypeAny>;
  const described = Object.fromEntries(Object.entries(notes).map(([k, text]) => [k, shape[k]!.describe(text as string)]));
  return schema.extend(described) as unknown as S;
}
