// The programme team manages the calls for proposals; everyone, visitors included, reads them with
// their status and countdown as the rules in partnerships/calls.ts compute them.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { newId } from '../store/ids.js';
import { StoreConflictError, THEMES, type CallPatch, type CallRecord, type Store, type Theme } from '../store/store.js';
import type { Viewer } from './actor.js';
import type { Audit } from './audit.js';
import type { DomainBus } from './events.js';
import { iso, type Clock } from './clock.js';
import { CALL_TYPES, CALL_TYPES_IN_ORDER, callStatus, countdown, nextCall, openCall, type CallStatus, type CallType, type Countdown } from './partnerships/calls.js';
import { cleaned, parse, text } from './validation.js';
import { requireProgramme } from './rules/who-may-act.js';

// Brussels time written out, as in the reference data: a time without its offset means something else on each machine.
const instant = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, 'calls.errors.instant')
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'calls.errors.instant' })
  .openapi({ example: '2026-12-31T23:59:59+01:00' });
const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'calls.errors.day')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: 'calls.errors.day' });
const partners = z.number().int().min(1).max(300);

export const CALL_LIMITS = { name: 140, description: 4000, sources: 10 } as const;

const callFields = {
  number: z.number().int().min(1).max(9999),
  name: text(3, CALL_LIMITS.name),
  type: z.enum(CALL_TYPES_IN_ORDER as [CallType, ...CallType[]]),
  themes: z.array(z.enum(THEMES as [Theme, ...Theme[]])).min(1).max(THEMES.length).nullable(),
  opensAt: instant.nullable(),
  closesAt: instant,
  decided: z.boolean(),
  decidedOn: day.nullable(),
  maxSubsidyEur: z.number().nonnegative().max(100_000_000),
  maxDurationMonths: z.number().int().min(1).max(120).nullable(),
  realiseBy: day.nullable(),
  rules: z.object({ minPartners: partners.optional(), maxPartners: partners.optional() }).strict(),
  description: cleaned(z.string().trim().max(CALL_LIMITS.description)),
  sourceUrls: z.array(z.string().trim().url().regex(/^https?:\/\//, 'errors.field.invalid_format')).max(CALL_LIMITS.sources),
};

/** A new call: number, name, type and closing time; the caps default to the type's, the rest to none. */
export const createCallSchema = z.object({
  ...callFields,
  themes: callFields.themes.default(null),
  opensAt: callFields.opensAt.default(null),
  decided: callFields.decided.default(false),
  decidedOn: callFields.decidedOn.default(null),
  maxSubsidyEur: callFields.maxSubsidyEur.optional(),
  maxDurationMonths: callFields.maxDurationMonths.optional(),
  realiseBy: callFields.realiseBy.optional(),
  rules: callFields.rules.default({}),
  description: callFields.description.default(''),
  sourceUrls: callFields.sourceUrls.default([]),
}).strict();

/** Any of the fields; what is left out stays. */
export const updateCallSchema = z.object(callFields).partial().strict();

/** What no single field can say: a call closes after it opens, and asks no more partners than it allows. */
function checkWhole(c: CallRecord): void {
  const fields: Record<string, { key: string }> = {};
  if (c.opensAt !== null && Date.parse(c.opensAt) >= Date.parse(c.closesAt)) fields.closesAt = { key: 'calls.errors.closes_before_opening' };
  const { minPartners, maxPartners } = c.rules;
  if (minPartners !== undefined && maxPartners !== undefined && minPartners > maxPartners) fields['rules.maxPartners'] = { key: 'calls.errors.max_below_min' };
  if (Object.keys(fields).length) throw new AppError('validation_failed', 'errors.validation_failed', { fields });
}

/** A call as everyone reads it: the record with its status and time left, both at the clock's now. */
export interface CallView extends CallRecord {
  status: CallStatus;
  countdown: Countdown | null;
}

export interface CallsDeps {
  store: Store;
  clock: Clock;
  audit: Audit;
  /** Told of every call added or changed ('call:changed'), so the board's funnel lists it at once. */
  bus?: DomainBus;
}

export function createCalls({ store, clock, audit, bus }: CallsDeps) {
  const view = (call: CallRecord, now = clock.now()): CallView => ({ ...call, status: callStatus(call, now), countdown: countdown(call, now) });

  const numberTaken = (number: number) => new AppError('conflict', 'calls.errors.number_taken', {
    params: { number }, fields: { number: { key: 'calls.errors.number_taken', params: { number } } },
  });

  async function save(write: () => Promise<CallRecord | null>, number: number): Promise<CallRecord | null> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof StoreConflictError) throw numberTaken(number);
      throw err;
    }
  }

  return {
    /** Every call by number; public. */
    async list(): Promise<CallView[]> {
      const now = clock.now();
      return (await store.listCalls()).map((c) => view(c, now));
    },

    async get(id: string): Promise<CallView> {
      const call = id.length <= 64 ? await store.getCall(id) : null;
      if (!call) throw new AppError('not_found', 'calls.errors.not_found');
      return view(call);
    },

    /** The call the home page and the board show: the open one, else the next to open, else none. */
    async current(): Promise<{ call: CallView; open: boolean } | null> {
      const now = clock.now();
      const calls = await store.listCalls();
      const open = openCall(calls, now);
      if (open) return { call: view(open, now), open: true };
      const next = nextCall(calls, now);
      return next ? { call: view(next, now), open: false } : null;
    },

    /** The open call only (null when none is), for the home page and the board. */
    async open(): Promise<CallView | null> {
      const now = clock.now();
      const found = openCall(await store.listCalls(), now);
      return found ? view(found, now) : null;
    },

    /** True when the call exists (an idea may aim at it). */
    async exists(id: string): Promise<boolean> {
      return id.length <= 64 && (await store.getCall(id)) !== null;
    },

    async create(viewer: Viewer, input: unknown): Promise<CallView> {
      const actor = requireProgramme(viewer);
      const data = parse(createCallSchema, input ?? {});
      const caps = CALL_TYPES[data.type];
      const now = iso(clock);
      const call: CallRecord = {
        id: newId(), ...data, maxSubsidyEur: data.maxSubsidyEur ?? caps.maxSubsidyEur,
        maxDurationMonths: data.maxDurationMonths === undefined ? caps.maxDurationMonths : data.maxDurationMonths,
        realiseBy: data.realiseBy === undefined ? caps.realiseBy : data.realiseBy, createdAt: now, updatedAt: now,
      };
      checkWhole(call);
      await save(async () => { await store.createCall(call); return call; }, call.number);
      await audit.record(actor, 'call.created', { type: 'call', id: call.id }, { number: call.number, name: call.name });
      bus?.emit('call:changed', { callId: call.id });
      return view(call);
    },

    async update(viewer: Viewer, id: string, input: unknown): Promise<CallView> {
      const actor = requireProgramme(viewer);
      const patch: CallPatch = parse(updateCallSchema, input ?? {});
      const found = id.length <= 64 ? await store.getCall(id) : null;
      if (!found) throw new AppError('not_found', 'calls.errors.not_found');
      checkWhole({ ...found, ...patch });
      const updated = await save(() => store.updateCall(id, patch, iso(clock)), patch.number ?? found.number);
      if (!updated) throw new AppError('not_found', 'calls.errors.not_found');
      const changed = Object.keys(patch).filter((k) => JSON.stringify(patch[k as keyof CallPatch]) !== JSON.stringify(found[k as keyof CallRecord]));
      await audit.record(actor, 'call.updated', { type: 'call', id }, { number: updated.number, name: updated.name, fields: changed.join(', ') });
      bus?.emit('call:changed', { callId: id });
      return view(updated);
    },
  };
}

export type Calls = ReturnType<typeof createCalls>;
