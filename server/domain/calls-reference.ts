// The programme's seven calls ship as reference data (partnerships/reference/calls-gzg.json); this puts
// them into a store, again and again without duplicates, for `npm run calls:load` and `seed:demo`.
import { newId } from '../store/ids.js';
import type { CallPatch, CallRecord, Store } from '../store/store.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import { brusselsOffset, type CallType } from './partnerships/calls.js';
import { gzgReference, type ReferenceCall } from './partnerships/reference.js';

/**
 * A Brussels calendar day at a wall-clock time, with the offset in force then (`2027-06-30T23:59:59+02:00`).
 * The offset is read at `utcHour` on that day, on the right side of the night's clock change: 0 for
 * the start of the day, 22 for its end.
 */
export const brusselsDayAt = (day: string, time: string, utcHour: number): string =>
  `${day}T${time}${brusselsOffset(new Date(`${day}T${String(utcHour).padStart(2, '0')}:00:00Z`))}`;

/** What applicants read about each type, in Dutch: the reference data holds facts, not texts. */
const ABOUT: Record<CallType, string> = {
  concept: 'Lokale besturen werken samen een innovatief digitaal concept uit en testen het, in hoogstens een jaar.',
  thematic: 'Lokale besturen voeren samen een thematisch digitaal project uit, in hoogstens drie jaar.',
  transformation: 'Lokale besturen transformeren samen hun digitale dienstverlening of werking op grote schaal.',
};

/** The stored form of a reference call, without id and timestamps. */
function fromReference(c: ReferenceCall): Omit<CallRecord, 'id' | 'createdAt' | 'updatedAt'> {
  return {
    number: c.number, name: c.name, type: c.type, themes: c.themes === null ? null : [...c.themes], opensAt: c.opensAt, closesAt: c.closesAt,
    decided: c.decided, decidedOn: c.decidedOn, maxSubsidyEur: c.maxSubsidyEur, maxDurationMonths: c.maxDurationMonths, realiseBy: c.realiseBy,
    rules: { ...c.rules }, description: ABOUT[c.type], sourceUrls: [...c.sources],
  };
}

export interface LoadReport { added: number[]; updated: number[]; unchanged: number[] }

/**
 * Adds each reference call that the store lacks (by number), brings one that differs back to the
 * reference, and leaves the others alone; each add and change goes to the audit log as the system's.
 */
export async function loadReferenceCalls(deps: { store: Store; clock: Clock; audit: Audit }, calls: readonly ReferenceCall[] = gzgReference().calls): Promise<LoadReport> {
  const { store, clock, audit } = deps;
  const report: LoadReport = { added: [], updated: [], unchanged: [] };
  for (const ref of calls) {
    const wanted = fromReference(ref);
    const found = await store.getCallByNumber(ref.number);
    if (!found) {
      const now = iso(clock);
      const call: CallRecord = { id: newId(), ...wanted, createdAt: now, updatedAt: now };
      await store.createCall(call);
      await audit.record(null, 'call.created', { type: 'call', id: call.id }, { number: call.number, name: call.name });
      report.added.push(ref.number);
      continue;
    }
    const patch: CallPatch = Object.fromEntries(Object.entries(wanted)
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(found[k as keyof CallRecord])));
    if (Object.keys(patch).length === 0) { report.unchanged.push(ref.number); continue; }
    await store.updateCall(found.id, patch, iso(clock));
    await audit.record(null, 'call.updated', { type: 'call', id: found.id }, { number: ref.number, name: ref.name, fields: Object.keys(patch).join(', ') });
    report.updated.push(ref.number);
  }
  return report;
}
