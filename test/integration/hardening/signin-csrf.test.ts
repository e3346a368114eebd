import { expect } from 'chai';
import request from 'supertest';
import { SESSION_COOKIE } from '../../../server/web/middleware/session.js';
import { csrfFrom, startTestApp, TEST_PASSWORD, type TestApp } from '../../support/start-test-app.js';

const sessionSet = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=`));

describe('hardening: signing in cannot be forged from another site (issue 15.1)', () => {
  let app: TestApp;
  let email: string;

  before(async () => {
    app = await startTestApp();
    email = (await app.createMember((await app.createOrganisation()).id)).email;
  });
  after(() => app.close());

  for (const path of ['/api/session', '/api/session/', '/api/Session', '/API/session', '/api/session//']) {
    it(`when another site's form posts e-mail and password to ${path} (form-encoded, no token), nobody is signed in`, async () => {
      const agent = request.agent(app.baseUrl);
      const res = await agent.post(path).type('form').send({ email, password: TEST_PASSWORD });
      expect(res.status, JSON.stringify(res.body)).to.be.oneOf([403, 404]);
      expect(sessionSet(res)).to.equal(false);
      expect((await agent.get('/api/session')).body.user).to.equal(null);
    });
  }

  it('when the form posts text/plain that looks like JSON, nobody is signed in either', async () => {
    const agent = request.agent(app.baseUrl);
    const res = await agent.post('/api/session').set('Content-Type', 'text/plain').send(JSON.stringify({ email, password: TEST_PASSWORD }));
    expect(res.status).to.be.oneOf([403, 415]);
    expect((await agent.get('/api/session')).body.user).to.equal(null);
  });

  it('when the trailing-slash or capitalised path is asked for, it is not the sign-in route (404), also for JSON', async () => {
    for (const path of ['/api/session/', '/api/Session']) {
      const res = await request(app.baseUrl).post(path).send({ email, password: TEST_PASSWORD });
      expect(res.status, path).to.equal(404);
    }
  });

  it('when an API client signs in with JSON, or a person through the sign-in page with its token, it still works', async () => {
    const api = await request(app.baseUrl).post('/api/session').send({ email, password: TEST_PASSWORD });
    expect(api.status).to.equal(201);
    const browser = request.agent(app.baseUrl);
    const page = await browser.get('/signin');
    const res = await browser.post('/signin').type('form').send({ _csrf: csrfFrom(page.text), email, password: TEST_PASSWORD });
    expect(res.status).to.equal(303);
    expect((await browser.get('/api/session')).body.user.id).to.be.a('string');
  });

  it('when the sign-in page is posted without its token, it is refused with 403', async () => {
    const res = await request(app.baseUrl).post('/signin').type('form').send({ email, password: TEST_PASSWORD });
    expect(res.status).to.equal(403);
    expect(sessionSet(res)).to.equal(false);
  });
});
