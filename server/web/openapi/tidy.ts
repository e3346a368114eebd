/**
 * What the generated document still needs after zod-to-openapi 7: a union with null lists `{type: null}`
 * twice, and parameters carry no example of their own. Both fixed here, on the plain JSON.
 */
import type { ApiOperation } from './operation.js';

export interface Parameter { name: string; in: string; required?: boolean; description?: string; example?: unknown; schema?: Record<string, unknown> }
export interface Operation {
  operationId: string; summary: string; description?: string; tags: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown>; example?: unknown }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}

function withoutDuplicateMembers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(withoutDuplicateMembers);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const key of ['anyOf', 'oneOf']) {
    const members = o[key];
    if (Array.isArray(members)) {
      const seen = new Set<string>();
      o[key] = members.filter((m) => !seen.has(JSON.stringify(m)) && !!seen.add(JSON.stringify(m)));
    }
  }
  Object.values(o).forEach(withoutDuplicateMembers);
}

export function tidy<D extends { paths?: object }>(doc: D, ops: readonly ApiOperation[]): D {
  withoutDuplicateMembers(doc);
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const op of ops) {
    const examples: Record<string, unknown> = { ...op.example?.params, ...op.example?.query };
    for (const p of paths[op.path]?.[op.method]?.parameters ?? []) {
      if (examples[p.name] !== undefined) p.example = examples[p.name];
    }
  }
  return doc;
}
