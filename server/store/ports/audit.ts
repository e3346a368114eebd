/**
 * The audit port: the append-only record of what the programme team (or the system) did, read by
 * moderation and the admin pages (domain/audit.ts). Hiding an idea itself is an `updateIdea`.
 */

/** One thing the programme team (or the system) did, kept for the record. `details` are short strings. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;   // null: the system
  actorName: string;        // as it was at the time
  action: string;           // 'idea.hidden', 'cluster.renamed', 'invitation.created', … (see domain/audit.ts)
  targetType: string;       // 'idea', 'cluster', 'invitation', 'user', 'export'
  targetId: string;
  details: Record<string, string>;
}

export interface AuditQuery {
  limit: number;            // 1..200
  before?: string;          // an entry id: only entries older than it (the next page)
  targetType?: string;
  targetId?: string;
  actions?: string[];       // only these actions
}

export interface AuditPort {
  /** Append-only: entries are never changed or removed. Throws on a taken id. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first (at, then id, descending); `before`: only entries older than the entry with that id. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
}
