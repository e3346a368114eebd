/**
 * The MongoDB side of the matching engine's persisted cluster state (models/allies.ts): one document,
 * written only when the stored version is the one the writer read.
 */
import { CLUSTER_STATE_ID, type Models } from '../../../models/index.js';
import { StoreVersionError, type ClusterStatePort } from '../store.js';
import { isDuplicateKey } from './conflicts.js';
import { toClusterState } from './mapping.js';

export function clusterStateAdapter(m: Models): ClusterStatePort {
  return {
    async getClusterState() {
      const d = await m.ClusterState.findById(CLUSTER_STATE_ID).lean();
      return d ? toClusterState(d) : null;
    },

    async saveClusterState(state, expectedVersion) {
      const fields = { version: state.version, state: state.state, updatedAt: state.updatedAt };
      if (expectedVersion === null) {
        try {
          await m.ClusterState.insertMany([{ _id: CLUSTER_STATE_ID, ...fields }]);
          return;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // someone saved first: report their version below
        }
      } else {
        const result = await m.ClusterState.updateOne({ _id: CLUSTER_STATE_ID, version: expectedVersion }, { $set: fields });
        if (result.matchedCount === 1) return;
      }
      const stored = await m.ClusterState.findById(CLUSTER_STATE_ID).lean();
      throw new StoreVersionError(stored ? Number(stored.version) : 0);
    },
  };
}
