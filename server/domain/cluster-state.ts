// Several instances share one saved cluster state: a save here never silently overwrites another's.
import type { Logger } from 'pino';
import type { MatchingEngine } from '../engine/engine.js';
import type { EngineState } from '../engine/types.js';
import { StoreVersionError, type Store } from '../store/store.js';
import { iso, type Clock } from './clock.js';

export interface ClusterStateDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  engine: Pick<MatchingEngine, 'state' | 'stateJson' | 'clusters' | 'setLabel'>;
}

/**
 * The engine's cluster state as saved in the store. Several instances share the store, so every save
 * names the version it replaces (optimistic versions) and one saved by someone else meanwhile is merged,
 * never silently overwritten.
 *
 * Label overrides are the part every instance changes (the leader saves its own with the whole state, a
 * follower writes its own into the stored state), and the store's order decides between them: the
 * label saved last wins, on every instance. So, per cluster, this instance remembers a label it changed
 * and has not saved yet (that save comes after whatever is stored now: it wins a conflict, and a label
 * from elsewhere does not replace it meanwhile), and the store version of a label it took from another
 * instance (an older one that arrives late is not taken, nor the older stored one on a conflict).
 */
export function createClusterState({ store, clock, logger, engine }: ClusterStateDeps) {
  let storedVersion: number | null = null;        // the ClusterState version in the store
  let saving: Promise<void> = Promise.resolve();
  let changes = 0;
  /** Labels changed here whose save has not finished: cluster -> the label and its change number. */
  const unsaved = new Map<number, { label: string | null; n: number }>();
  /** Labels taken from another instance's save later than `labelsAsOf`: cluster -> the label and that store version. */
  const newer = new Map<number, { label: string | null; at: number }>();
  /** Every label held here includes the label saves up to this store version. */
  let labelsAsOf = 0;
  const asOf = (clusterId: number) => newer.get(clusterId)?.at ?? labelsAsOf;

  function labelsAt(version: number): void {
    labelsAsOf = Math.max(labelsAsOf, version);
    for (const [id, l] of newer) if (l.at <= labelsAsOf) newer.delete(id);
  }

  /** Takes the labels of a stored state where this instance holds nothing later; returns the clusters whose label changed. */
  function takeStored(version: number, clusters: EngineState['clusters']): number[] {
    const held = new Map(engine.clusters().map((c) => [c.id, c.override]));
    const changed: number[] = [];
    for (const c of clusters) {
      if (unsaved.has(c.id) || asOf(c.id) > version || held.get(c.id) === c.override) continue;
      if (engine.setLabel(c.id, c.override)) changed.push(c.id);
    }
    labelsAt(version);
    return changed;
  }

  /** Saves the whole state (the leader); on a conflict merges the labels as above and saves over it once. */
  async function save(): Promise<number | null> {
    const upTo = changes;
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const state = { version: (storedVersion ?? 0) + 1, state: engine.stateJson(), updatedAt: iso(clock) };
        try {
          await store.saveClusterState(state, storedVersion);
        } catch (err) {
          // Another instance saved meanwhile: a label set there, or a leader that has just handed over.
          if (!(err instanceof StoreVersionError)) throw err;
          logger.warn({ stored: err.currentVersion }, 'matching: cluster state was saved by someone else meanwhile');
          storedVersion = err.currentVersion;
          const saved = await store.getClusterState();
          if (saved) {
            storedVersion = saved.version;
            takeStored(saved.version, (JSON.parse(saved.state) as EngineState).clusters);
          }
          continue;
        }
        storedVersion = state.version;
        labelsAt(state.version);
        return state.version;
      }
      return null;
    } finally {
      // Saved, or given up: either way no longer on its way to the store.
      for (const [id, l] of unsaved) if (l.n <= upTo) unsaved.delete(id);
    }
  }

  return {
    /** The version in the store as this instance last saved, loaded or followed it (null: none yet). */
    get storedVersion(): number | null { return storedVersion; },
    set storedVersion(v: number | null) { storedVersion = v; },

    /** A label set on this instance (null: back to the automatic one); false when there is no such cluster. Save it next. */
    setLabel(clusterId: number, label: string | null): boolean {
      if (!engine.setLabel(clusterId, label)) return false;
      unsaved.set(clusterId, { label, n: ++changes });
      return true;
    },

    /**
     * A label set on another instance and saved there as store version `stored` (null: not saved).
     * Not taken when this instance changed that label since (its save comes later) or holds one saved
     * later. Returns whether it was taken.
     */
    labelFrom(clusterId: number, label: string | null, stored: number | null): boolean {
      if (unsaved.has(clusterId) || (stored !== null && stored <= asOf(clusterId))) return false;
      if (!engine.setLabel(clusterId, label)) return false;
      if (stored === null) return true;
      newer.set(clusterId, { label, at: stored });
      // That label was the only save since the one noted here: the note follows, and the next save does not conflict.
      if (storedVersion === stored - 1) storedVersion = stored;
      return true;
    },

    /** The stored state `version` holds these labels; takes those where this instance has nothing later. Returns the clusters whose label changed. */
    takeStored(version: number, clusters: EngineState['clusters']): number[] {
      storedVersion = Math.max(storedVersion ?? 0, version);
      return takeStored(version, clusters);
    },

    /** The engine was just restored from the stored state `version`: the labels this instance holds from later are put back. */
    restored(version: number): void {
      storedVersion = version;
      labelsAsOf = version;
      for (const [id, l] of newer) if (l.at > version) engine.setLabel(id, l.label); else newer.delete(id);
      for (const [id, l] of unsaved) engine.setLabel(id, l.label);
    },

    /** Saves the engine's state after the saves already under way; never rejects (failures are logged). Resolves with the version saved (null: not saved). */
    persist(): Promise<number | null> {
      const run = saving.then(save);
      saving = run.then(() => undefined, (err: unknown) => { logger.error({ err }, 'matching: saving cluster state failed'); });
      return run.catch(() => null);
    },

    /** A follower's label: written into the stored state as it is (never over it with this engine's possibly older state). Resolves with the version saved (null: not saved). */
    async saveLabel(clusterId: number): Promise<number | null> {
      const change = unsaved.get(clusterId);
      try {
        for (let attempt = 0; attempt < 3; attempt++) {
          const saved = await store.getClusterState();
          const state = saved ? JSON.parse(saved.state) as EngineState : engine.state();
          const label = engine.clusters().find((c) => c.id === clusterId)?.override ?? null;
          const cluster = state.clusters.find((c) => c.id === clusterId);
          if (cluster) cluster.override = label;
          const version = (saved?.version ?? 0) + 1;
          try {
            await store.saveClusterState({ version, state: JSON.stringify(state), updatedAt: iso(clock) }, saved?.version ?? null);
          } catch (err) {
            if (!(err instanceof StoreVersionError)) throw err;
            continue;
          }
          // Only this label changed since the stored version noted here, if that was the one before.
          if (storedVersion === version - 1) storedVersion = version;
          if (version > asOf(clusterId)) newer.set(clusterId, { label, at: version });
          return version;
        }
        logger.warn({ clusterId }, 'matching: cluster label not saved (the state kept changing); the leader saves it with its next recompute');
        return null;
      } finally {
        if (change && unsaved.get(clusterId) === change) unsaved.delete(clusterId);
      }
    },

    /** The last save started so far: resolves when every save up to now is done. */
    get saving(): Promise<void> { return saving; },
  };
}

export type ClusterState = ReturnType<typeof createClusterState>;
