import { expect } from 'chai';
import request from 'supertest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../support/start-test-app.js';

const attempt = (app: TestApp, email: string, password = 'niet het wachtwoord', forwardedFor?: string) => {
  const req = request(app.baseUrl).post('/api/session');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ email, password });
};

describe('hardening: sign-in limits per account and address (issue 15.4)', () => {
  describe('per account and address pair, and per address', () => {
    let app: TestApp;
    let orgId: string;
    before(async () => {
      app = await startTestApp({ env: { SIGNIN_MAX_FAILURES: '3', SIGNIN_MAX_FAILURES_PER_ADDRESS: '8' } });
      orgId = (await app.createOrganisation()).id;
    });
    after(() => app.close());

    it('when one account fails too often from an address, that pair is locked (429, Retry-After), while a colleague at the same address signs in', async () => {
      const [target, colleague] = [await app.createMember(orgId), await app.createMember(orgId)];
      for (let i = 0; i < 3; i++) expect((await attempt(app, target.email)).status).to.equal(401);
      const locked = await attempt(app, target.email, TEST_PASSWORD);
      expect(locked.status).to.equal(429);
      expect(Number(locked.headers['retry-after'])).to.be.greaterThan(0);
      expect(locked.body.error.code).to.equal('rate_limited');
      expect((await attempt(app, colleague.email, TEST_PASSWORD)).status, 'the colleague behind the same address').to.equal(201);
      expect((await attempt(app, ` ${target.email.toUpperCase()} `)).status, 'the same account however spelled').to.equal(429);
    });

    it('when one address fails on many accounts, the address is limited too', async () => {
      const emails = Array.from({ length: 5 }, (_, i) => `probeer${i}@nergens.test`);
      let statuses: number[] = [];
      for (const email of emails) statuses.push((await attempt(app, email)).status);
      // 3 failures above, 5 here: the 8th failure of the address fills its budget; the next is refused.
      statuses = [...statuses, (await attempt(app, 'nog.een@nergens.test')).status];
      expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429]);
    });
  });

  describe('per account over all addresses, behind a trusted proxy', () => {
    let app: TestApp;
    before(async () => { app = await startTestApp({ env: { TRUST_PROXY: 'true', SIGNIN_MAX_FAILURES: '3', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '6' } }); });
    after(() => app.close());

    it('when the attempts on one account come from ever new X-Forwarded-For addresses, the account limit stops them', async () => {
      const user = await app.createMember((await app.createOrganisation()).id);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await attempt(app, user.email, 'fout wachtwoord', `203.0.113.${i + 1}`)).status);
      expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 401, 429, 429]);
    });
  });

  describe('TRUST_PROXY naming the proxies', () => {
    let app: TestApp;
    before(async () => { app = await startTestApp({ env: { TRUST_PROXY: '10.1.2.3', SIGNIN_MAX_FAILURES: '3' } }); });
    after(() => app.close());

    it('when X-Forwarded-For comes from an address that is not a named proxy, it is not believed', async () => {
      const user = await app.createMember((await app.createOrganisation()).id);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt(app, user.email, 'fout wachtwoord', `198.51.100.${i + 1}`)).status);
      expect(statuses).to.deep.equal([401, 401, 401, 429]);
    });
  });
});
