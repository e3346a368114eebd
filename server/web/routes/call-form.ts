// The call form speaks in days and text boxes; the calls service speaks in Brussels instants and numbers.
// This turns one into the other both ways, so the pages' routes stay short.
import type { CallView } from '../../domain/calls.js';
import { brusselsDayAt } from '../../domain/calls-reference.js';
import { brusselsDate } from '../../domain/partnerships/calls.js';
import { THEMES } from '../../store/store.js';

type Body = Record<string, unknown>;
export type CallFormValues = Record<string, string | string[] | boolean>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A number when the box holds one; the text itself otherwise, so the error names the field; absent when empty. */
const num = (v: unknown): number | string | undefined => { const s = str(v); return s === '' ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s; };
const instant = (v: unknown, time: string, utcHour: number): string | undefined => {
  const s = str(v);
  return s === '' ? undefined : DAY.test(s) ? brusselsDayAt(s, time, utcHour) : s;
};

/** What the form posted, as the service's input; empty boxes are left out (on an edit: left as they were). */
export function callInput(body: Body, editing: boolean): Body {
  const themes = ([] as unknown[]).concat(body.themes ?? []).map(str).filter((t) => t !== '');
  const input: Body = {
    number: num(body.number), name: str(body.name), type: str(body.type) || undefined,
    themes: themes.length ? themes : null,
    opensAt: instant(body.opensAt, '00:00:00', 0) ?? null, closesAt: instant(body.closesAt, '23:59:59', 22),
    decided: body.decided === 'on' || body.decided === 'true', decidedOn: str(body.decidedOn) || null,
    maxSubsidyEur: num(body.maxSubsidyEur), maxDurationMonths: num(body.maxDurationMonths), realiseBy: str(body.realiseBy) || undefined,
    rules: Object.fromEntries(Object.entries({ minPartners: num(body.minPartners), maxPartners: num(body.maxPartners) }).filter(([, v]) => v !== undefined)),
    description: typeof body.description === 'string' ? body.description : '',
    sourceUrls: str(body.sourceUrls).split(/\s*\n\s*/).filter((u) => u !== ''),
  };
  if (!editing && input.closesAt === undefined) input.closesAt = '';
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** What was typed, to show again after a refusal. */
export function typedValues(body: Body): CallFormValues {
  const values: CallFormValues = {};
  for (const k of ['number', 'name', 'type', 'opensAt', 'closesAt', 'decidedOn', 'maxSubsidyEur', 'maxDurationMonths', 'realiseBy', 'minPartners', 'maxPartners', 'description', 'sourceUrls']) {
    values[k] = typeof body[k] === 'string' ? (body[k] as string) : '';
  }
  values.themes = ([] as unknown[]).concat(body.themes ?? []).map(str);
  values.decided = body.decided === 'on';
  return values;
}

/** A stored call in the form's boxes. */
export function callValues(c: CallView): CallFormValues {
  const day = (iso: string | null) => (iso ? brusselsDate(new Date(iso)) : '');
  return {
    number: String(c.number), name: c.name, type: c.type, themes: c.themes ?? [], opensAt: day(c.opensAt), closesAt: day(c.closesAt),
    decided: c.decided, decidedOn: c.decidedOn ?? '', maxSubsidyEur: String(c.maxSubsidyEur), maxDurationMonths: c.maxDurationMonths === null ? '' : String(c.maxDurationMonths),
    realiseBy: c.realiseBy ?? '', minPartners: c.rules.minPartners === undefined ? '' : String(c.rules.minPartners),
    maxPartners: c.rules.maxPartners === undefined ? '' : String(c.rules.maxPartners), description: c.description, sourceUrls: c.sourceUrls.join('\n'),
  };
}

/** The service names `rules.minPartners` and `sourceUrls.2`; the form's boxes are `minPartners` and `sourceUrls`. */
export const formField = (field: string): string => field.replace(/^rules\./, '').replace(/\.\d+$/, '');

export const THEME_CHOICES = THEMES;
