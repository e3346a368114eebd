/**
 * The store contract for the projects catalogue and the requests to join a project: stored and read
 * back exactly, listed in catalogue order with filters, unique reference keys and partnerships, one
 * open request per organisation, and answers written atomically with their notifications.
 */
import { expect } from 'chai';
import { StoreConflictError, type Store } from '../../server/store/store.js';
import { at, makeJoinRequest, makeProject } from '../support/factories.js';
import { failure, freshStoreEachTest, notice, orgWithMember, type ContractOptions } from './support.js';

export function runProjectsContract({ name, create }: ContractOptions): void {
  describe(`store contract, projects: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when a project is created, then it reads back exactly, by id, reference key and partnership, as plain data', async () => {
      const project = makeProject({ referenceKey: 'gzg-1-01', partnerOrganisationIds: ['be-nis-11002'], otherPartners: ['Digipolis'], callNumber: null, url: null });
      const fromPartnership = makeProject({ partnershipId: 'p-1', source: 'partnership', leadOrganisationId: 'be-nis-12025', leadName: 'Mechelen' });
      await store.createProject(project);
      await store.createProject(fromPartnership);
      const read = await store.getProject(project.id);
      expect(read).to.deep.equal(project);
      expect(JSON.parse(JSON.stringify(read))).to.deep.equal(read);
      expect(await store.getProjectByReferenceKey('gzg-1-01')).to.deep.equal(project);
      expect(await store.getProjectForPartnership('p-1')).to.deep.equal(fromPartnership);
      expect(await store.getProject('geen-project')).to.equal(null);
      expect(await store.getProjectByReferenceKey('gzg-9-99')).to.equal(null);
      expect(await store.getProjectForPartnership('geen')).to.equal(null);
    });

    it('when a reference key or a partnership is taken, then StoreConflictError and the first stays; many projects have neither', async () => {
      const first = makeProject({ referenceKey: 'gzg-2-01', partnershipId: 'p-2' });
      await store.createProject(first);
      expect(await failure(store.createProject(makeProject({ referenceKey: 'gzg-2-01' })))).to.be.instanceOf(StoreConflictError).with.property('what', 'project');
      expect(await failure(store.createProject(makeProject({ partnershipId: 'p-2' })))).to.be.instanceOf(StoreConflictError);
      await store.createProject(makeProject());
      await store.createProject(makeProject());
      expect(await store.listProjects()).to.have.length(3);
    });

    it('when projects are listed, then by call number (none last), title and id, filtered by call, theme and status', async () => {
      const b = makeProject({ title: 'B', callNumber: 2, callId: 'c2', status: 'running' });
      const a = makeProject({ title: 'A', callNumber: 2, callId: 'c2', theme: 'democracy' });
      const z = makeProject({ title: 'Z', callNumber: 1, callId: 'c1' });
      const none = makeProject({ title: 'Aa', callNumber: null });
      for (const p of [b, none, a, z]) await store.createProject(p);
      expect((await store.listProjects()).map((p) => p.title)).to.deep.equal(['Z', 'A', 'B', 'Aa']);
      expect((await store.listProjects({ callId: 'c2' })).map((p) => p.title)).to.deep.equal(['A', 'B']);
      expect((await store.listProjects({ theme: 'democracy' })).map((p) => p.title)).to.deep.equal(['A']);
      expect((await store.listProjects({ callId: 'c2', status: 'running' })).map((p) => p.title)).to.deep.equal(['B']);
    });

    it('when a project is updated, then the patched fields and updatedAt change and the rest stays; an unknown id gives null', async () => {
      const project = makeProject({ referenceKey: 'gzg-3-01' });
      await store.createProject(project);
      const updated = await store.updateProject(project.id, { status: 'ended', otherPartners: ['Stad X'] }, at(60));
      const expected = { ...project, status: 'ended', otherPartners: ['Stad X'], updatedAt: at(60) };
      expect(updated).to.deep.equal(expected);
      expect(await store.getProject(project.id)).to.deep.equal(expected);
      expect(await store.updateProject('geen-project', { title: 'Niets' }, at(1))).to.equal(null);
    });

    describe('join requests', () => {
      it('when a request is stored with its notifications, then both read back; a second open one of the organisation is a conflict', async () => {
        const { org, user } = await orgWithMember(store);
        const { user: lead } = await orgWithMember(store);
        const project = makeProject();
        await store.createProject(project);
        const request = makeJoinRequest(project.id, org.id, user.id);
        await store.createProjectJoinRequest(request, [notice(lead.id, 'project_join_requested')]);
        expect(await store.getProjectJoinRequest(request.id)).to.deep.equal(request);
        expect(await store.listNotifications(lead.id, { limit: 10 })).to.have.length(1);
        const again = makeJoinRequest(project.id, org.id, user.id, { createdAt: at(5) });
        const err = await failure(store.createProjectJoinRequest(again, [notice(lead.id, 'project_join_requested')]));
        expect(err).to.be.instanceOf(StoreConflictError).with.property('what', 'project_join_request');
        expect(await store.listNotifications(lead.id, { limit: 10 }), 'nothing written').to.have.length(1);
        expect(await store.listProjectJoinRequests({ projectId: project.id })).to.deep.equal([request]);
      });

      it('when a request is accepted, then it is answered, the organisation becomes a partner once, and a later request may open', async () => {
        const { org, user } = await orgWithMember(store);
        const project = makeProject({ partnerOrganisationIds: ['x'] });
        await store.createProject(project);
        const request = makeJoinRequest(project.id, org.id, user.id);
        await store.createProjectJoinRequest(request, []);
        const answered = await store.answerProjectJoinRequest(request.id, { status: 'accepted', answeredAt: at(30), answeredBy: 'lead-user' }, [notice(user.id, 'project_join_requested')]);
        expect(answered).to.deep.equal({ ...request, status: 'accepted', answeredAt: at(30), answeredBy: 'lead-user' });
        expect((await store.getProject(project.id))!).to.include({ updatedAt: at(30) }).and.have.deep.property('partnerOrganisationIds', ['x', org.id]);
        expect(await store.listNotifications(user.id, { limit: 10 })).to.have.length(1);
        expect(await store.answerProjectJoinRequest(request.id, { status: 'declined', answeredAt: at(40), answeredBy: 'lead-user' }, [notice(user.id, 'project_join_requested')]), 'no longer open').to.equal(null);
        expect(await store.listNotifications(user.id, { limit: 10 }), 'nothing written').to.have.length(1);
        const later = makeJoinRequest(project.id, org.id, user.id, { createdAt: at(50) });
        await store.createProjectJoinRequest(later, []);
        expect((await store.listProjectJoinRequests({ projectId: project.id, status: 'open' })).map((r) => r.id)).to.deep.equal([later.id]);
      });

      it('when a request is declined, then the project keeps its partners; requests list by organisation and status, oldest first', async () => {
        const { org, user } = await orgWithMember(store);
        const { org: other, user: otherUser } = await orgWithMember(store);
        const project = makeProject();
        await store.createProject(project);
        const second = makeJoinRequest(project.id, other.id, otherUser.id, { createdAt: at(20) });
        const first = makeJoinRequest(project.id, org.id, user.id, { createdAt: at(10) });
        await store.createProjectJoinRequest(second, []);
        await store.createProjectJoinRequest(first, []);
        await store.answerProjectJoinRequest(first.id, { status: 'declined', answeredAt: at(30), answeredBy: 'p' }, []);
        expect((await store.getProject(project.id))!.partnerOrganisationIds).to.deep.equal([]);
        expect((await store.listProjectJoinRequests({ projectId: project.id })).map((r) => r.id)).to.deep.equal([first.id, second.id]);
        expect((await store.listProjectJoinRequests({ organisationId: other.id })).map((r) => r.id)).to.deep.equal([second.id]);
        expect((await store.listProjectJoinRequests({ status: 'declined' })).map((r) => r.id)).to.deep.equal([first.id]);
        expect(await store.answerProjectJoinRequest('geen', { status: 'accepted', answeredAt: at(1), answeredBy: 'p' }, [])).to.equal(null);
      });
    });
  });
}
