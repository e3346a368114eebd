import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import { csrfFrom, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/start-test-app.js';

const linkFrom = (html: string) => {
  const m = /value="(http:\/\/[^"]+\/invitations\/[A-Za-z0-9_-]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no invitation link on the page');
  return new URL(m[1]).pathname;
};

describe('accounts: invitations, sign in and out, sessions', () => {
  let app: TestApp;
  let programmeEmail: string;
  let orgId: string;

  before(async () => {
    app = await startTestApp();
    programmeEmail = (await app.createProgramme({ name: 'Programma Officer' })).email;
    orgId = (await app.createOrganisation({ name: 'Geel' })).id;
  });
  after(() => app.close());

  it('when the app starts, the 285 Flemish municipalities are there and /healthz answers ok', async () => {
    const all = await app.store.listOrganisations({ kind: 'municipality' });
    expect(all.filter((o) => o.id.startsWith('be-nis-'))).to.have.length(285);
    const res = await request(app.baseUrl).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('when the programme team invites a colleague, the link is shown once, sets a password, signs them in and cannot be used again', async () => {
    const officer = request.agent(app.baseUrl);
    await signIn(officer, programmeEmail);
    const form = await officer.get('/admin/invitations');
    expect(form.status).to.equal(200);
    const created = await officer.post('/admin/invitations').type('form').send({
      _csrf: csrfFrom(form.text), name: 'Jan Claes', email: 'Jan.Claes@Geel.test', role: 'member', organisationId: orgId,
    });
    expect(created.status).to.equal(201);
    const path = linkFrom(created.text);
    expect(created.text).to.contain('Wacht op activering');

    const invitee = request.agent(app.baseUrl);
    const page = await invitee.get(path);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('jan.claes@geel.test');

    const short = await invitee.post(path).type('form').send({ _csrf: csrfFrom(page.text), password: 'kort', passwordConfirm: 'kort', phone: '014 56 66 11' });
    expect(short.status).to.equal(400);
    expect(short.text).to.contain('minstens 10 tekens');
    expect(short.text).to.contain('value="014 56 66 11"'); // what the user typed is kept
    expect(await app.store.getUserByEmail('jan.claes@geel.test')).to.equal(null);

    const ok = await invitee.post(path).type('form').send({ _csrf: csrfFrom(page.text), password: 'een lang wachtwoord', passwordConfirm: 'een lang wachtwoord', phone: '014 56 66 11' });
    expect(ok.status).to.equal(303);
    const home = await invitee.get('/');
    expect(home.text).to.contain('Jan Claes');
    const user = await app.store.getUserByEmail('jan.claes@geel.test');
    expect(user).to.include({ role: 'member', organisationId: orgId, phone: '014 56 66 11' });
    expect(user!.passwordHash).to.match(/^\$argon2id\$/);

    const again = await request(app.baseUrl).get(path);
    expect(again.status).to.equal(404);
    expect(again.text).to.contain('al gebruikt');
    const list = await officer.get('/admin/invitations');
    expect(list.text).to.contain('Gebruikt');
  });

  it('when an invitation names an e-mail that has an account, or no organisation for a member, the form says which field and keeps the input', async () => {
    const officer = request.agent(app.baseUrl);
    const csrf = await signIn(officer, programmeEmail);
    const taken = await officer.post('/api/invitations').set('X-CSRF-Token', csrf).send({ name: 'Dubbel', email: programmeEmail, organisationId: orgId });
    expect(taken.status).to.equal(409);
    expect(taken.body.error.fields).to.have.keys('email');
    const noOrg = await officer.post('/api/invitations').set('X-CSRF-Token', csrf).send({ name: 'Zonder', email: 'zonder@x.test', role: 'member' });
    expect(noOrg.status).to.equal(400);
    expect(noOrg.body.error.fields.organisationId.code).to.equal('required');
    const page = await officer.get('/admin/invitations');
    const res = await officer.post('/admin/invitations').type('form').send({ _csrf: csrfFrom(page.text), name: 'Zonder Org', email: 'not-an-email', role: 'member' });
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('value="Zonder Org"');
    expect(res.text).to.contain('geen geldig e-mailadres');
    expect((await app.store.listInvitations()).some((i) => i.name === 'Zonder Org')).to.equal(false);
  });

  it('when a member or a visitor tries the invitation pages or API, they are refused and nothing is written', async () => {
    const member = await app.createMember(orgId);
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, member.email);
    expect((await agent.get('/admin/invitations')).status).to.equal(403);
    expect((await agent.post('/api/invitations').set('X-CSRF-Token', csrf).send({ name: 'X Y', email: 'x@y.test', organisationId: orgId })).status).to.equal(403);
    const visitor = await request(app.baseUrl).get('/admin/invitations');
    expect(visitor.status).to.equal(303);
    expect(visitor.headers.location).to.equal('/signin?next=%2Fadmin%2Finvitations');
    expect((await request(app.baseUrl).post('/api/invitations').send({ name: 'X Y', email: 'x@y.test' })).status).to.equal(401);
    expect((await app.store.listInvitations()).some((i) => i.email === 'x@y.test')).to.equal(false);
  });

  it('when a form is posted without its CSRF token, it is refused with 403 and nothing changes', async () => {
    const officer = request.agent(app.baseUrl);
    await signIn(officer, programmeEmail);
    const res = await officer.post('/admin/invitations').type('form').send({ name: 'Geen Token', email: 'geen@token.test', role: 'member', organisationId: orgId });
    expect(res.status).to.equal(403);
    const api = await officer.post('/api/invitations').set('X-CSRF-Token', 'wrong').send({ name: 'Geen Token', email: 'geen@token.test', organisationId: orgId });
    expect(api.status).to.equal(403);
    expect(api.body.error.code).to.equal('csrf_invalid');
    expect((await app.store.listInvitations()).some((i) => i.email === 'geen@token.test')).to.equal(false);
  });

  it('when the password is wrong, the sign-in page says so without telling which part, and keeps the e-mail', async () => {
    const agent = request.agent(app.baseUrl);
    const page = await agent.get('/signin');
    const res = await agent.post('/signin').type('form').send({ _csrf: csrfFrom(page.text), email: programmeEmail, password: 'niet het wachtwoord' });
    expect(res.status).to.equal(401);
    expect(res.text).to.contain('horen niet bij een actieve account');
    expect(res.text).to.contain(`value="${programmeEmail}"`);
    const unknown = await request(app.baseUrl).post('/api/session').send({ email: 'niemand@nergens.test', password: 'whatever-123' });
    expect(unknown.status).to.equal(401);
    expect(unknown.body.error.code).to.equal('unauthenticated');
  });

  it('when a user signs out, the session is gone from the store and the cookie no longer works', async () => {
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, programmeEmail);
    expect((await agent.get('/api/session')).body.user.role).to.equal('programme');
    const out = await agent.delete('/api/session').set('X-CSRF-Token', csrf);
    expect(out.status).to.equal(204);
    expect((await agent.get('/api/session')).body.user).to.equal(null);
  });

  it('when the language switch is used, the choice is remembered and the redirect stays on this site', async () => {
    const agent = request.agent(app.baseUrl);
    const sw = await agent.get('/lang/en?next=%2Fideas');
    expect(sw.status).to.equal(303);
    expect(sw.headers.location).to.equal('/ideas');
    const home = await agent.get('/');
    expect(home.text).to.contain('<html lang="en">');
    expect(home.text).to.contain('Find partners for your digital project');
    const evil = await request(app.baseUrl).get('/lang/nl?next=%2F%2Fevil.example');
    expect(evil.headers.location).to.equal('/');
    expect((await request(app.baseUrl).get('/lang/xx')).status).to.equal(404);
  });

  it('when pages are served, the security headers forbid inline script and framing', async () => {
    const res = await request(app.baseUrl).get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).to.match(/script-src 'self'(;|$)/);
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).to.equal(undefined);
  });

  it('when a JSON body is malformed or too large, the API answers 400 or 413 with the error envelope', async () => {
    const bad = await request(app.baseUrl).post('/api/session').set('Content-Type', 'application/json').send('{"email": ');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('bad_request');
    const big = await request(app.baseUrl).post('/api/session').send({ email: 'a@b.test', password: 'x'.repeat(200_000) });
    expect(big.status).to.equal(413);
    expect(big.body.error.code).to.equal('payload_too_large');
  });
});

