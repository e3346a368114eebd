/**
 * The store contract for the mail outbox (issue 16): a mail is owed exactly when its notification is
 * stored (also through endorse, introduce and the digest), and a claim is exclusive until its lease ends.
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import type { Store } from '../../server/store/store.js';
import { T0, at, makeIdea } from '../support/factories.js';
import { freshStoreEachTest, notice, orgWithMember, type ContractOptions } from './support.js';

export function runMailOutboxContract({ name, create }: ContractOptions): void {
  describe(`store contract, mail outbox: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when notifications are stored, then a pending mail is owed for each kind that can be mailed, and none for cluster_joined', async () => {
      const { user } = await orgWithMember(store);
      const list = [notice(user.id, 'endorsed'), notice(user.id, 'cluster_joined'), notice(user.id, 'idea_hidden')];
      await store.createNotifications(list);
      const owed = await store.listOutbox({ userId: user.id, limit: 10 });
      expect(owed.map((m) => m.id).sort()).to.deep.equal([list[0]!.id, list[2]!.id].sort());
      expect(owed.every((m) => m.state === 'pending' && m.attempts === 0 && m.link === '/ideas/x' && m.params.organisation === 'Lier')).to.equal(true);
      expect(await store.nextOutboxDue()).to.equal(T0);
    });

    it('when notifications come through endorse, introduce and the digest, then a mail is owed for each, in the same write', async () => {
      const { org, user } = await orgWithMember(store);
      const other = await orgWithMember(store);
      const idea = makeIdea(org.id, user.id);
      await store.createIdea(idea);
      const viaEndorse = notice(user.id, 'endorsed');
      await store.endorse({
        endorsement: { id: newId(), ideaId: idea.id, organisationId: other.org.id, userId: other.user.id, message: null, createdAt: T0 },
        connection: null, notifications: [viaEndorse],
      });
      const viaIntroduce = notice(other.user.id, 'introduced');
      await store.introduce({ connections: [], notifications: [viaIntroduce] });
      const viaDigest = notice(user.id, 'cluster_digest');
      await store.deliverDigest([viaDigest], []);
      const owed = [...await store.listOutbox({ userId: user.id, limit: 10 }), ...await store.listOutbox({ userId: other.user.id, limit: 10 })];
      expect(owed.map((m) => m.id).sort()).to.deep.equal([viaEndorse.id, viaIntroduce.id, viaDigest.id].sort());
      expect((await store.listOutbox({ state: 'pending', limit: 10 })).length).to.equal(3);
    });

    it('when a notification write fails, then no mail is owed either', async () => {
      const { user } = await orgWithMember(store);
      const first = notice(user.id, 'endorsed');
      await store.createNotifications([first]);
      const err = await store.createNotifications([notice(user.id, 'connected'), { ...first }]).then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(Error);
      expect(await store.listOutbox({ userId: user.id, limit: 10 })).to.have.length(1);
    });

    it('when a mail is claimed, then a second claim does not get it until the lease ends', async () => {
      const { user } = await orgWithMember(store);
      await store.createNotifications([notice(user.id, 'endorsed')]);
      const [mine] = await store.claimOutbox(at(1), at(300), 10);
      expect(mine?.state).to.equal('sending');
      expect(mine?.attempts).to.equal(1);
      expect(await store.claimOutbox(at(2), at(300), 10)).to.deep.equal([]);
      // The sender died: after the lease another one takes it (the only way a mail is tried twice).
      const [again] = await store.claimOutbox(at(301), at(600), 10);
      expect(again?.id).to.equal(mine!.id);
      expect(again?.attempts).to.equal(2);
      expect(await store.settleOutbox(mine!.id, { state: 'sent', at: at(302) })).to.equal(true);
      expect(await store.settleOutbox(mine!.id, { state: 'sent', at: at(303) })).to.equal(false);
      expect(await store.claimOutbox(at(10_000), at(10_300), 10)).to.deep.equal([]);
      expect(await store.nextOutboxDue()).to.equal(null);
    });

    it('when a mail is deferred, then it is not due before its next attempt and keeps the error', async () => {
      const { user } = await orgWithMember(store);
      await store.createNotifications([notice(user.id, 'connected')]);
      const [m] = await store.claimOutbox(at(1), at(300), 10);
      expect(await store.deferOutbox(m!.id, at(60), '451 try later')).to.equal(true);
      expect(await store.claimOutbox(at(59), at(400), 10)).to.deep.equal([]);
      expect(await store.nextOutboxDue()).to.equal(at(60));
      const [again] = await store.claimOutbox(at(60), at(400), 10);
      expect(again?.lastError).to.equal('451 try later');
    });
  });
}
