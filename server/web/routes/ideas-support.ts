// The idea pages and the ideas API read filters and forms alike: the shared translation lives here.
import type { Request } from 'express';
import type { Actor } from '../../domain/actor.js';
import type { FieldErrors } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { THEMES } from '../../domain/ideas.js';
import type { Idea } from '../../store/store.js';
import { translateFields } from '../middleware/errors.js';

/**
 * What the idea pages and the ideas API share: reading the list filters from a query string, turning
 * the flat HTML form into the domain's input (and back).
 */

/** The list filters as they appear in URLs (`?organisation=`), mapped to the domain's query input. */
export const LIST_PARAMS = ['q', 'theme', 'province', 'organisation', 'status', 'page', 'pageSize'] as const;
export type ListParams = Partial<Record<(typeof LIST_PARAMS)[number], unknown>>;

export function listParams(query: Request['query']): ListParams {
  const out: ListParams = {};
  for (const key of LIST_PARAMS) if (query[key] !== undefined && query[key] !== '') out[key] = query[key];
  return out;
}

export const toQueryInput = ({ organisation, ...rest }: ListParams) => ({ ...rest, organisationId: organisation });

/** The contact person a new idea gets when none is given: the signed-in user. */
export const contactOf = (actor: Actor) => ({ name: actor.name, email: actor.email, ...(actor.phone ? { phone: actor.phone } : {}) });

/** The idea form's fields, always strings: what the user typed is what we show back. */
export interface IdeaFormValues {
  title: string;
  description: string;
  theme: string;
  tags: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  /** '' for no call in particular. */
  callId: string;
  version: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function valuesFromBody(body: Record<string, unknown> | undefined): IdeaFormValues {
  const b = body ?? {};
  return {
    title: str(b.title), description: str(b.description), theme: str(b.theme), tags: str(b.tags),
    contactName: str(b.contactName), contactEmail: str(b.contactEmail), contactPhone: str(b.contactPhone), callId: str(b.callId), version: str(b.version),
  };
}

export function valuesFromIdea(idea: Idea): IdeaFormValues {
  return {
    title: idea.title, description: idea.description, theme: idea.theme, tags: idea.tags.join(', '),
    contactName: idea.contact.name, contactEmail: idea.contact.email, contactPhone: idea.contact.phone ?? '', callId: idea.callId ?? '', version: String(idea.version),
  };
}

export function valuesForActor(actor: Actor): IdeaFormValues {
  return { title: '', description: '', theme: '', tags: '', contactName: actor.name, contactEmail: actor.email, contactPhone: actor.phone ?? '', callId: '', version: '' };
}

/** The form as the domain wants it: tags split on commas, the contact person as one object. */
export function toDomainInput(v: IdeaFormValues, withVersion: boolean) {
  const input: Record<string, unknown> = {
    title: v.title,
    description: v.description,
    theme: v.theme === '' ? undefined : v.theme,
    tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
    contact: { name: v.contactName, email: v.contactEmail, phone: v.contactPhone },
    callId: v.callId === '' ? null : v.callId,
  };
  if (withVersion && v.version !== '') input.version = /^\d+$/.test(v.version) ? Number(v.version) : v.version;
  return input;
}

// Domain field paths (`contact.email`, `tags.3`) -> the form's input names, in the order the form shows them.
const FORM_FIELD: Record<string, string> = {
  title: 'title', description: 'description', theme: 'theme', tags: 'tags',
  contact: 'contactName', 'contact.name': 'contactName', 'contact.email': 'contactEmail', 'contact.phone': 'contactPhone', callId: 'callId',
};
const FORM_ORDER = ['title', 'description', 'theme', 'tags', 'callId', 'contactName', 'contactEmail', 'contactPhone'];

/** Field errors keyed by the form's input names, plus a summary list (in form order) that links to each field. */
export function formErrors(locale: Locale, fields: FieldErrors | undefined) {
  const normalised: FieldErrors = {};
  for (const [path, error] of Object.entries(fields ?? {})) {
    const name = path.replace(/\.\d+$/, ''); // tags.3 -> tags: the form has one tags field
    normalised[name] ??= error;
  }
  const translated = translateFields(locale, normalised) ?? {};
  const byField: Record<string, { code: string; message: string }> = {};
  const other: { message: string }[] = [];
  for (const [path, error] of Object.entries(translated)) {
    const name = FORM_FIELD[path];
    if (name) byField[name] ??= error;
    else other.push(error);
  }
  const summary = FORM_ORDER.filter((n) => byField[n]).map((n) => ({ id: n, message: byField[n]!.message }));
  return { errors: byField, errorSummary: [...summary, ...other.map((e) => ({ id: null, message: e.message }))] };
}

/** The radio buttons of the form: the three themes, each with its description. */
export const themeOptions = (selected: string) =>
  THEMES.map((theme) => ({ value: theme, checked: theme === selected }));

/**
 * The call select of the form: calls that are upcoming or open, by number, and the one the idea aims at
 * already (even once closed), so saving the form never drops it unasked.
 */
export function callOptions(calls: readonly { id: string; name: string; status: string }[], selected: string) {
  return calls.filter((c) => c.status === 'upcoming' || c.status === 'open' || c.id === selected)
    .map((c) => ({ value: c.id, name: c.name, selected: c.id === selected }));
}
