/**
 * The pieces many JSON answers share, as zod schemas: the OpenAPI document is generated from them and
 * test/integration/openapi-contract.test.ts checks real answers against them.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../errors.js';
import { THEMES, type OrganisationKind, type Theme } from '../../store/store.js';

extendZodWithOpenApi(z);

/**
 * `schema` or null. A union, not `.nullable()`: zod-to-openapi 7 turns a nullable named schema into
 * `allOf [$ref, {type: [object, null]}]`, which no null satisfies.
 */
export const orNull = <S extends z.ZodTypeAny>(schema: S) => z.union([schema, z.null()]);

/** Instants as the store writes them: `toISOString()`. */
export const instant = z.string().datetime();

export const theme = z.enum(THEMES as [Theme, ...Theme[]]).describe(
  'services: innovative services to citizens, businesses and associations; democracy: digital democracy and e-participation; workplace: the workplace of the future (internal processes and tools).',
);
export const ideaStatus = z.enum(['open', 'withdrawn']);
export const language = z.enum(['nl', 'fr', 'en']);
export const role = z.enum(['member', 'programme']);
export const organisationKind = z.enum(['municipality', 'ocmw', 'intermunicipal', 'other'] as const satisfies readonly OrganisationKind[]);

export const Contact = z.object({ name: z.string(), email: z.string().email(), phone: orNull(z.string()) }).openapi('Contact');

/** An idea's organisation as lists and pages name it (presenters/ideas.ts presentOrganisationRef). */
export const OrganisationRef = z.object({ id: z.string(), name: z.string(), province: orNull(z.string()), kind: organisationKind }).openapi('OrganisationRef');
export const OrganisationName = z.object({ id: z.string(), name: z.string() }).openapi('OrganisationName');
export const OrganisationPlace = z.object({ id: z.string(), name: z.string(), province: orNull(z.string()) }).openapi('OrganisationPlace');

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** What web/middleware/errors.ts answers for every failure, in the user's language. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe("In the user's language (cookie `lang`: nl or en)."),
    fields: z.record(z.object({ code: z.string().openapi({ examples: ['too_short', 'wrong_type', 'unknown'] }), message: z.string() }))
      .optional()
      .describe('Each bad field by its path (`title`, `contact.email`, `tags.2`; `_` for the body as a whole, such as unknown fields).'),
  }),
}).openapi('Error');

/** `{ items: [...] }`, the shape of every unpaged list. */
export const itemsOf = <S extends z.ZodTypeAny>(item: S) => z.object({ items: z.array(item) });

/** Path ids: the store's ids are at most 64 characters. */
export const idParams = z.object({ id: z.string().max(64).openapi({ example: '01JH5Q3W8ZQ4N6V2C1X7R9T0AB' }) });
