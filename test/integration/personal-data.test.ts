import { expect } from 'chai';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import { makeIdea } from '../support/factories.js';
import { csrfFrom, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/start-test-app.js';

/** The programme team's personal-data tools (issue 16.6): export as JSON and erase (anonymise), audit-logged. */
describe('personal data: export and erasure by the programme team', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp(); });
  after(() => app?.close());

  async function world() {
    const org = await app.createOrganisation({ name: 'Privacygemeente' });
    const other = await app.createOrganisation({ name: 'Andergemeente' });
    const person = await app.createMember(org.id, { name: 'Piet Persoon', phone: '+32 9 111 22 33' });
    const colleague = await app.createMember(org.id, { name: 'Cora Collega' });
    const outsider = await app.createMember(other.id);
    const idea = makeIdea(org.id, person.id, { title: 'Digitale wachtrij voor het loket', contact: { name: person.name, email: person.email, phone: person.phone } });
    await app.store.createIdea(idea);
    await app.services.endorsements.endorse(actorOf(outsider), idea.id, {});
    const programme = await app.createProgramme();
    const p = request.agent(app.baseUrl);
    const csrf = await signIn(p, programme.email);
    return { org, person, colleague, outsider, idea, programme, p, csrf };
  }

  it('when the programme team exports a user, then the JSON holds their account, ideas as contact and notifications, and the export is logged', async () => {
    const w = await world();
    const res = await w.p.get(`/admin/users/${w.person.id}/personal-data.json`).expect(200).expect('Content-Type', /json/);
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="?personal-data-/);
    const data = JSON.parse(res.text);
    expect(data.user).to.include({ id: w.person.id, email: w.person.email, name: 'Piet Persoon', phone: '+32 9 111 22 33' });
    expect(data.user).not.to.have.property('passwordHash');
    expect(data.ideasAsContact.map((i: { id: string }) => i.id)).to.deep.equal([w.idea.id]);
    expect(data.ideasAsAuthor.map((i: { id: string }) => i.id)).to.deep.equal([w.idea.id]);
    expect(data.notifications.map((n: { kind: string }) => n.kind)).to.deep.equal(['endorsed']);
    const [entry] = await app.store.listAudit({ limit: 1, targetType: 'user', targetId: w.person.id });
    expect(entry).to.include({ action: 'user.data_exported', actorId: w.programme.id });
    const api = await w.p.get(`/api/users/${w.person.id}/personal-data`).expect(200);
    expect(api.body.user.email).to.equal(w.person.email);
  });

  it('when the erasure is not confirmed, then 400 says so and nothing changes', async () => {
    const w = await world();
    const page = await w.p.get(`/admin/users/${w.person.id}/personal-data`).expect(200);
    expect(page.text).to.include('Van Piet Persoon').and.include(`/admin/users/${w.person.id}/personal-data.json`);
    expect(page.text).to.include(`class="user-name" href="/account">${w.programme.name}<`); // the header still names who is signed in
    const res = await w.p.post(`/admin/users/${w.person.id}/erase`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(400);
    expect(res.text).to.include('confirm-error');
    expect(await app.store.getUser(w.person.id)).to.include({ name: 'Piet Persoon', active: true });
  });

  it('when the programme team erases a user, then they are anonymised and signed out, the idea stays with a colleague as contact, and it is logged', async () => {
    const w = await world();
    const personAgent = request.agent(app.baseUrl);
    await signIn(personAgent, w.person.email);
    const page = await w.p.get(`/admin/users/${w.person.id}/personal-data`).expect(200);
    await w.p.post(`/admin/users/${w.person.id}/erase`).type('form').send({ _csrf: csrfFrom(page.text), confirm: 'yes' }).expect(303).expect('Location', '/admin/users');

    const erased = await app.store.getUser(w.person.id);
    expect(erased).to.include({ name: 'Verwijderde gebruiker', phone: null, passwordHash: null, active: false });
    expect(erased!.email).to.match(/@medestander\.invalid$/);
    expect(await app.store.getUserByEmail(w.person.email)).to.equal(null);
    const idea = await app.store.getIdea(w.idea.id);
    expect(idea).to.include({ organisationId: w.org.id, status: 'open' });
    expect(idea!.contact).to.deep.equal({ name: 'Cora Collega', email: w.colleague.email, phone: null });
    expect(await app.store.listNotifications(w.person.id, { limit: 10 })).to.deep.equal([]);
    expect(await app.store.listEndorsements({ ideaId: w.idea.id })).to.have.length(1); // the organisation's, kept
    await personAgent.get('/api/notifications').expect(401);
    await request(app.baseUrl).post('/api/session').send({ email: w.person.email, password: TEST_PASSWORD }).expect(401);
    const [entry] = await app.store.listAudit({ limit: 1, targetType: 'user', targetId: w.person.id });
    expect(entry).to.include({ action: 'user.data_erased', actorId: w.programme.id });
    expect(JSON.stringify(entry)).not.to.include('Piet');
  });

  it('when the programme team erases itself or an active programme account, then 409 and nothing changes; a member may not erase at all', async () => {
    const w = await world();
    const colleague = await app.createProgramme();
    await w.p.delete(`/api/users/${w.programme.id}/personal-data`).set('X-CSRF-Token', w.csrf).expect(409);
    await w.p.delete(`/api/users/${colleague.id}/personal-data`).set('X-CSRF-Token', w.csrf).expect(409);
    expect(await app.store.getUser(colleague.id)).to.include({ active: true, name: colleague.name });
    const m = request.agent(app.baseUrl);
    const csrf = await signIn(m, w.colleague.email);
    await m.delete(`/api/users/${w.person.id}/personal-data`).set('X-CSRF-Token', csrf).expect(403);
    await m.get(`/api/users/${w.person.id}/personal-data`).expect(403);
    expect(await app.store.getUser(w.person.id)).to.include({ active: true });
  });
});
