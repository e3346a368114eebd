import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { signIn, startTestApp, type TestApp } from '../../support/start-test-app.js';

describe('hardening: a JSON API route given a body that is not JSON answers 415 and changes nothing (issue 15.9)', () => {
  let app: TestApp;
  let a: Agent; let aCsrf: string;
  let b: Agent; let bCsrf: string;
  let ideaId: string;

  before(async () => {
    app = await startTestApp();
    const [orgA, orgB] = [await app.createOrganisation(), await app.createOrganisation()];
    a = request.agent(app.baseUrl); aCsrf = await signIn(a, (await app.createMember(orgA.id)).email);
    b = request.agent(app.baseUrl); bCsrf = await signIn(b, (await app.createMember(orgB.id)).email);
    const res = await a.post('/api/ideas').set('X-CSRF-Token', aCsrf)
      .send({ title: 'Een idee voor het formaat', description: 'Een beschrijving die lang genoeg is voor de regels.', theme: 'services' });
    ideaId = res.body.id as string;
  });
  after(() => app.close());

  it('when an idea is patched with text/plain holding JSON, it answers 415 and neither the title nor the version change', async () => {
    const before = (await app.store.getIdea(ideaId))!;
    const res = await a.patch(`/api/ideas/${ideaId}`).set('X-CSRF-Token', aCsrf).set('Content-Type', 'text/plain')
      .send(JSON.stringify({ title: 'Een andere titel hier' }));
    expect(res.status).to.equal(415);
    expect(res.body.error.code).to.equal('unsupported_media_type');
    expect(res.body.error.message).to.match(/JSON/);
    expect(await app.store.getIdea(ideaId)).to.deep.include({ title: before.title, version: before.version });
  });

  it('when an endorsement is sent form-encoded, it answers 415 and no endorsement is stored', async () => {
    const res = await b.post(`/api/ideas/${ideaId}/endorsements`).set('X-CSRF-Token', bCsrf).type('form').send({ message: 'wij ook' });
    expect(res.status).to.equal(415);
    expect(await app.store.listEndorsements({ ideaId })).to.have.length(0);
  });

  it('when a call has no body, or a JSON one, it goes through as before', async () => {
    expect((await b.post(`/api/ideas/${ideaId}/endorsements`).set('X-CSRF-Token', bCsrf).send({ message: 'wij ook' })).status).to.equal(201);
    expect((await b.delete(`/api/ideas/${ideaId}/endorsements/mine`).set('X-CSRF-Token', bCsrf)).status).to.be.oneOf([200, 204]);
  });
});
