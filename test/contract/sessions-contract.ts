/**
 * The store contract for sessions (ports/accounts.ts): read until they expire, replaced when set
 * again, destroyed one at a time, per user, or when expired.
 */
import { expect } from 'chai';
import type { Store } from '../../server/store/store.js';
import { T0, at, makeUser } from '../support/factories.js';
import { freshStoreEachTest, type ContractOptions } from './support.js';

export function runSessionsContract({ name, create }: ContractOptions): void {
  describe(`store contract, sessions: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when a session is set, then it is read back until it expires', async () => {
      const user = makeUser(null);
      await store.createUser(user);
      const session = { sid: 's1', userId: user.id, data: '{"cookie":{}}', expiresAt: at(3600) };
      await store.setSession(session);
      expect(await store.getSession('s1', T0)).to.deep.equal(session);
      expect(await store.getSession('s1', at(3599))).to.deep.equal(session);
      expect(await store.getSession('s1', at(3600))).to.equal(null);
      expect(await store.getSession('unknown', T0)).to.equal(null);
    });

    it('when a session without a user is set, then it is stored with userId null', async () => {
      const session = { sid: 'anon', userId: null, data: '{}', expiresAt: at(60) };
      await store.setSession(session);
      expect(await store.getSession('anon', T0)).to.deep.equal(session);
    });

    it('when a session is set again, then it is replaced', async () => {
      const user = makeUser(null);
      await store.createUser(user);
      await store.setSession({ sid: 's1', userId: null, data: '{"a":1}', expiresAt: at(60) });
      const replaced = { sid: 's1', userId: user.id, data: '{"a":2}', expiresAt: at(7200) };
      await store.setSession(replaced);
      expect(await store.getSession('s1', at(3600))).to.deep.equal(replaced);
    });

    it('when a session is destroyed, then it is gone and others stay', async () => {
      await store.setSession({ sid: 's1', userId: null, data: '{}', expiresAt: at(60) });
      await store.setSession({ sid: 's2', userId: null, data: '{}', expiresAt: at(60) });
      await store.destroySession('s1');
      await store.destroySession('never-existed');
      expect(await store.getSession('s1', T0)).to.equal(null);
      expect(await store.getSession('s2', T0)).to.not.equal(null);
    });

    it("when a user's sessions are destroyed, then only theirs go and the count is returned", async () => {
      const a = makeUser(null);
      const b = makeUser(null);
      await store.createUser(a);
      await store.createUser(b);
      await store.setSession({ sid: 'a1', userId: a.id, data: '{}', expiresAt: at(60) });
      await store.setSession({ sid: 'a2', userId: a.id, data: '{}', expiresAt: at(60) });
      await store.setSession({ sid: 'b1', userId: b.id, data: '{}', expiresAt: at(60) });
      expect(await store.destroyUserSessions(a.id)).to.equal(2);
      expect(await store.getSession('a1', T0)).to.equal(null);
      expect(await store.getSession('a2', T0)).to.equal(null);
      expect(await store.getSession('b1', T0)).to.not.equal(null);
      expect(await store.destroyUserSessions(a.id)).to.equal(0);
    });

    it('when expired sessions are purged, then only those expired at now go', async () => {
      await store.setSession({ sid: 'old', userId: null, data: '{}', expiresAt: at(-1) });
      await store.setSession({ sid: 'edge', userId: null, data: '{}', expiresAt: T0 });
      await store.setSession({ sid: 'live', userId: null, data: '{}', expiresAt: at(1) });
      expect(await store.purgeExpiredSessions(T0)).to.equal(2);
      expect(await store.getSession('live', T0)).to.not.equal(null);
      expect(await store.purgeExpiredSessions(T0)).to.equal(0);
    });
  });
}
