/**
 * The MongoDB side of the calls for proposals (models/calls.ts). Mirrors store/sqlite/calls.ts: a
 * taken id or number is StoreConflictError('call').
 */
import type { CallDoc, Models } from '../../../models/index.js';
import type { CallRecord, CallsPort } from '../store.js';
import { conflictAs } from './conflicts.js';

type Lean = CallDoc & { _id: string };

/** A plain record in the port's field order, whatever mongoose gave back (no `_id`, no subdocument prototypes). */
function toCall(d: Lean): CallRecord {
  return {
    id: d._id, number: d.number, name: d.name, type: d.type, themes: d.themes === null || d.themes === undefined ? null : [...d.themes],
    opensAt: d.opensAt ?? null, closesAt: d.closesAt, decided: d.decided, decidedOn: d.decidedOn ?? null,
    maxSubsidyEur: d.maxSubsidyEur, maxDurationMonths: d.maxDurationMonths ?? null, realiseBy: d.realiseBy ?? null,
    rules: JSON.parse(JSON.stringify(d.rules ?? {})) as CallRecord['rules'], description: d.description ?? '',
    sourceUrls: [...(d.sourceUrls ?? [])], createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

export function callsAdapter(m: Models): CallsPort {
  const getCall = async (id: string) => {
    const d = await m.Call.findOne({ _id: { $eq: id } }).lean<Lean>();
    return d ? toCall(d) : null;
  };
  return {
    async createCall(call) {
      const { id, ...rest } = structuredClone(call);
      await conflictAs('call', () => m.Call.insertMany([{ _id: id, ...rest }]));
    },

    getCall,

    async getCallByNumber(number) {
      const d = await m.Call.findOne({ number: { $eq: number } }).lean<Lean>();
      return d ? toCall(d) : null;
    },

    async listCalls() {
      return (await m.Call.find({}).sort({ number: 1 }).lean<Lean[]>()).map(toCall);
    },

    async updateCall(id, patch, updatedAt) {
      const set = { ...structuredClone(patch), updatedAt };
      const d = await conflictAs('call', () => m.Call.findOneAndUpdate({ _id: { $eq: id } }, { $set: set }, { new: true }).lean<Lean>());
      return d ? toCall(d) : null;
    },
  };
}
