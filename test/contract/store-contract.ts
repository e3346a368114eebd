/**
 * The store contract: the suites every adapter of `server/store/store.ts` must pass, one per feature
 * port (beside this file, `<feature>-contract.ts`), composed here with the checks on the store as a
 * whole. Run for each adapter by sqlite.test.ts (always) and mongo.test.ts (with MONGODB_URI):
 *
 *   runStoreContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 *
 * `create` must return a new, empty store on every call; the suites call `init()` and `close()` themselves.
 */
import { expect } from 'chai';
import type { Store } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { runAlliesContract } from './allies-contract.js';
import { runAuditContract } from './audit-contract.js';
import { runBoardContract } from './board-contract.js';
import { runCallsContract } from './calls-contract.js';
import { runClusterStateContract } from './clusters-contract.js';
import { runIdeaListContract } from './idea-list-contract.js';
import { runIdeasContract } from './ideas-contract.js';
import { runInvitationsContract } from './invitations-contract.js';
import { runMailOutboxContract } from './mail-outbox-contract.js';
import { runNotificationsContract } from './notifications-contract.js';
import { runOrganisationsContract } from './organisations-contract.js';
import { runPartnershipsContract } from './partnerships-contract.js';
import { runPersonalDataContract } from './personal-data-contract.js';
import { runSessionsContract } from './sessions-contract.js';
import { runUsersContract } from './users-contract.js';
import { freshStoreEachTest, orgWithMember, type ContractOptions } from './support.js';

export function runStoreContract(options: ContractOptions): void {
  runWholeStoreContract(options);
  runOrganisationsContract(options);
  runUsersContract(options);
  runInvitationsContract(options);
  runSessionsContract(options);
  runIdeasContract(options);
  runIdeaListContract(options);
  runAlliesContract(options);
  runNotificationsContract(options);
  runClusterStateContract(options);
  runBoardContract(options);
  runAuditContract(options);
  runMailOutboxContract(options);
  runPersonalDataContract(options);
  runCallsContract(options);
  runPartnershipsContract(options);
}

/** What holds for the store as a whole: its life cycle, and records that are plain data whatever the feature. */
function runWholeStoreContract({ name, create }: ContractOptions): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    describe('lifecycle', () => {
      it('when initialised, then ping answers true', async () => {
        expect(await store.ping()).to.equal(true);
      });

      it('when init is called again, then it succeeds and keeps the data', async () => {
        const { org } = await orgWithMember(store);
        await store.init();
        expect(await store.getOrganisation(org.id)).to.deep.equal(org);
      });
    });

    describe('plain data', () => {
      it('when records are read, then they are plain objects and arrays that survive a JSON round trip', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id, { tags: ['a'] });
        await store.createIdea(idea);
        const read = await store.getIdea(idea.id);
        for (const value of [read, read?.contact, await store.getUser(user.id), await store.getOrganisation(org.id)]) {
          expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
        }
        expect(Array.isArray(read?.tags)).to.equal(true);
        expect(JSON.parse(JSON.stringify(read))).to.deep.equal(read);
      });

      it('when the caller changes a record after storing or reading it, then the stored record does not change', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id, { tags: ['origineel'] });
        const original = structuredClone(idea);
        await store.createIdea(idea);
        idea.tags.push('erbij');
        idea.contact.name = 'Iemand anders';
        const read = await store.getIdea(idea.id);
        read!.tags.push('ook erbij');
        read!.title = 'Gewijzigd buiten de store';
        expect(await store.getIdea(idea.id)).to.deep.equal(original);
      });
    });
  });
}
