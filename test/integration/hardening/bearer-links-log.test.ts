import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../support/start-test-app.js';

const SECRET = '3f9a1c7e5b2d8046af13c9e7d5b20f8e6a4c1d3b9e7f5a2c';

/** The app's real logger, writing into a string. */
function capture() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
  return { logger, text: () => lines.join('') };
}

describe('hardening: one-time links (bearer tokens) are logged only in development (issue 15.10)', () => {
  for (const [env, logged] of [['production', false], ['development', true]] as const) {
    describe(env, () => {
      let app: TestApp;
      const log = capture();
      before(async () => {
        // In production the app wants HTTPS for writes: the test speaks as through a trusted TLS proxy.
        app = await startTestApp({ logger: log.logger, env: { NODE_ENV: env, SESSION_SECRET: SECRET, TRUST_PROXY: 'loopback' } });
      });
      after(() => app.close());

      it(`when the programme team invites someone and a reset link is asked for, the links are ${logged ? '' : 'not '}in the log`, async () => {
        // The session cookie is Secure in production: the test sends it back itself, as a browser over HTTPS would.
        const session = await request(app.baseUrl).post('/api/session').set('X-Forwarded-Proto', 'https').send({ email: (await app.createProgramme()).email, password: TEST_PASSWORD });
        const cookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
        const org = await app.createOrganisation();
        const res = await request(app.baseUrl).post('/api/invitations').set('X-Forwarded-Proto', 'https').set('Cookie', cookie).set('X-CSRF-Token', session.body.csrfToken).send({ name: 'An Peeters', email: `an.peeters.${env}@mol.test`, organisationId: org.id });
        expect(res.status).to.equal(201);
        const token = new URL(res.body.link as string).pathname.split('/').pop()!;
        const member = await app.createMember(org.id);
        expect((await request(app.baseUrl).post('/api/password/forgot').set('X-Forwarded-Proto', 'https').send({ email: member.email })).status).to.equal(202);
        expect(log.text()).to.contain('invitation created');
        expect(log.text().includes(token)).to.equal(logged);
        expect(log.text().includes('/password/reset/')).to.equal(logged);
      });
    });
  }
});
