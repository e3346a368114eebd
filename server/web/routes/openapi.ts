// The API description served two ways from one generated document: JSON for tools, a page for people.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import { openapiDocument, operations } from '../openapi/index.js';
import type { Parameter } from '../openapi/tidy.js';

type Schema = Record<string, unknown>;

/** A schema in one line of JSON Schema words: `string · minLength 5 · maxLength 140`, `array of Idea`, `Contact | null`. */
function describe(schema: Schema | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  for (const key of ['anyOf', 'oneOf']) if (Array.isArray(schema[key])) return (schema[key] as Schema[]).map(describe).join(' | ');
  if (Array.isArray(schema.allOf)) return (schema.allOf as Schema[]).map(describe).filter((d) => d && d !== 'any').join(' & ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  const parts = [schema.type === 'array' ? `array of ${describe(schema.items as Schema)}` : type];
  for (const k of ['format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'minItems', 'maxItems', 'pattern', 'default']) {
    if (schema[k] !== undefined) parts.push(`${k} ${typeof schema[k] === 'object' ? JSON.stringify(schema[k]) : String(schema[k])}`);
  }
  if (Array.isArray(schema.enum)) parts.push(`one of: ${schema.enum.join(', ')}`);
  return parts.join(' · ');
}

const descriptionOf = (s: Schema): string => {
  if (typeof s.description === 'string') return s.description;
  const described = (Array.isArray(s.allOf) ? (s.allOf as Schema[]) : []).find((m) => typeof m.description === 'string');
  return (described?.description as string | undefined) ?? '';
};

function properties(schema: Schema) {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {}).map(([name, s]) => ({
    name, required: required.has(name), type: describe(s), description: descriptionOf(s),
  }));
}

const responseText = (r: { description?: string; $ref?: string }) =>
  r.$ref ? ((openapiDocument().components?.responses ?? {})[r.$ref.split('/').pop()!] as { description: string }).description : r.description ?? '';

/** The docs page's view model, made once: the document does not change while the app runs. */
let page: Record<string, unknown> | undefined;
function docsPage(): Record<string, unknown> {
  if (page) return page;
  const doc = openapiDocument();
  const ops = operations(doc).map(({ method, path, operation: o }) => {
    const security = o.security?.[0] ?? {};
    return {
      anchor: o.operationId, method: method.toUpperCase(), path, summary: o.summary, description: o.description ?? '', tag: o.tags[0],
      auth: 'csrfToken' in security ? 'session_csrf' : 'cookieAuth' in security ? 'session' : 'none',
      parameters: (o.parameters ?? []).map((p: Parameter) => ({ name: p.name, in: p.in, required: !!p.required, type: describe(p.schema), description: p.description ?? '' })),
      body: o.requestBody ? describe(Object.values(o.requestBody.content)[0]?.schema) : '',
      responses: Object.entries(o.responses).map(([status, r]) => ({ status, description: responseText(r) })),
    };
  });
  page = {
    info: doc.info,
    groups: (doc.tags ?? []).map((tag) => ({ ...tag, operations: ops.filter((o) => o.tag === tag.name) })).filter((g) => g.operations.length),
    schemas: Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>).map(([name, s]) => ({
      name, type: describe(s), description: descriptionOf(s), properties: properties(s),
    })),
  };
  return page;
}

/** The API's description: the OpenAPI document, and the same document as a server-rendered page. */
export function openapiRouter(): Router {
  const router = featureRouter();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openapiDocument());
  });
  router.get('/api/docs', (_req, res) => {
    res.render('pages/api/docs', { titleKey: 'apidocs.title', ...docsPage() });
  });
  return router;
}
