/**
 * The calls port: the programme's calls for proposals, kept as records the programme team manages.
 * Their rules (status, countdown, submission checks) live in domain/partnerships/calls.ts.
 */
import type { Theme } from './ideas.js';

export type CallKind = 'concept' | 'thematic' | 'transformation';

/** One call. Times keep the Brussels offset they were given (`2026-12-31T23:59:59+01:00`), not UTC. */
export interface CallRecord {
  id: string;
  /** The programme's own numbering (Oproep 1, 2 …); unique. */
  number: number;
  name: string;
  type: CallKind;
  themes: Theme[] | null;   // null: every theme
  opensAt: string | null;
  closesAt: string;
  decided: boolean;
  decidedOn: string | null; // YYYY-MM-DD (Brussels)
  maxSubsidyEur: number;
  maxDurationMonths: number | null;
  realiseBy: string | null; // YYYY-MM-DD
  rules: { minPartners?: number; maxPartners?: number };
  /** What applicants read: the call's aim and its rules in words. */
  description: string;
  sourceUrls: string[];
  createdAt: string;
  updatedAt: string;
}

export type CallPatch = Partial<Omit<CallRecord, 'id' | 'createdAt' | 'updatedAt'>>;

export interface CallsPort {
  /** Throws StoreConflictError('call') on a taken id or number. */
  createCall(call: CallRecord): Promise<void>;
  getCall(id: string): Promise<CallRecord | null>;
  getCallByNumber(number: number): Promise<CallRecord | null>;
  /** Every call, by number. */
  listCalls(): Promise<CallRecord[]>;
  /** Null when the call does not exist; StoreConflictError('call') when the new number is taken. */
  updateCall(id: string, patch: CallPatch, updatedAt: string): Promise<CallRecord | null>;
}
