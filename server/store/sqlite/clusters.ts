/**
 * The SQLite side of the matching engine's persisted cluster state (schema: migration 2): one row,
 * written only when the stored version is the one the writer read.
 */
import { StoreVersionError, type ClusterStatePort } from '../store.js';
import { toClusterState, type Db, type Row } from './mapping.js';

export function clusterStateAdapter(db: Db): ClusterStatePort {
  return {
    async getClusterState() {
      const row = db.prepare('SELECT * FROM cluster_state WHERE id = 1').get() as Row | undefined;
      return row ? toClusterState(row) : null;
    },

    async saveClusterState(state, expectedVersion) {
      db.transaction(() => {
        const row = db.prepare('SELECT version FROM cluster_state WHERE id = 1').get() as Row | undefined;
        const stored = row === undefined ? null : Number(row.version);
        if (stored !== expectedVersion) throw new StoreVersionError(stored ?? 0);
        db.prepare(`INSERT INTO cluster_state (id, version, state, updated_at) VALUES (1, @version, @state, @updatedAt)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state,
                                                   updated_at = excluded.updated_at`).run(state);
      }).immediate();
    },
  };
}
