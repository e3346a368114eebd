// Matching runs alone or as one of several instances sharing one store: this port is all it knows of
// the others. server/scale-out/ implements it on Redis; ALONE is the single instance.
import type { RecomputeResult } from '../../engine/types.js';

/**
 * Only the leader recomputes and saves the clusters; the others follow it (server/scale-out/ hands them
 * the leader's results through matching's `follow`, `loadSaved`, `ideaChangedElsewhere` and
 * `labelSetElsewhere`). The hooks tell the other instances what this one did.
 */
export interface RecomputeCoordination {
  /** Whether this instance runs the full recomputes now. */
  isLeader(): boolean;
  /** The leader adopted and saved a recompute; `result.state` is the engine's state as saved. */
  recomputed(event: { result: RecomputeResult; storedVersion: number }): void;
  /** A label override was set on this instance; `stored`: the store version that holds it (null: not saved). */
  labelSet(event: { clusterId: number; label: string | null; stored: number | null }): void;
}

/** One instance: it always recomputes, and there is nobody to tell. */
export const ALONE: RecomputeCoordination = {
  isLeader: () => true,
  recomputed: () => undefined,
  labelSet: () => undefined,
};
