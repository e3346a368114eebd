// The project form speaks in text boxes, selects and lines; the projects service in ids, lists and nulls.
// This turns one into the other both ways, so the pages' routes stay short.
import type { ProjectView } from '../../domain/projects.js';
import { CALL_TYPES_IN_ORDER } from '../../domain/partnerships/calls.js';
import { PROJECT_STATUSES, THEMES, type CallRecord, type Organisation } from '../../store/store.js';

type Body = Record<string, unknown>;
export type ProjectFormValues = Record<string, string | string[]>;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => ([] as unknown[]).concat(v ?? []).map(str).filter((s) => s !== '');
const lines = (v: unknown): string[] => (typeof v === 'string' ? v : '').split(/\s*\n\s*/).map((s) => s.trim()).filter((s) => s !== '');

/** What the form posted, as the service's input; an empty type (new project) takes the call's. */
export function projectInput(body: Body, editing: boolean): Body {
  const input: Body = {
    title: str(body.title), summary: typeof body.summary === 'string' ? body.summary : '', callId: str(body.callId) || null,
    type: str(body.type) || undefined, theme: str(body.theme) || undefined, leadOrganisationId: str(body.leadOrganisationId) || null,
    leadName: str(body.leadName) || undefined, partnerOrganisationIds: list(body.partnerOrganisationIds), otherPartners: lines(body.otherPartners),
    status: str(body.status) || undefined, url: str(body.url) || null,
  };
  if (editing && input.leadOrganisationId !== null) delete input.leadName;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** What was typed, to show again after a refusal. */
export function typedProjectValues(body: Body): ProjectFormValues {
  const values: ProjectFormValues = {};
  for (const k of ['title', 'summary', 'callId', 'type', 'theme', 'leadOrganisationId', 'leadName', 'otherPartners', 'status', 'url']) {
    values[k] = typeof body[k] === 'string' ? (body[k] as string) : '';
  }
  values.partnerOrganisationIds = list(body.partnerOrganisationIds);
  return values;
}

/** A stored project in the form's boxes. */
export function projectValues(p: ProjectView): ProjectFormValues {
  return {
    title: p.title, summary: p.summary, callId: p.callId ?? '', type: p.type, theme: p.theme, leadOrganisationId: p.leadOrganisationId ?? '',
    leadName: p.leadOrganisationId ? '' : p.leadName, partnerOrganisationIds: [...p.partnerOrganisationIds], otherPartners: p.otherPartners.join('\n'),
    status: p.status, url: p.url ?? '',
  };
}

/** The choices of the form's selects, with what `values` holds selected. */
export function projectChoices(values: ProjectFormValues, calls: CallRecord[], organisations: Organisation[]) {
  const partners = new Set(values.partnerOrganisationIds as string[]);
  const sorted = [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return {
    calls: calls.map((c) => ({ value: c.id, name: c.name, selected: c.id === values.callId })),
    types: CALL_TYPES_IN_ORDER.map((value) => ({ value, selected: value === values.type })),
    themes: THEMES.map((value) => ({ value, selected: value === values.theme })),
    statuses: PROJECT_STATUSES.map((value) => ({ value, selected: value === values.status })),
    leads: sorted.map((o) => ({ value: o.id, name: o.name, selected: o.id === values.leadOrganisationId })),
    partners: sorted.map((o) => ({ value: o.id, name: o.name, selected: partners.has(o.id) })),
  };
}

/** The service names `partnerOrganisationIds.2` and `otherPartners.0`; the form's boxes have no index. */
export const projectFormField = (field: string): string => field.replace(/\.\d+$/, '');
