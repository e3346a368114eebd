/**
 * The store contract for the matching engine's cluster state: null before the first save, then
 * written only with the version the writer read (StoreVersionError otherwise, with the stored one).
 */
import { expect } from 'chai';
import { StoreVersionError, type Store } from '../../server/store/store.js';
import { T0, at } from '../support/factories.js';
import { failure, freshStoreEachTest, type ContractOptions } from './support.js';

export function runClusterStateContract({ name, create }: ContractOptions): void {
  describe(`store contract, cluster state: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when nothing is saved yet, then getClusterState answers null', async () => {
      expect(await store.getClusterState()).to.equal(null);
    });

    it('when saved with the expected version, then it is read back; each next save needs the current version', async () => {
      const v1 = { version: 1, state: '{"clusters":[]}', updatedAt: T0 };
      await store.saveClusterState(v1, null);
      expect(await store.getClusterState()).to.deep.equal(v1);
      const v2 = { version: 2, state: '{"clusters":[{"id":"c1"}]}', updatedAt: at(60) };
      await store.saveClusterState(v2, 1);
      expect(await store.getClusterState()).to.deep.equal(v2);
    });

    it('when the expected version is stale, then StoreVersionError with the stored version and the state is unchanged', async () => {
      const v1 = { version: 1, state: '{}', updatedAt: T0 };
      await store.saveClusterState(v1, null);
      const stale = await failure(store.saveClusterState({ version: 2, state: '{"x":1}', updatedAt: at(1) }, 0));
      expect(stale).to.be.instanceOf(StoreVersionError);
      expect((stale as StoreVersionError).currentVersion).to.equal(1);
      const again = await failure(store.saveClusterState({ version: 1, state: '{"x":2}', updatedAt: at(1) }, null));
      expect(again).to.be.instanceOf(StoreVersionError);
      expect(await store.getClusterState()).to.deep.equal(v1);
    });

    it('when a version is expected but nothing is stored, then StoreVersionError with version 0', async () => {
      const err = await failure(store.saveClusterState({ version: 2, state: '{}', updatedAt: T0 }, 1));
      expect((err as StoreVersionError).currentVersion).to.equal(0);
      expect(await store.getClusterState()).to.equal(null);
    });
  });
}