describe('accounts: limits that need their own app', () => {
  it('when sign-in fails too often from one address, it answers 429', async () => {
    const app = await startTestApp({ env: { SIGNIN_MAX_FAILURES: '3' } });
    try {
      const user = await app.createProgramme();
      for (let i = 0; i < 3; i++) {
        expect((await request(app.baseUrl).post('/api/session').send({ email: user.email, password: 'fout-wachtwoord' })).status).to.equal(401);
      }
      const limited = await request(app.baseUrl).post('/api/session').send({ email: user.email, password: TEST_PASSWORD });
      expect(limited.status).to.equal(429);
      expect(limited.body.error.code).to.equal('rate_limited');
    } finally {
      await app.close();
    }
  });
});

describe('accounts: sessions live in the store', () => {
  it('when the app restarts on the same file, a signed-in user stays signed in', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'medestander-restart-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
    const start = async () => {
      const handle = await createApp({ store: createSqliteStore({ file: config.sqliteFile }) }, config);
      await new Promise<void>((resolve) => handle.httpServer.listen(0, '127.0.0.1', resolve));
      return { handle, url: `http://127.0.0.1:${(handle.httpServer.address() as AddressInfo).port}` };
    };
    try {
      const first = await start();
      await first.handle.services.accounts.createProgrammeAccount({ email: 'blijft@aangemeld.test', password: TEST_PASSWORD, name: 'Blijft Aangemeld' });
      const login = await request(first.url).post('/api/session').send({ email: 'blijft@aangemeld.test', password: TEST_PASSWORD });
      const cookie = login.headers['set-cookie'] as unknown as string[];
      await first.handle.close();

      const second = await start();
      const me = await request(second.url).get('/api/session').set('Cookie', cookie);
      expect(me.body.user.name).to.equal('Blijft Aangemeld');
      await second.handle.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when sessions expire, the app deletes them from the store on its purge interval and keeps the live ones', async () => {
    const app = await startTestApp({ env: { SESSION_PURGE_MINUTES: '0.001' } }); // every 60 ms
    try {
      const now = Date.now();
      await app.store.setSession({ sid: 'verlopen', userId: null, data: '{}', expiresAt: new Date(now - 60_000).toISOString() });
      await app.store.setSession({ sid: 'geldig', userId: null, data: '{}', expiresAt: new Date(now + 3600_000).toISOString() });
      // Read-only probe: asked "as of" a time before it expired, the store returns the expired row
      // for as long as it is there. Nothing here purges: only the app's timer can remove it.
      const before = new Date(now - 120_000).toISOString();
      expect(await app.store.getSession('verlopen', before)).to.not.equal(null);
      const deadline = Date.now() + 5000;
      while ((await app.store.getSession('verlopen', before)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await app.store.getSession('verlopen', before)).to.equal(null);
      expect(await app.store.getSession('geldig', new Date().toISOString())).to.not.equal(null);
    } finally {
      await app.close();
    }
  });
});
