import type { Logger } from 'pino';
import type { MatchingEngine } from '../engine/engine.js';
import type { EngineState } from '../engine/types.js';
import { StoreVersionError, type Store } from '../store/store.js';
import { iso, type Clock } from './clock.js';

export interface ClusterStateDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  engine: Pick<MatchingEngine, 'state' | 'clusters' | 'setLabel'>;
}

/**
 * The engine's cluster state as saved in the store. Several instances share the store, so every save
 * names the version it replaces (optimistic versions) and one saved by someone else meanwhile is merged,
 * never silently overwritten.
 */
export function createClusterState({ store, clock, logger, engine }: ClusterStateDeps) {
  let storedVersion: number | null = null;        // the ClusterState version in the store
  let saving: Promise<void> = Promise.resolve();

  async function save(retry: boolean): Promise<void> {
    const state = { version: (storedVersion ?? 0) + 1, state: JSON.stringify(engine.state()), updatedAt: iso(clock) };
    try {
      await store.saveClusterState(state, storedVersion);
      storedVersion = state.version;
    } catch (err) {
      // Another instance saved meanwhile: a label set there, or a leader that has just handed over.
      // Keep the label overrides it saved, then save over it once.
      if (!(err instanceof StoreVersionError)) throw err;
      logger.warn({ stored: err.currentVersion }, 'matching: cluster state was saved by someone else meanwhile');
      storedVersion = err.currentVersion;
      const saved = await store.getClusterState();
      if (saved) {
        storedVersion = saved.version;
        for (const c of (JSON.parse(saved.state) as EngineState).clusters) if (c.override !== null) engine.setLabel(c.id, c.override);
      }
      if (retry) await save(false);
    }
  }

  return {
    /** The version in the store as this instance last saved, loaded or followed it (null: none yet). */
    get storedVersion(): number | null { return storedVersion; },
    set storedVersion(v: number | null) { storedVersion = v; },

    /** Saves the engine's state after the saves already under way; never rejects (failures are logged). */
    persist(): Promise<void> {
      saving = saving.then(() => save(true)).catch((err: unknown) => logger.error({ err }, 'matching: saving cluster state failed'));
      return saving;
    },

    /** A follower's label: written into the stored state as it is (never over it with this engine's possibly older state). */
    async saveLabel(clusterId: number, label: string | null): Promise<void> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const saved = await store.getClusterState();
        const state = saved ? JSON.parse(saved.state) as EngineState : engine.state();
        const cluster = state.clusters.find((c) => c.id === clusterId);
        if (cluster) cluster.override = engine.clusters().find((c) => c.id === clusterId)?.override ?? null;
        const version = (saved?.version ?? 0) + 1;
        try {
          await store.saveClusterState({ version, state: JSON.stringify(state), updatedAt: iso(clock) }, saved?.version ?? null);
          storedVersion = version;
          return;
        } catch (err) {
          if (!(err instanceof StoreVersionError)) throw err;
        }
      }
      logger.warn({ clusterId, label }, 'matching: cluster label not saved (the state kept changing); the leader saves it with its next recompute');
    },

    /** The last save started so far: resolves when every save up to now is done. */
    get saving(): Promise<void> { return saving; },
  };
}

export type ClusterState = ReturnType<typeof createClusterState>;
