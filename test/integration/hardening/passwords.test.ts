import { expect } from 'chai';
import request from 'supertest';
import { systemClock, type Clock } from '../../../server/domain/clock.js';
import type { Mailer } from '../../../server/mail.js';
import { csrfFrom, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../../support/start-test-app.js';

/** A real mailer's contract, keeping what it would send (there is no SMTP server here). */
function outbox(): Mailer & { sent: { to: string; subject: string; text: string }[] } {
  const sent: { to: string; subject: string; text: string }[] = [];
  return { enabled: true, sent, send: async (m) => { sent.push(m); } };
}
const linkIn = (text: string) => new URL(/(http:\/\/\S+\/password\/reset\/\S+)/.exec(text)![1]!).pathname;
const STRONG = 'fietsenstalling aan het station van Lier';

describe('hardening: password strength, change and reset (issue 15.3)', () => {
  let app: TestApp;
  let orgId: string;
  let now = Date.now();
  const clock: Clock = { ...systemClock, now: () => new Date(now) };
  const mail = outbox();

  before(async () => {
    app = await startTestApp({ clock, mailer: mail });
    orgId = (await app.createOrganisation()).id;
  });
  after(() => app.close());

  async function invitationPath(name: string, email: string): Promise<string> {
    const officer = request.agent(app.baseUrl);
    const csrf = await signIn(officer, (await app.createProgramme()).email);
    const res = await officer.post('/api/invitations').set('X-CSRF-Token', csrf).send({ name, email, organisationId: orgId });
    expect(res.status).to.equal(201);
    return new URL(res.body.link as string).pathname;
  }

  it('when an invitee picks a weak password, each is refused with a Dutch message naming the field and what is weak, and the phone is kept', async () => {
    const path = await invitationPath('Jan Claes', 'jan.claes@geel.test');
    const invitee = request.agent(app.baseUrl);
    const csrf = csrfFrom((await invitee.get(path)).text);
    const cases: [string, RegExp][] = [
      ['aaaaaaaaaa', /herhaalt dezelfde tekens/],
      ['1234567890', /veelgebruikt wachtwoord/],
      ['password12', /veelgebruikt wachtwoord|te makkelijk te raden/],
      ['          ', /te makkelijk te raden/],
      ['😀😀😀😀😀😀😀😀😀😀', /herhaalt dezelfde tekens|te makkelijk te raden/],
      ['jan.claes@geel.test', /je naam of e-mailadres/],
      ['JanClaes2026!!', /je naam of e-mailadres/],
      ['azertyuiop', /toetsenbord/],
    ];
    for (const [password, message] of cases) {
      const res = await invitee.post(path).type('form').send({ _csrf: csrf, password, passwordConfirm: password, phone: '014 56 66 11' });
      expect(res.status, password).to.equal(400);
      expect(res.text, password).to.match(/id="password-error"/);
      expect(res.text, password).to.match(message);
      expect(res.text).to.contain('value="014 56 66 11"');
    }
    expect(await app.store.getUserByEmail('jan.claes@geel.test')).to.equal(null);
    const ok = await invitee.post(path).type('form').send({ _csrf: csrf, password: STRONG, passwordConfirm: STRONG });
    expect(ok.status).to.equal(303);
  });

  it('when the API is given a weak new password, the 400 names `password` in the caller’s language', async () => {
    const user = await app.createMember(orgId);
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, user.email);
    const res = await agent.post('/api/account/password').set('X-CSRF-Token', csrf).set('Cookie', 'lang=en')
      .send({ currentPassword: TEST_PASSWORD, password: 'password12' });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields).to.have.key('password');
    expect(res.body.error.fields.password.message).to.match(/^Password /);
  });

  it('when a member changes the password with the right current one, the old stops working, other sessions and their sockets end, this one goes on', async () => {
    const user = await app.createMember(orgId);
    const here = request.agent(app.baseUrl);
    const there = request.agent(app.baseUrl);
    const csrf = await signIn(here, user.email);
    await signIn(there, user.email);

    const wrong = await here.post('/api/account/password').set('X-CSRF-Token', csrf).send({ currentPassword: 'niet mijn wachtwoord', password: STRONG });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.error.fields).to.have.key('currentPassword');

    const ok = await here.post('/api/account/password').set('X-CSRF-Token', csrf).send({ currentPassword: TEST_PASSWORD, password: STRONG, passwordConfirm: STRONG });
    expect(ok.status).to.equal(200);
    expect(ok.body.csrfToken).to.be.a('string');
    expect((await here.get('/api/session')).body.user?.id).to.equal(user.id);
    expect((await there.get('/api/session')).body.user).to.equal(null);
    expect((await request(app.baseUrl).post('/api/session').send({ email: user.email, password: TEST_PASSWORD })).status).to.equal(401);
    expect((await request(app.baseUrl).post('/api/session').send({ email: user.email, password: STRONG })).status).to.equal(201);
  });

  it('when the change-password page is posted with a weak password, it answers 400 naming the field', async () => {
    const user = await app.createMember(orgId);
    const agent = request.agent(app.baseUrl);
    await signIn(agent, user.email);
    const page = await agent.get('/account/password');
    expect(page.status).to.equal(200);
    const res = await agent.post('/account/password').type('form').send({ _csrf: csrfFrom(page.text), currentPassword: TEST_PASSWORD, password: '1234567890', passwordConfirm: '1234567890' });
    expect(res.status).to.equal(400);
    expect(res.text).to.match(/id="password-error"[^<]*Wachtwoord is een veelgebruikt/);
  });

  it('when someone asks for a reset link, the answer is the same for a known and an unknown address, and only the known one gets mail', async () => {
    const user = await app.createMember(orgId);
    mail.sent.length = 0;
    const known = await request(app.baseUrl).post('/api/password/forgot').send({ email: user.email.toUpperCase() });
    const unknown = await request(app.baseUrl).post('/api/password/forgot').send({ email: 'niemand@nergens.test' });
    expect([known.status, unknown.status]).to.deep.equal([202, 202]);
    expect(known.body).to.deep.equal(unknown.body);
    const page = request.agent(app.baseUrl);
    const form = await page.get('/password/forgot');
    const sent = await page.post('/password/forgot').type('form').send({ _csrf: csrfFrom(form.text), email: 'niemand@nergens.test' });
    expect(sent.status).to.equal(200);
    expect(sent.text).to.contain('niemand@nergens.test'); // kept, and the same sentence as for a known address
    await new Promise((r) => setImmediate(r));
    expect(mail.sent.map((m) => m.to)).to.deep.equal([user.email]);
  });

  it('when the link is used, the password is set, the user is signed in here and everywhere else out; the link then no longer works', async () => {
    const user = await app.createMember(orgId);
    const elsewhere = request.agent(app.baseUrl);
    await signIn(elsewhere, user.email);
    mail.sent.length = 0;
    await request(app.baseUrl).post('/api/password/forgot').send({ email: user.email });
    await new Promise((r) => setImmediate(r));
    const path = linkIn(mail.sent[0]!.text);
    const token = path.split('/').pop()!;

    const browser = request.agent(app.baseUrl);
    const form = await browser.get(path);
    expect(form.status).to.equal(200);
    const weak = await browser.post(path).type('form').send({ _csrf: csrfFrom(form.text), password: 'aaaaaaaaaa', passwordConfirm: 'aaaaaaaaaa' });
    expect(weak.status).to.equal(400);
    expect(weak.text).to.match(/id="password-error"/);
    const done = await browser.post(path).type('form').send({ _csrf: csrfFrom(form.text), password: STRONG, passwordConfirm: STRONG });
    expect(done.status).to.equal(303);
    expect((await browser.get('/api/session')).body.user?.id).to.equal(user.id);
    expect((await elsewhere.get('/api/session')).body.user).to.equal(null);

    expect((await request(app.baseUrl).get(path)).status).to.equal(404);
    const again = await request(app.baseUrl).post('/api/password/reset').send({ token, password: 'nog een andere lange zin hier' });
    expect(again.status).to.equal(404);
  });

  it('when one link is used twice at the same moment, one use sets the password and the other is refused as a used link', async () => {
    const user = await app.createMember(orgId);
    mail.sent.length = 0;
    await request(app.baseUrl).post('/api/password/forgot').send({ email: user.email });
    await new Promise((r) => setImmediate(r));
    const token = linkIn(mail.sent[0]!.text).split('/').pop()!;
    const other = 'een tweede lange zin als wachtwoord, ook sterk genoeg';
    const [a, b] = await Promise.all([
      request(app.baseUrl).post('/api/password/reset').send({ token, password: STRONG }),
      request(app.baseUrl).post('/api/password/reset').send({ token, password: other }),
    ]);
    expect([a.status, b.status].filter((x) => x < 300)).to.have.length(1);
    expect([a.status, b.status]).to.include(404);
    const winner = a.status < 300 ? STRONG : other;
    const loser = a.status < 300 ? other : STRONG;
    expect((await request(app.baseUrl).post('/api/session').send({ email: user.email, password: winner })).status).to.equal(201);
    expect((await request(app.baseUrl).post('/api/session').send({ email: user.email, password: loser })).status).to.equal(401);
  });

  it('when the link is older than its lifetime, it answers 404 and changes nothing', async () => {
    const user = await app.createMember(orgId);
    mail.sent.length = 0;
    await request(app.baseUrl).post('/api/password/forgot').send({ email: user.email });
    await new Promise((r) => setImmediate(r));
    const token = linkIn(mail.sent[0]!.text).split('/').pop()!;
    now += 61 * 60_000;
    try {
      const res = await request(app.baseUrl).post('/api/password/reset').send({ token, password: STRONG });
      expect(res.status).to.equal(404);
      expect((await request(app.baseUrl).post('/api/session').send({ email: user.email, password: TEST_PASSWORD })).status).to.equal(201);
    } finally {
      now = Date.now();
    }
  });
});
