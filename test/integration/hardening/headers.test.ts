import { expect } from 'chai';
import request from 'supertest';
import { signIn, startTestApp, type TestApp } from '../../support/start-test-app.js';

describe('hardening: caching and content-type headers (issue 15.8)', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp(); });
  after(() => app.close());

  it('when a signed-in member or the programme team opens a personal page or API answer, it says Cache-Control: no-store', async () => {
    const org = await app.createOrganisation();
    const member = request.agent(app.baseUrl);
    const csrf = await signIn(member, (await app.createMember(org.id)).email);
    const idea = await member.post('/api/ideas').set('X-CSRF-Token', csrf)
      .send({ title: 'Een idee met contactgegevens', description: 'Een beschrijving die lang genoeg is voor de regels.', theme: 'services' });
    expect(idea.status).to.equal(201);
    const programme = request.agent(app.baseUrl);
    await signIn(programme, (await app.createProgramme()).email);
    for (const [agent, path] of [[member, `/ideas/${idea.body.id}`], [member, `/api/ideas/${idea.body.id}`], [member, '/api/notifications'], [member, '/my-organisation'], [programme, '/admin/users'], [member, '/api/session']] as const) {
      const res = await agent.get(path);
      expect(res.status, path).to.equal(200);
      expect(res.headers['cache-control'], path).to.match(/no-store/);
    }
  });

  it('when static files and the socket.io client are fetched, they carry nosniff', async () => {
    for (const path of ['/static/css/main.css', '/socket.io/socket.io.min.js']) {
      const res = await request(app.baseUrl).get(path);
      expect(res.status, path).to.equal(200);
      expect(res.headers['x-content-type-options'], path).to.equal('nosniff');
    }
  });
});
