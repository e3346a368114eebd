/**
 * The board's timeline (schema: migration 4). `seq` is AUTOINCREMENT, so a number is never handed out
 * twice, even after the newest rows are gone: it can serve as the board's version.
 */
import type { BoardEvent, BoardPort, IdeaCounts, NewBoardEvent } from '../store.js';
import { toBoardEvent, type Db, type Row } from './mapping.js';

/**
 * The ideas per call for the board, with how many are endorsed by another organisation and how many
 * connected. Read from the index ideas_per_call alone (migration 12), already grouped by call.
 */
export const COUNT_IDEAS_BY_CALL = `
  SELECT i.call_id AS call_id, COUNT(*) AS ideas,
         SUM(EXISTS (SELECT 1 FROM endorsements e WHERE e.idea_id = i.id AND e.organisation_id <> i.organisation_id)) AS endorsed,
         SUM(EXISTS (SELECT 1 FROM connections c WHERE c.idea_id = i.id)) AS connected
  FROM ideas i WHERE i.status = 'open' AND i.hidden = 0
  GROUP BY i.call_id`;

export function boardAdapter(db: Db): BoardPort {
  // Prepared on first use: the table exists only once init() has migrated.
  const append = db.transaction((events: NewBoardEvent[]): BoardEvent[] => {
    const insert = db.prepare(`INSERT INTO board_events (kind, params, cluster_id, idea_id, created_at)
                               VALUES (@kind, @params, @clusterId, @ideaId, @createdAt)`);
    return events.map((e) => ({ ...e, seq: Number(insert.run({ ...e, params: JSON.stringify(e.params) }).lastInsertRowid) }));
  });

  return {
    async appendBoardEvents(events) {
      return events.length === 0 ? [] : append.immediate(events);
    },

    async listBoardEvents({ after, limit }) {
      const rows = after === undefined
        ? db.prepare('SELECT * FROM board_events ORDER BY seq DESC LIMIT ?').all(limit)
        : db.prepare('SELECT * FROM board_events WHERE seq > ? ORDER BY seq ASC LIMIT ?').all(after, limit);
      return (rows as Row[]).map(toBoardEvent);
    },

    // Both counts come from the (idea_id, …) unique indexes: no table rows are read.
    async countPerIdea(ideaIds) {
      const counts = new Map<string, IdeaCounts>();
      const entry = (id: string) => counts.get(id) ?? counts.set(id, { ideaId: id, endorsements: 0, connections: 0 }).get(id)!;
      if (ideaIds) {
        const e = db.prepare('SELECT COUNT(*) AS n FROM endorsements WHERE idea_id = ?').pluck();
        const c = db.prepare('SELECT COUNT(*) AS n FROM connections WHERE idea_id = ?').pluck();
        for (const id of new Set(ideaIds)) Object.assign(entry(id), { endorsements: Number(e.get(id)), connections: Number(c.get(id)) });
        return [...counts.values()];
      }
      for (const r of db.prepare('SELECT idea_id, COUNT(*) AS n FROM endorsements GROUP BY idea_id').all() as Row[]) entry(String(r.idea_id)).endorsements = Number(r.n);
      for (const r of db.prepare('SELECT idea_id, COUNT(*) AS n FROM connections GROUP BY idea_id').all() as Row[]) entry(String(r.idea_id)).connections = Number(r.n);
      return [...counts.values()];
    },

    async countAll() {
      return {
        endorsements: Number(db.prepare('SELECT COUNT(*) FROM endorsements').pluck().get()),
        connections: Number(db.prepare('SELECT COUNT(*) FROM connections').pluck().get()),
      };
    },

    // One pass over the index ideas_per_call; each EXISTS is answered by an (idea_id, …) unique index.
    async countIdeasByCall() {
      const rows = db.prepare(COUNT_IDEAS_BY_CALL).all() as Row[];
      return rows.map((r) => ({ callId: r.call_id === null ? null : String(r.call_id), ideas: Number(r.ideas), endorsed: Number(r.endorsed), connected: Number(r.connected) }));
    },
  };
}
