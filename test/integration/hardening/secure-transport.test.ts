import { expect } from 'chai';
import request from 'supertest';
import { SESSION_COOKIE } from '../../../server/web/middleware/session.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../support/start-test-app.js';

const SECRET = '3f9a1c7e5b2d8046af13c9e7d5b20f8e6a4c1d3b9e7f5a2c';
const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

describe('hardening: in production, signing in without HTTPS says why instead of setting no cookie (issue 15.10)', () => {
  describe('behind a TLS proxy without TRUST_PROXY', () => {
    let app: TestApp;
    before(async () => { app = await startTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: SECRET, LOG_LEVEL: 'silent' } }); });
    after(() => app.close());

    it('when a sign-in arrives, it answers 503 with a message, not 201 without a cookie', async () => {
      const user = await app.createMember((await app.createOrganisation()).id);
      const res = await request(app.baseUrl).post('/api/session').set('X-Forwarded-Proto', 'https').send({ email: user.email, password: TEST_PASSWORD });
      expect(res.status).to.equal(503);
      expect(res.body.error.message).to.match(/HTTPS/);
      expect(cookieOf(res)).to.equal(undefined);
    });
  });

  describe('behind a TLS proxy with TRUST_PROXY', () => {
    let app: TestApp;
    before(async () => { app = await startTestApp({ env: { NODE_ENV: 'production', SESSION_SECRET: SECRET, LOG_LEVEL: 'silent', TRUST_PROXY: 'loopback' } }); });
    after(() => app.close());

    it('when a sign-in arrives, it answers 201 with a Secure cookie', async () => {
      const user = await app.createMember((await app.createOrganisation()).id);
      const res = await request(app.baseUrl).post('/api/session').set('X-Forwarded-Proto', 'https').send({ email: user.email, password: TEST_PASSWORD });
      expect(res.status).to.equal(201);
      expect(cookieOf(res)).to.match(/;\s*Secure/i);
    });
  });
});
