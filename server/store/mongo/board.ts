/**
 * The board's timeline. The numbers come from one counter document raised atomically with `$inc` by
 * the size of the batch, so instances never share a number; a crash between the two writes leaves a
 * gap, which the board tolerates (versions only need to grow).
 */
import { BOARD_EVENTS_COUNTER, type BoardEventDoc, type Models } from '../../../models/index.js';
import type { BoardEvent, BoardPort, IdeaCounts } from '../store.js';
import { toBoardEvent } from './mapping.js';

export function boardAdapter(m: Models): BoardPort {
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

    // Grouped on the (ideaId, …) unique indexes.
    async countPerIdea(ideaIds) {
      const match = ideaIds ? [{ $match: { ideaId: { $in: [...new Set(ideaIds)] } } }] : [];
      const group = [...match, { $group: { _id: '$ideaId', n: { $sum: 1 } } }];
      const [e, c] = await Promise.all([
        m.Endorsement.aggregate<{ _id: string; n: number }>(group),
        m.Connection.aggregate<{ _id: string; n: number }>(group),
      ]);
      const counts = new Map<string, IdeaCounts>((ideaIds ?? []).map((id) => [id, { ideaId: id, endorsements: 0, connections: 0 }]));
      const entry = (id: string) => counts.get(id) ?? counts.set(id, { ideaId: id, endorsements: 0, connections: 0 }).get(id)!;
      for (const r of e) entry(r._id).endorsements = r.n;
      for (const r of c) entry(r._id).connections = r.n;
      return [...counts.values()];
    },

    async countAll() {
      const [endorsements, connections] = await Promise.all([m.Endorsement.countDocuments({}), m.Connection.countDocuments({})]);
      return { endorsements, connections };
    },

    // Grouped in the database: each listed idea looks up at most one endorsement by another organisation and one connection.
    async countIdeasByCall() {
      const rows = await m.Idea.aggregate<{ _id: string | null; ideas: number; endorsed: number; connected: number }>([
        { $match: { status: 'open', hidden: false } },
        { $project: { callId: { $ifNull: ['$callId', null] }, organisationId: 1 } },
        { $lookup: { from: m.Endorsement.collection.name, let: { idea: '$_id', org: '$organisationId' }, as: 'e', pipeline: [
          { $match: { $expr: { $and: [{ $eq: ['$ideaId', '$$idea'] }, { $ne: ['$organisationId', '$$org'] }] } } }, { $limit: 1 }, { $project: { _id: 1 } },
        ] } },
        { $lookup: { from: m.Connection.collection.name, localField: '_id', foreignField: 'ideaId', as: 'c', pipeline: [{ $limit: 1 }, { $project: { _id: 1 } }] } },
        { $group: {
          _id: '$callId', ideas: { $sum: 1 },
          endorsed: { $sum: { $cond: [{ $gt: [{ $size: '$e' }, 0] }, 1, 0] } },
          connected: { $sum: { $cond: [{ $gt: [{ $size: '$c' }, 0] }, 1, 0] } },
        } },
      ]);
      return rows.map((r) => ({ callId: r._id ?? null, ideas: r.ideas, endorsed: r.endorsed, connected: r.connected }));
    },
  };
}
