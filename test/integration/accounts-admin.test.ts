import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import type { AuditEntry, Organisation, User } from '../../server/store/store.js';
import { csrfFrom, signIn, startTestApp, TEST_PASSWORD, type TestApp, sessionCookie } from '../support/start-test-app.js';

const pathOf = (link: string) => new URL(link).pathname;
const linkOnPage = (html: string, id: string) => {
  const m = new RegExp(`id="${id}"[^>]*value="(http://[^"]+/invitations/[A-Za-z0-9_-]+)"`).exec(html);
  if (!m?.[1]) throw new Error('no invitation link on the page');
  return pathOf(m[1]);
};

describe('accounts admin: invitations resent and revoked, users deactivated and reactivated', () => {
  let app: TestApp;
  let org: Organisation;
  let officer: User;
  let colleague: User;
  const sockets: ClientSocket[] = [];

  before(async () => {
    app = await startTestApp();
    org = await app.createOrganisation({ name: 'Herentals' });
    officer = await app.createProgramme({ name: 'Programma Officer' });
    colleague = await app.createProgramme({ name: 'Collega Programma' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  after(() => app?.close());

  async function signedIn(user: User) {
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, user.email);
    return { agent, csrf };
  }

  const cookieOf = (user: User) => sessionCookie(app.baseUrl, user.email);


  async function invite(agent: request.Agent, csrf: string, name: string): Promise<{ id: string; path: string }> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@herentals.test`;
    const res = await agent.post('/api/invitations').set('X-CSRF-Token', csrf).send({ name, email, organisationId: org.id }).expect(201);
    return { id: res.body.invitation.id, path: pathOf(res.body.link) };
  }

  const auditOf = (type: string, id: string): Promise<AuditEntry[]> => app.store.listAudit({ limit: 20, targetType: type, targetId: id });

  describe('who may', () => {
    it('when a member or a visitor tries the user pages, the user API, resend or revoke, they get 401/403 and nothing changes', async () => {
      const { agent: admin, csrf: adminCsrf } = await signedIn(officer);
      const inv = await invite(admin, adminCsrf, 'Onaangeroerde Genodigde');
      const before = await app.store.getInvitation(inv.id);
      const target = await app.createMember(org.id);
      const member = await app.createMember(org.id);
      const { agent, csrf } = await signedIn(member);

      expect((await agent.get('/admin/users')).status).to.equal(403);
      expect((await agent.get('/api/users')).status).to.equal(403);
      for (const path of [`/api/users/${target.id}/deactivate`, `/api/users/${member.id}/deactivate`, `/api/users/${target.id}/reactivate`,
        `/api/invitations/${inv.id}/resend`, `/api/invitations/${inv.id}/revoke`]) {
        expect((await agent.post(path).set('X-CSRF-Token', csrf)).status, path).to.equal(403);
        expect((await request(app.baseUrl).post(path)).status, path).to.equal(401);
      }
      const page = await agent.get('/ideas');
      for (const path of [`/admin/users/${target.id}/deactivate`, `/admin/invitations/${inv.id}/resend`, `/admin/invitations/${inv.id}/revoke`]) {
        expect((await agent.post(path).type('form').send({ _csrf: csrfFrom(page.text) })).status, path).to.equal(403);
      }
      const visitor = await request(app.baseUrl).get('/admin/users');
      expect(visitor.status).to.equal(303);
      expect(visitor.headers.location).to.equal('/signin?next=%2Fadmin%2Fusers');
      expect((await request(app.baseUrl).get('/api/users')).status).to.equal(401);

      expect(await app.store.getInvitation(inv.id)).to.deep.equal(before);
      expect(await app.store.getUser(target.id)).to.include({ active: true });
      expect((await request(app.baseUrl).get(inv.path)).status).to.equal(200);
    });

    it('when the programme team opens the pages, the header links to the users, and the invitations page links to them too', async () => {
      const { agent } = await signedIn(officer);
      const page = await agent.get('/admin/invitations');
      expect(page.text).to.contain('href="/admin/users"');
      expect(page.text).to.contain('Gebruikers');
    });
  });

  describe('invitations', () => {
    it('when an invitation is resent over the API, the old link answers 404, the new one works, and it is in the audit log', async () => {
      const { agent, csrf } = await signedIn(officer);
      const inv = await invite(agent, csrf, 'Greet Opnieuw');
      const res = await agent.post(`/api/invitations/${inv.id}/resend`).set('X-CSRF-Token', csrf).expect(200);
      expect(res.body).to.have.keys('invitation', 'link', 'mailed');
      expect(res.body.invitation).to.include({ id: inv.id, state: 'pending', organisationName: 'Herentals' });
      const fresh = pathOf(res.body.link);
      expect(fresh).to.not.equal(inv.path);

      expect((await request(app.baseUrl).get(inv.path)).status).to.equal(404);
      const invitee = request.agent(app.baseUrl);
      const page = await invitee.get(fresh);
      expect(page.status).to.equal(200);
      const done = await invitee.post(fresh).type('form').send({ _csrf: csrfFrom(page.text), password: 'een lang wachtwoord', passwordConfirm: 'een lang wachtwoord' });
      expect(done.status).to.equal(303);
      expect(await app.store.getUserByEmail('greet.opnieuw@herentals.test')).to.include({ organisationId: org.id, active: true });

      const again = await agent.post(`/api/invitations/${inv.id}/resend`).set('X-CSRF-Token', csrf);
      expect(again.status).to.equal(409); // used: it can no longer change
      const audit = await auditOf('invitation', inv.id);
      expect(audit.map((e) => e.action)).to.deep.equal(['invitation.resent', 'invitation.created']);
      expect(audit[0]).to.include({ actorId: officer.id });
    });

    it('when an invitation is resent from the page, the new link is shown and works, and the old one does not', async () => {
      const { agent, csrf } = await signedIn(officer);
      const inv = await invite(agent, csrf, 'Pagina Opnieuw');
      const list = await agent.get('/admin/invitations');
      expect(list.text).to.contain(`action="/admin/invitations/${inv.id}/resend"`);
      const res = await agent.post(`/admin/invitations/${inv.id}/resend`).type('form').send({ _csrf: csrfFrom(list.text) });
      expect(res.status).to.equal(200);
      expect(res.text).to.contain('Nieuwe link voor Pagina Opnieuw');
      const fresh = linkOnPage(res.text, 'resent-link');
      expect((await request(app.baseUrl).get(fresh)).status).to.equal(200);
      expect((await request(app.baseUrl).get(inv.path)).status).to.equal(404);
    });

    it('when an expired invitation is resent, it gets a new expiry and is pending again', async () => {
      const { agent, csrf } = await signedIn(officer);
      const inv = await invite(agent, csrf, 'Verlopen Genodigde');
      await app.store.updateInvitation(inv.id, { expiresAt: '2020-01-01T00:00:00.000Z' });
      const listed = await agent.get('/api/invitations?state=expired').expect(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).to.include(inv.id);
      expect((await request(app.baseUrl).get(inv.path)).status).to.equal(404);
      const res = await agent.post(`/api/invitations/${inv.id}/resend`).set('X-CSRF-Token', csrf).expect(200);
      expect(res.body.invitation.state).to.equal('pending');
      expect(Date.parse(res.body.invitation.expiresAt)).to.be.greaterThan(Date.now());
      expect((await request(app.baseUrl).get(pathOf(res.body.link))).status).to.equal(200);
    });

    it('when an invitation is revoked from the page, its link answers 404, the list says so, and it cannot be resent or revoked again', async () => {
      const { agent, csrf } = await signedIn(officer);
      const inv = await invite(agent, csrf, 'Ingetrokken Genodigde');
      const list = await agent.get('/admin/invitations');
      const res = await agent.post(`/admin/invitations/${inv.id}/revoke`).type('form').send({ _csrf: csrfFrom(list.text) });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin/invitations');
      const after = await agent.get('/admin/invitations?state=revoked');
      expect(after.text).to.contain('ingetrokken.genodigde@herentals.test');
      expect(after.text).to.contain('is ingetrokken'); // the flash
      expect(after.text).to.not.contain(`action="/admin/invitations/${inv.id}/revoke"`);

      const link = await request(app.baseUrl).get(inv.path);
      expect(link.status).to.equal(404);
      expect((await agent.post(`/api/invitations/${inv.id}/revoke`).set('X-CSRF-Token', csrf)).status).to.equal(409);
      expect((await agent.post(`/api/invitations/${inv.id}/resend`).set('X-CSRF-Token', csrf)).status).to.equal(409);
      const page = await agent.post(`/admin/invitations/${inv.id}/resend`).type('form').send({ _csrf: csrfFrom(list.text) });
      expect(page.status).to.equal(409);
      expect(page.text).to.contain('al gebruikt of ingetrokken');
      expect((await auditOf('invitation', inv.id)).map((e) => e.action)).to.deep.equal(['invitation.revoked', 'invitation.created']);
    });

    it('when the list is filtered by state, only that state comes back; an unknown state is a 400 naming the field', async () => {
      const { agent, csrf } = await signedIn(officer);
      const kept = await invite(agent, csrf, 'Open Genodigde');
      const gone = await invite(agent, csrf, 'Weg Genodigde');
      await agent.post(`/api/invitations/${gone.id}/revoke`).set('X-CSRF-Token', csrf).expect(200);
      const pending = (await agent.get('/api/invitations?state=pending').expect(200)).body.items as { id: string; state: string }[];
      expect(pending.every((i) => i.state === 'pending')).to.equal(true);
      expect(pending.map((i) => i.id)).to.include(kept.id).and.not.include(gone.id);
      const bad = await agent.get('/api/invitations?state=lost');
      expect(bad.status).to.equal(400);
      expect(bad.body.error.fields).to.have.keys('state');
      expect((await agent.post('/api/invitations/no-such-id/revoke').set('X-CSRF-Token', csrf)).status).to.equal(404);
    });
  });

  describe('users', () => {
    it('when the programme team lists users, each has organisation, role, state and creation date, and the filters combine', async () => {
      const other = await app.createOrganisation({ name: 'Grobbendonk' });
      const a = await app.createMember(other.id, { name: 'Actieve Grobbendonker' });
      const b = await app.createMember(other.id, { name: 'Slapende Grobbendonker', active: false });
      const { agent } = await signedIn(officer);
      const all = (await agent.get(`/api/users?organisation=${other.id}`).expect(200)).body.items;
      expect(all.map((u: { id: string }) => u.id)).to.have.members([a.id, b.id]);
      expect(all[0]).to.have.keys('id', 'name', 'email', 'role', 'organisationId', 'organisationName', 'active', 'createdAt', 'updatedAt');
      expect(all[0]).to.include({ organisationName: 'Grobbendonk', role: 'member' });
      const inactive = (await agent.get(`/api/users?organisation=${other.id}&active=false`).expect(200)).body.items;
      expect(inactive.map((u: { id: string }) => u.id)).to.deep.equal([b.id]);
      const programme = (await agent.get('/api/users?role=programme').expect(200)).body.items;
      expect(programme.every((u: { role: string }) => u.role === 'programme')).to.equal(true);
      const bad = await agent.get('/api/users?role=boss&active=maybe');
      expect(bad.status).to.equal(400);
      expect(bad.body.error.fields).to.have.keys('role', 'active');

      const page = await agent.get(`/admin/users?organisation=${other.id}&active=true`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('Actieve Grobbendonker');
      expect(page.text).to.not.contain('Slapende Grobbendonker');
      expect(page.text).to.contain(`href="/admin/users/${a.id}/deactivate"`); // the confirmation step first
      const badPage = await agent.get('/admin/users?role=boss');
      expect(badPage.status).to.equal(400);
      expect(badPage.text).to.contain('Kies een geldige waarde');
    });

    it('when a member is deactivated, their session ends at once, their live socket is disconnected, and they cannot sign in; reactivated, they can', async () => {
      const member = await app.createMember(org.id, { name: 'Te Deactiveren' });
      const cookie = await cookieOf(member);
      expect((await request(app.baseUrl).get('/api/session').set('Cookie', cookie)).body.user).to.include({ id: member.id });
      const socket = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

      const { agent, csrf } = await signedIn(officer);
      const started = Date.now();
      const res = await agent.post(`/api/users/${member.id}/deactivate`).set('X-CSRF-Token', csrf).expect(200);
      expect(res.body.user).to.include({ id: member.id, active: false });
      expect(await disconnected).to.equal('io server disconnect');
      expect(Date.now() - started).to.be.below(1000);

      expect((await request(app.baseUrl).get('/api/session').set('Cookie', cookie)).body.user).to.equal(null);
      expect((await request(app.baseUrl).post('/api/session').send({ email: member.email, password: TEST_PASSWORD })).status).to.equal(401);
      const back = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
      sockets.push(back);
      await new Promise<void>((resolve, reject) => { back.once('connect', () => reject(new Error('connected'))); back.once('connect_error', () => resolve()); });

      await agent.post(`/api/users/${member.id}/reactivate`).set('X-CSRF-Token', csrf).expect(200);
      // The old session stays ended (it was removed, not just refused): a fresh sign-in is needed.
      expect((await request(app.baseUrl).get('/api/session').set('Cookie', cookie)).body.user).to.equal(null);
      expect((await request(app.baseUrl).post('/api/session').send({ email: member.email, password: TEST_PASSWORD })).status).to.equal(201);
      expect((await auditOf('user', member.id)).map((e) => e.action)).to.deep.equal(['user.reactivated', 'user.deactivated']);
    });

    it('when deactivated from the page, the list says so with a flash, and the user can be reactivated there', async () => {
      const member = await app.createMember(org.id, { name: 'Pagina Gebruiker' });
      const { agent } = await signedIn(officer);
      const page = await agent.get('/admin/users');
      const res = await agent.post(`/admin/users/${member.id}/deactivate`).type('form').send({ _csrf: csrfFrom(page.text) });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin/users');
      const after = await agent.get('/admin/users?active=false');
      expect(after.text).to.contain('Pagina Gebruiker is gedeactiveerd');
      expect(after.text).to.contain(`action="/admin/users/${member.id}/reactivate"`);
      await agent.post(`/admin/users/${member.id}/reactivate`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
      expect(await app.store.getUser(member.id)).to.include({ active: true });
    });

    it('when the programme team tries to deactivate themselves, it is refused with 409 and nothing changes', async () => {
      const { agent, csrf } = await signedIn(officer);
      const res = await agent.post(`/api/users/${officer.id}/deactivate`).set('X-CSRF-Token', csrf);
      expect(res.status).to.equal(409);
      expect(res.body.error.message).to.contain('eigen account');
      const page = await agent.get('/admin/users');
      expect(page.text).to.contain('Dat ben jij');
      expect(page.text).to.not.contain(`action="/admin/users/${officer.id}/deactivate"`);
      const form = await agent.post(`/admin/users/${officer.id}/deactivate`).type('form').send({ _csrf: csrfFrom(page.text) });
      expect(form.status).to.equal(409);
      expect(form.text).to.contain('eigen account');
      expect(await app.store.getUser(officer.id)).to.include({ active: true });
      expect((await agent.get('/api/session')).body.user).to.include({ id: officer.id });
    });

    it('when the last active programme account would be deactivated, the domain refuses it as a conflict', async () => {
      // Over HTTP the acting officer is always another active programme account; the rule bites when
      // officers deactivate each other at once (see the next test), or for an actor outside the store.
      const system = { id: 'system', role: 'programme' as const, organisationId: null, name: 'Systeem', email: 'system@medestander.test', phone: null };
      const others = await app.store.listUsers({ role: 'programme', active: true });
      for (const u of others.filter((u) => u.id !== officer.id)) await app.store.setUserActive(u.id, false, new Date().toISOString());
      try {
        const err = await app.services.users.deactivate(system, officer.id).then(() => null, (e: unknown) => e);
        expect(err).to.deep.include({ code: 'conflict', message: 'accounts_admin.errors.last_programme' });
        expect(await app.store.getUser(officer.id)).to.include({ active: true });
      } finally {
        for (const u of others) await app.store.setUserActive(u.id, true, new Date().toISOString());
      }
    });

    it('when a deactivated programme colleague is deactivated again or an unknown user is named, the answers are 200 and 404', async () => {
      const { agent, csrf } = await signedIn(officer);
      await agent.post(`/api/users/${colleague.id}/deactivate`).set('X-CSRF-Token', csrf).expect(200);
      await agent.post(`/api/users/${colleague.id}/deactivate`).set('X-CSRF-Token', csrf).expect(200);
      expect((await auditOf('user', colleague.id)).map((e) => e.action)).to.deep.equal(['user.deactivated']);
      await agent.post(`/api/users/${colleague.id}/reactivate`).set('X-CSRF-Token', csrf).expect(200);
      expect((await agent.post('/api/users/no-such-user/deactivate').set('X-CSRF-Token', csrf)).status).to.equal(404);
    });
  });
});

describe('accounts admin: two officers deactivating each other at once', () => {
  let app: TestApp;
  after(() => app?.close());

  it('when both ask at the same moment, one of them stays active', async () => {
    app = await startTestApp();
    const a = await app.createProgramme();
    const b = await app.createProgramme();
    const sign = async (u: User) => {
      const agent = request.agent(app.baseUrl);
      return { agent, csrf: await signIn(agent, u.email) };
    };
    const [sa, sb] = await Promise.all([sign(a), sign(b)]);
    const [ra, rb] = await Promise.all([
      sa.agent.post(`/api/users/${b.id}/deactivate`).set('X-CSRF-Token', sa.csrf),
      sb.agent.post(`/api/users/${a.id}/deactivate`).set('X-CSRF-Token', sb.csrf),
    ]);
    expect([ra.status, rb.status].filter((s) => s === 200)).to.have.length(1);
    expect(await app.store.listUsers({ role: 'programme', active: true })).to.have.length(1);
  });
});
