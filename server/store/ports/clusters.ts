/**
 * The cluster state port: what the matching engine persists so cluster ids and labels survive a
 * restart and are shared by every instance (domain/cluster-state.ts).
 */

/** The engine's persisted state; `state` is its own JSON, opaque to the store. */
export interface ClusterState {
  version: number;
  state: string;
  updatedAt: string;
}

export interface ClusterStatePort {
  /** The engine's persisted cluster state, or null before the first save. */
  getClusterState(): Promise<ClusterState | null>;
  /**
   * Optimistic write: succeeds only when the stored version equals `expectedVersion` (null: nothing
   * stored yet). Otherwise StoreVersionError with the stored version (0 when nothing is stored).
   */
  saveClusterState(state: ClusterState, expectedVersion: number | null): Promise<void>;
}
