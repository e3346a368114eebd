// The catalogue page's filters (call, theme, status, words of the title) from its query string, checked by
// the projects service's own schema, with the choices the filter form offers.
import type { Request } from 'express';
import { projectQuerySchema } from '../../domain/projects.js';
import { PROJECT_STATUSES, THEMES } from '../../store/store.js';
import type { Services } from '../../services.js';

const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The filters as the service takes them (empty boxes left out), whether they are valid, and the form's choices. */
export async function catalogueFilters(req: Request, calls: Pick<Services['calls'], 'list'>) {
  const raw = { callId: one(req.query.call), theme: one(req.query.theme), status: one(req.query.status), q: one(req.query.q) };
  const query = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const valid = projectQuerySchema.safeParse(query).success;
  const allCalls = await calls.list();
  return {
    valid,
    query,
    view: {
      q: raw.q, filtered: Object.keys(query).length > 0, invalid: !valid,
      calls: allCalls.map((c) => ({ value: c.id, name: c.name, selected: c.id === raw.callId })),
      themes: THEMES.map((value) => ({ value, selected: value === raw.theme })),
      statuses: PROJECT_STATUSES.map((value) => ({ value, selected: value === raw.status })),
    },
  };
}
