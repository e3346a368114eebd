import { expect } from 'chai';
import request from 'supertest';
import { signIn, startTestApp, type TestApp } from '../../support/start-test-app.js';

describe('hardening: every 400 names its field, on pages too (issue 15.10)', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp(); });
  after(() => app.close());

  it('when a page gets a bad query parameter, the error page names the field', async () => {
    const org = await app.createOrganisation();
    const res = await request(app.baseUrl).get(`/organisations/${org.id}?page=-1`);
    expect(res.status).to.equal(400);
    expect(res.text).to.match(/Pagina moet minstens 1 zijn/);
    const programme = request.agent(app.baseUrl);
    await signIn(programme, (await app.createProgramme()).email);
    const audit = await programme.get(`/admin/audit?before=${'x'.repeat(5000)}`);
    expect(audit.status).to.equal(400);
    expect(audit.text).to.match(/Vanaf \(before\) mag hoogstens 64 tekens/);
  });

  it('when notifications are marked read with a null id, the 400 names ids.0, not the request', async () => {
    const member = request.agent(app.baseUrl);
    const csrf = await signIn(member, (await app.createMember((await app.createOrganisation()).id)).email);
    const res = await member.post('/api/notifications/read').set('X-CSRF-Token', csrf).send({ ids: [null] });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields).to.have.key('ids.0');
    expect(res.body.error.fields['ids.0'].message).to.match(/Meldingen is verplicht/);
  });
});
