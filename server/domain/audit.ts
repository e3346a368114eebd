// The programme team's actions must stay traceable afterwards: one append-only log every feature writes to.
import { z } from 'zod';
import { newId } from '../store/ids.js';
import type { AuditEntry, Store } from '../store/store.js';
import type { Actor, Viewer } from './actor.js';
import { iso, type Clock } from './clock.js';
import { parse } from './validation.js';
import { requireProgramme } from './rules/who-may-act.js';

/**
 * The audit log: every moderation, cluster and account action of the programme team, append-only.
 *
 *   await services.audit.record(req.actor, 'user.deactivated', { type: 'user', id: user.id }, { email: user.email });
 *
 * `record` never throws for a bad detail: values are cut to 500 characters and non-strings become text,
 * so writing the record cannot break the action it describes. The action names below are the ones the
 * audit page knows how to read (`moderation.audit.action.<name>`); others show as they are.
 */
export const AUDIT_ACTIONS = [
  'idea.hidden', 'idea.unhidden',
  'cluster.renamed', 'cluster.label_reset', 'cluster.label_restored', 'cluster.introduced',
  'invitation.created', 'invitation.resent', 'invitation.revoked',
  'user.deactivated', 'user.reactivated', 'user.data_exported', 'user.data_erased',
  'export.downloaded',
  'call.created', 'call.updated', 'referral.made',
  'partnership.opened', 'partnership.updated', 'partnership.invited', 'partnership.invitation_accepted', 'partnership.invitation_declined',
  'partnership.join_requested', 'partnership.join_accepted', 'partnership.join_declined', 'partnership.lead_offered',
  'partnership.lead_accepted', 'partnership.lead_declined', 'partnership.lead_offer_withdrawn', 'partnership.left', 'partnership.status_changed',
  'project.created', 'project.updated', 'project.join_requested', 'project.join_answered',
  'check_in.requested', 'check_in.confirmed', 'check_in.proposed', 'check_in.accepted', 'check_in.asked_again', 'check_in.cancelled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditTarget { type: string; id: string }

export const AUDIT_LIMITS = { pageSize: 50, maxPageSize: 200, detail: 500 } as const;

/** What the audit page filters on: the kind of thing acted on (the part of the action name before the dot). */
export const AUDIT_KINDS = ['idea', 'cluster', 'invitation', 'user', 'export', 'call', 'partnership', 'project', 'check_in', 'referral'] as const;
export const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(AUDIT_LIMITS.maxPageSize).default(AUDIT_LIMITS.pageSize),
  before: z.string().trim().min(1).max(64).optional(),
  kind: z.enum(AUDIT_KINDS).optional(),
}).strip();

export interface AuditDeps {
  store: Store;
  clock: Clock;
}

export function createAudit({ store, clock }: AuditDeps) {
  return {
    /** Appends one entry; `actor` null is the system. Returns the entry written. */
    async record(actor: Pick<Actor, 'id' | 'name'> | null, action: AuditAction | (string & {}), target: AuditTarget, details: Record<string, unknown> = {}): Promise<AuditEntry> {
      const entry: AuditEntry = {
        id: newId(), at: iso(clock), actorId: actor?.id ?? null, actorName: actor?.name ?? 'system',
        action, targetType: target.type, targetId: target.id, details: cleanDetails(details),
      };
      await store.appendAudit(entry);
      return entry;
    },

    /** Programme team only: newest first, `limit` per page, `before` an entry id (the last of the previous page), `kind` one of AUDIT_KINDS. */
    async list(actor: Viewer, input: unknown): Promise<{ items: AuditEntry[]; next: string | null }> {
      requireProgramme(actor);
      const q = parse(querySchema, input ?? {});
      // One extra tells whether there is a next page without counting.
      const actions = q.kind ? AUDIT_ACTIONS.filter((a) => a.startsWith(`${q.kind}.`)) : undefined;
      const rows = await store.listAudit({ limit: q.limit + 1, ...(q.before ? { before: q.before } : {}), ...(actions ? { actions: [...actions] } : {}) });
      const items = rows.slice(0, q.limit);
      return { items, next: rows.length > q.limit ? items[items.length - 1]!.id : null };
    },

    /** The entries about one target, newest first (e.g. an idea's moderation, a cluster's label history). */
    forTarget(target: AuditTarget, actions?: readonly string[], limit = 20): Promise<AuditEntry[]> {
      return store.listAudit({ limit, targetType: target.type, targetId: target.id, ...(actions ? { actions: [...actions] } : {}) });
    },
  };
}

function cleanDetails(details: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined) continue;
    const text = v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    out[k] = text.length > AUDIT_LIMITS.detail ? text.slice(0, AUDIT_LIMITS.detail) : text;
  }
  return out;
}

export type Audit = ReturnType<typeof createAudit>;
