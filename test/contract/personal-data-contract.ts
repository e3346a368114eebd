/**
 * The store contract for erasing a user's personal data (issue 16.6): everything personal goes in one
 * go, ideas stay with the new contact person, and unsent mail is dropped.
 */
import { expect } from 'chai';
import type { Store } from '../../server/store/store.js';
import { at, makeIdea, makeJoinRequest, makeProject, makeUser } from '../support/factories.js';
import { makeCheckIn } from './check-ins-contract.js';
import { freshStoreEachTest, notice, orgWithMember, type ContractOptions } from './support.js';

export function runPersonalDataContract({ name, create }: ContractOptions): void {
  describe(`store contract, personal data: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when a user is anonymised, then their personal data is gone, ideas stay with the new contact, and unsent mail is dropped', async () => {
      const { org, user } = await orgWithMember(store);
      const colleague = makeUser(org.id);
      await store.createUser(colleague);
      const idea = makeIdea(org.id, user.id, { contact: { name: user.name, email: user.email.toUpperCase(), phone: '+32 3 123 45 67' } });
      const other = makeIdea(org.id, colleague.id, { contact: { name: colleague.name, email: colleague.email, phone: null } });
      await store.createIdea(idea);
      await store.createIdea(other);
      await store.createNotifications([notice(user.id, 'endorsed')]);
      await store.setNotificationSettings(user.id, { endorsed: 'app' });
      await store.setSession({ sid: 's1', userId: user.id, data: '{}', expiresAt: at(3600) });
      const contact = { name: colleague.name, email: colleague.email, phone: null };
      expect(await store.anonymiseUser({ userId: user.id, anonymous: { name: 'Verwijderd', email: `gone-${user.id}@x.invalid` }, contact, at: at(5) })).to.equal(true);
      const after = await store.getUser(user.id);
      expect(after).to.include({ name: 'Verwijderd', email: `gone-${user.id}@x.invalid`, phone: null, passwordHash: null, active: false });
      expect(await store.getUserByEmail(user.email)).to.equal(null);
      expect((await store.getIdea(idea.id))?.contact).to.deep.equal(contact);
      expect((await store.getIdea(idea.id))?.version).to.equal(idea.version + 1);
      expect(await store.getIdea(other.id)).to.deep.equal(other);
      expect(await store.listNotifications(user.id, { limit: 10 })).to.deep.equal([]);
      expect(await store.listOutbox({ userId: user.id, limit: 10 })).to.deep.equal([]);
      expect((await store.getNotificationSettings(user.id)).endorsed).to.equal('mail');
      expect(await store.getSession('s1', at(10))).to.equal(null);
      expect(await store.anonymiseUser({ userId: 'nobody', anonymous: { name: 'x', email: 'x@x.invalid' }, contact, at: at(6) })).to.equal(false);
    });

    it('when a user is anonymised, then the words they wrote in check-in requests and asks to join a project are cleared, and the requests stay', async () => {
      const { org, user } = await orgWithMember(store);
      const checkIn = makeCheckIn(org.id, user.id, { note: 'Bel me op 0470 12 34 56.' });
      await store.createCheckIn(checkIn, []);
      const project = makeProject();
      await store.createProject(project);
      const ask = makeJoinRequest(project.id, org.id, user.id, { message: 'Groeten van Jan, 0470 12 34 56' });
      await store.createProjectJoinRequest(ask, []);
      const contact = { name: 'Verwijderd', email: 'gone@x.invalid', phone: null };
      expect(await store.anonymiseUser({ userId: user.id, anonymous: { name: 'Verwijderd', email: `gone-${user.id}@x.invalid` }, contact, at: at(5) })).to.equal(true);
      expect(await store.getCheckIn(checkIn.id)).to.deep.equal({ ...checkIn, note: '' });
      expect(await store.getProjectJoinRequest(ask.id)).to.deep.equal({ ...ask, message: null });
    });
  });
}
