import { BOARD_EVENTS_COUNTER, type BoardEventDoc, type Models } from '../../../models/index.js';
import type { BoardEvent, Store } from '../store.js';

export type BoardMethods = Pick<Store, 'appendBoardEvents' | 'listBoardEvents'>;

const toBoardEvent = (d: BoardEventDoc): BoardEvent => ({
  seq: d.seq,
  kind: d.kind,
  params: { ...(d.params ?? {}) },
  clusterId: d.clusterId ?? null,
  ideaId: d.ideaId ?? null,
  createdAt: d.createdAt,
});

/**
 * The board's timeline. The numbers come from one counter document raised atomically with `$inc` by
 * the size of the batch, so instances never share a number; a crash between the two writes leaves a
 * gap, which the board tolerates (versions only need to grow).
 */
export function boardMethods(m: Models): BoardMethods {
  return {
    async appendBoardEvents(events) {
      if (events.length === 0) return [];
      const counter = await m.Counter.findOneAndUpdate(
        { _id: { $eq: BOARD_EVENTS_COUNTER } },
        { $inc: { seq: events.length } },
        { upsert: true, new: true, lean: true },
      );
      const first = counter!.seq - events.length + 1;
      const out: BoardEvent[] = events.map((e, i) => ({ ...e, seq: first + i }));
      await m.BoardEvent.insertMany(out.map((e) => ({ _id: String(e.seq), ...e })));
      return out;
    },

    async listBoardEvents({ after, limit }) {
      const docs = after === undefined
        ? await m.BoardEvent.find().sort({ seq: -1 }).limit(limit).lean()
        : await m.BoardEvent.find({ seq: { $gt: after } }).sort({ seq: 1 }).limit(limit).lean();
      return docs.map((d) => toBoardEvent(d as BoardEventDoc));
    },
  };
}
