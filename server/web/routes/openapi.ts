import { Router } from 'express';
import { featureRouter } from './routing.js';
import { openapiDocument, operations } from '../openapi.js';

type Schema = Record<string, unknown>;

/** A schema in one line of JSON Schema words: `string · minLength 5 · maxLength 140`, `array of Idea`. */
function describe(schema: Schema | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Schema[]).map(describe).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  const parts = [schema.type === 'array' ? `array of ${describe(schema.items as Schema)}` : type];
  for (const k of ['format', 'minLength', 'maxLength', 'minimum', 'maximum', 'maxItems', 'pattern', 'default']) {
    if (schema[k] !== undefined) parts.push(`${k} ${String(schema[k])}`);
  }
  if (Array.isArray(schema.enum)) parts.push(`one of: ${schema.enum.join(', ')}`);
  return parts.join(' · ');
}

function properties(schema: Schema) {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {}).map(([name, s]) => ({
    name, required: required.has(name), type: describe(s), description: typeof s.description === 'string' ? s.description : '',
  }));
}

const responseText = (r: { description?: string; $ref?: string }) =>
  r.$ref ? (openapiDocument.components.responses[r.$ref.split('/').pop()!] as { description: string }).description : r.description ?? '';

/** The API's description: the OpenAPI document, and the same document as a server-rendered page. */
export function openapiRouter(): Router {
  const router = featureRouter();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openapiDocument);
  });
  router.get('/api/docs', (_req, res) => {
    const ops = operations().map(({ method, path, operation: o }) => {
      const security = o.security?.[0] ?? {};
      return {
        anchor: o.operationId, method: method.toUpperCase(), path, summary: o.summary, description: o.description ?? '', tag: o.tags[0],
        auth: 'csrfToken' in security ? 'session_csrf' : 'cookieAuth' in security ? 'session' : 'none',
        parameters: (o.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: !!p.required, type: describe(p.schema), description: p.description ?? '' })),
        body: o.requestBody ? describe(Object.values(o.requestBody.content)[0]?.schema) : '',
        responses: Object.entries(o.responses).map(([status, r]) => ({ status, description: responseText(r as { description?: string; $ref?: string }) })),
      };
    });
    res.render('pages/api/docs', {
      titleKey: 'apidocs.title',
      info: openapiDocument.info,
      groups: openapiDocument.tags.map((tag) => ({ ...tag, operations: ops.filter((o) => o.tag === tag.name) })).filter((g) => g.operations.length),
      schemas: Object.entries(openapiDocument.components.schemas).map(([name, s]) => ({
        name, type: describe(s), description: typeof s.description === 'string' ? s.description : '', properties: properties(s),
      })),
    });
  });
  return router;
}
