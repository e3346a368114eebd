import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS, isoString, stringId } from './common.js';

/** A timeline event of the live board; `seq` comes from the counter below (`_id` is the same number as text). */
export interface BoardEventDoc {
  _id: string;
  seq: number;
  kind: string;
  params: Record<string, string>;
  clusterId: number | null;
  ideaId: string | null;
  createdAt: string;
}

export function boardEventSchema(): Schema<BoardEventDoc> {
  const schema = new Schema<BoardEventDoc>({
    _id: stringId,
    seq: { type: Number, required: true },
    kind: { type: String, required: true },
    params: { type: Schema.Types.Mixed, default: {} },
    clusterId: { type: Number, default: null },
    ideaId: { type: String, default: null },
    createdAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'board_events' });
  schema.index({ seq: 1 }, { unique: true, name: 'board_events_seq' });
  return schema;
}

/** A named sequence (`{ _id: 'board_events', seq }`), raised with `$inc` so every instance draws from one numbering. */
export interface CounterDoc {
  _id: string;
  seq: number;
}
export const BOARD_EVENTS_COUNTER = 'board_events';

export function counterSchema(): Schema<CounterDoc> {
  return new Schema<CounterDoc>({ _id: stringId, seq: { type: Number, required: true } }, { ...SCHEMA_OPTIONS, collection: 'counters' });
}
