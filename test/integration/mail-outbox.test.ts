import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request, { type Agent } from 'supertest';
import { createMailer } from '../../server/mail.js';
import { startMailOutbox } from '../../server/mail-outbox.js';
import { systemClock } from '../../server/domain/clock.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp.js';
import { signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Mail for notifications (issue 16.2) over the real app and a real SMTP server (smtp-server): the outbox
 * in the SQLite store, retries with backoff, a server that refuses or is away, no double sending, the
 * settings per kind, the unsubscribe link, and MAIL_TRANSPORT=off.
 */
describe('mail outbox: notifications by mail through a real SMTP server', function () {
  this.timeout(30_000);
  let smtp: TestSmtp;
  let app: TestApp;
  let n = 0;

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp({ env: {
      MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url, MAIL_FROM: 'Medestander <noreply@medestander.test>',
      BASE_URL: 'https://medestander.example.be', MAIL_RETRY_SECONDS: '0.2', MAIL_POLL_SECONDS: '0.5', MAIL_MAX_ATTEMPTS: '4',
    } });
  });
  after(async () => { await app?.close(); await smtp?.stop(); });

  /** Two fresh organisations: `owner` posts an idea, `endorser` can endorse it (both members sign in). */
  async function pair(ownerOver: Partial<User> = {}) {
    const k = (n += 1);
    const ownerOrg: Organisation = await app.createOrganisation({ name: `Mailgemeente ${k}A` });
    const endorserOrg: Organisation = await app.createOrganisation({ name: `Mailgemeente ${k}B` });
    const owner = await app.createMember(ownerOrg.id, { email: `owner${k}@mail.test`, name: `Olga ${k}`, ...ownerOver });
    const endorser = await app.createMember(endorserOrg.id, { email: `endorser${k}@mail.test`, name: `Eddy ${k}` });
    const idea: Idea = makeIdea(ownerOrg.id, owner.id, { title: `Digitaal loket voor parkeervergunningen ${k}`, createdAt: new Date().toISOString() });
    await app.store.createIdea(idea);
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, endorser.email);
    return { owner, endorser, ownerOrg, endorserOrg, idea, agent, csrf };
  }
  const endorse = (p: { agent: Agent; csrf: string; idea: Idea }) => p.agent.post(`/api/ideas/${p.idea.id}/endorsements`).set('X-CSRF-Token', p.csrf).send({});
  const mailsTo = (email: string): ReceivedMail[] => smtp.received.filter((m) => m.to.includes(email));
  async function mailTo(email: string, count = 1): Promise<ReceivedMail[]> {
    const deadline = Date.now() + 15_000;
    while (mailsTo(email).length < count) {
      if (Date.now() > deadline) throw new Error(`no mail to ${email}`);
      await smtp.waitFor(smtp.received.length + 1, deadline - Date.now()).catch(() => undefined);
    }
    return mailsTo(email);
  }
  /** Waits until the outbox has settled every row of this user (no pending or sending left). */
  async function settled(userId: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await app.store.listOutbox({ userId, limit: 50 });
      if (rows.length > 0 && rows.every((r) => r.state !== 'pending' && r.state !== 'sending')) return rows;
      if (Date.now() > deadline) throw new Error(`outbox of ${userId} not settled: ${JSON.stringify(rows.map((r) => [r.state, r.attempts]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('when an idea is endorsed, then its owner gets one mail in their language with a link to the idea and an unsubscribe link', async () => {
    const p = await pair({ locale: 'en' });
    await endorse(p).expect(201);
    const [endorsed] = await mailTo(p.owner.email, 1);
    expect(endorsed!.subject).to.equal(`${p.endorserOrg.name} supports your idea ‘${p.idea.title}’`);
    expect(endorsed!.text).to.include('Hello Olga');
    expect(endorsed!.text).to.include('You are now in contact'); // one notice, one mail for the one event (issue 16.3)
    expect(endorsed!.text).to.include(`https://medestander.example.be/ideas/${p.idea.id}`);
    const unsubscribe = /https:\/\/medestander\.example\.be\/mail\/unsubscribe\/(\S+)/.exec(endorsed!.text);
    expect(unsubscribe, 'unsubscribe link').to.not.equal(null);
    expect(endorsed!.header('list-unsubscribe')).to.equal(`<${unsubscribe![0]}>`);
    expect(endorsed!.header('list-unsubscribe-post')).to.equal('List-Unsubscribe=One-Click');
    expect(endorsed!.from).to.equal('noreply@medestander.test');
    // The endorser's side is told of the new contact, in Dutch (the default language).
    const [toEndorser] = await mailTo(p.endorser.email);
    expect(toEndorser!.subject).to.equal(`Je bent in contact met ${p.ownerOrg.name}`);
    const rows = await settled(p.owner.id);
    expect(rows.map((r) => r.state)).to.deep.equal(['sent']);
    expect(mailsTo(p.owner.email)).to.have.length(1);
  });

  it('when the SMTP server is away, then the request is answered at once, and the mail goes out once when it is back', async () => {
    const p = await pair();
    await smtp.stop();
    try {
      await endorse(p).expect(201);
      // It failed at least once and waits for its next attempt, kept in the store.
      const deadline = Date.now() + 10_000;
      let row;
      do {
        [row] = (await app.store.listOutbox({ userId: p.owner.id, limit: 5 })).filter((r) => r.kind === 'endorsed');
        if (row && row.attempts >= 1 && row.state === 'pending') break;
        await new Promise((r) => setTimeout(r, 50));
      } while (Date.now() < deadline);
      expect(row?.state).to.equal('pending');
      expect(row?.lastError).to.match(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      expect(mailsTo(p.owner.email)).to.have.length(0);
    } finally {
      await smtp.start();
    }
    await mailTo(p.owner.email, 1);
    await mailTo(p.endorser.email, 1);
    const rows = [...await settled(p.owner.id), ...await settled(p.endorser.id)];
    expect(rows.every((r) => r.state === 'sent')).to.equal(true);
    expect(mailsTo(p.owner.email)).to.have.length(1);
    expect(mailsTo(p.endorser.email)).to.have.length(1);
  });

  it('when the server refuses twice (451), then the mail is retried with backoff and delivered exactly once', async () => {
    const p = await pair();
    const before = smtp.refused;
    smtp.refuse(2);
    await endorse(p).expect(201);
    await mailTo(p.owner.email, 1);
    await mailTo(p.endorser.email, 1);
    const rows = [...await settled(p.owner.id), ...await settled(p.endorser.id)];
    expect(smtp.refused - before).to.equal(2);
    expect(rows.every((r) => r.state === 'sent')).to.equal(true);
    expect(rows.reduce((sum, r) => sum + r.attempts, 0)).to.equal(4); // 2 mails, 2 refusals
    expect(rows.filter((r) => r.lastError?.includes('451'))).to.have.length.within(1, 2);
    expect(mailsTo(p.owner.email)).to.have.length(1);
    expect(mailsTo(p.endorser.email)).to.have.length(1);
  });

  it('when the server keeps refusing, then after the last attempt the mail is kept as failed, not lost and not sent', async () => {
    const p = await pair();
    smtp.refuse(1000);
    try {
      await endorse(p).expect(201);
      const rows = await settled(p.owner.id);
      expect(rows.map((r) => [r.state, r.attempts])).to.deep.equal([['failed', 4]]);
      expect(rows[0]!.lastError).to.include('451');
      expect(mailsTo(p.owner.email)).to.have.length(0);
    } finally {
      smtp.refuse(0);
    }
  });

  it('when two senders work on the same outbox, then every mail is sent once', async () => {
    // A second sender on the same store, as a second instance would run: both race for every mail.
    const second = startMailOutbox({
      store: app.store, clock: systemClock, bus: app.services.bus, mailer: createMailer({ transport: 'smtp', url: smtp.url, from: 'x@medestander.test' }),
      logger: pino({ level: 'silent' }), baseUrl: 'https://medestander.example.be', secret: 'another instance, same secret'.padEnd(40, 'x'),
      options: { retryMs: 200, maxAttempts: 4, pollMs: 100 },
    });
    try {
      const pairs = await Promise.all([pair(), pair(), pair()]);
      await Promise.all(pairs.map((p) => endorse(p).expect(201)));
      for (const p of pairs) {
        await mailTo(p.owner.email, 1);
        await mailTo(p.endorser.email, 1);
        await settled(p.owner.id);
        await settled(p.endorser.id);
      }
      await second.idle();
      await app.handle.mailOutbox.idle();
      for (const p of pairs) {
        expect(mailsTo(p.owner.email)).to.have.length(1);
        expect(mailsTo(p.endorser.email)).to.have.length(1);
      }
    } finally {
      await second.close();
    }
  });

  it('when the daily digest runs, then a user on the digest gets it by mail with a link to the idea', async () => {
    const p = await pair();
    await app.store.setNotificationSettings(p.owner.id, { clusterJoined: 'daily' });
    const theirs = makeIdea(p.endorserOrg.id, p.endorser.id, { title: 'Parkeervergunningen digitaal aanvragen', createdAt: new Date().toISOString() });
    await app.store.createIdea(theirs);
    await app.store.queueDigestItems([{ id: `digest-${p.owner.id}`, userId: p.owner.id, ideaId: theirs.id, createdAt: new Date().toISOString() }]);
    const sent = await app.services.notifications.dailyDigest(new Date().toISOString());
    expect(sent.map((x) => x.userId)).to.include(p.owner.id);
    const [digest] = await mailTo(p.owner.email, 1);
    expect(digest!.subject).to.equal('Nieuwe gelijkaardige ideeën op Medestander');
    expect(digest!.text).to.include(p.endorserOrg.name).and.include(`https://medestander.example.be/ideas/${theirs.id}`);
    expect(digest!.text).to.match(/\/mail\/unsubscribe\/[^.\s]+\.digest\./);
  });

  it('when the owner chose "in the app only" for support, then no mail about it is sent, and the notification is still there', async () => {
    const p = await pair();
    await app.store.setNotificationSettings(p.owner.id, { endorsed: 'app' });
    await endorse(p).expect(201);
    const rows = await settled(p.owner.id);
    expect(rows.map((r) => [r.kind, r.state, r.lastError])).to.deep.equal([['endorsed', 'skipped', 'setting: app']]);
    await mailTo(p.endorser.email, 1); // the same round's other mail went out: this one was decided, not forgotten
    expect(mailsTo(p.owner.email)).to.deep.equal([]);
    const inbox = await app.store.listNotifications(p.owner.id, { limit: 10 });
    expect(inbox.map((x) => x.kind)).to.deep.equal(['endorsed']);
  });

  it('when the owner chose "never" for support, then neither a notification nor a mail is made for it', async () => {
    const p = await pair();
    await app.store.setNotificationSettings(p.owner.id, { endorsed: 'never' });
    await endorse(p).expect(201);
    await mailTo(p.endorser.email, 1);
    expect(await app.store.listNotifications(p.owner.id, { limit: 10 })).to.deep.equal([]);
    expect(await app.store.listOutbox({ userId: p.owner.id, limit: 10 })).to.deep.equal([]);
    expect(mailsTo(p.owner.email)).to.deep.equal([]);
  });

  it('when the unsubscribe link is opened without signing in, then it asks first, and its button switches only that kind to in-the-app', async () => {
    const p = await pair();
    await endorse(p).expect(201);
    const [endorsed] = await mailTo(p.owner.email, 1);
    const link = /https:\/\/medestander\.example\.be(\/mail\/unsubscribe\/\S+)/.exec(endorsed!.text)![1]!;
    const visitor = request.agent(app.baseUrl);
    const page = await visitor.get(link).expect(200);
    expect(page.text).to.include('steunbetuigingen voor je ideeën');
    expect(page.text).to.include(p.owner.email);
    expect((await app.store.getNotificationSettings(p.owner.id)).endorsed).to.equal('mail'); // a GET changes nothing
    const done = await visitor.post(link).type('form').send({}).expect(200);
    expect(done.text).to.include('Je bent uitgeschreven');
    const settings = await app.store.getNotificationSettings(p.owner.id);
    expect(settings.endorsed).to.equal('app');
    expect(settings.connected).to.equal('mail');
  });

  it('when the mail client posts the one-click unsubscribe (RFC 8058), then it works without a session or CSRF token', async () => {
    const p = await pair();
    await endorse(p).expect(201);
    const [connected] = await mailTo(p.endorser.email, 1);
    const link = /<https:\/\/medestander\.example\.be(\/mail\/unsubscribe\/\S+)>/.exec(connected!.header('list-unsubscribe')!)![1]!;
    await request(app.baseUrl).post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await app.store.getNotificationSettings(p.endorser.id)).connected).to.equal('app');
    expect((await app.store.getNotificationSettings(p.endorser.id)).endorsed).to.equal('mail');
  });

  it('when an unsubscribe link is tampered with, then it answers 404 and changes nothing', async () => {
    const p = await pair();
    for (const bad of [`${p.owner.id}.endorsed.AAAA`, `${p.owner.id}.everything.AAAA`, 'nonsense', `${p.endorser.id}.endorsed.${'A'.repeat(43)}`]) {
      const res = await request(app.baseUrl).get(`/mail/unsubscribe/${encodeURIComponent(bad)}`).expect(404);
      expect(res.text).to.include('niet geldig');
      await request(app.baseUrl).post(`/mail/unsubscribe/${encodeURIComponent(bad)}`).type('form').send({}).expect(404);
    }
    expect((await app.store.getNotificationSettings(p.owner.id)).endorsed).to.equal('mail');
  });
});

describe('mail outbox: MAIL_TRANSPORT=off', () => {
  it('when mail is off, then the app behaves as before and the log says what it would have sent', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } }));
    const app = await startTestApp({ logger, env: { MAIL_POLL_SECONDS: '0.5' } });
    try {
      const ownerOrg = await app.createOrganisation({ name: 'Stilgemeente A' });
      const endorserOrg = await app.createOrganisation({ name: 'Stilgemeente B' });
      const owner = await app.createMember(ownerOrg.id, { email: 'owner.off@mail.test' });
      const endorser = await app.createMember(endorserOrg.id);
      const idea = makeIdea(ownerOrg.id, owner.id, { title: 'Digitaal loket voor afvalkalenders', createdAt: new Date().toISOString() });
      await app.store.createIdea(idea);
      const agent = request.agent(app.baseUrl);
      const csrf = await signIn(agent, endorser.email);
      await agent.post(`/api/ideas/${idea.id}/endorsements`).set('X-CSRF-Token', csrf).send({}).expect(201);
      const deadline = Date.now() + 10_000;
      let rows;
      do {
        rows = await app.store.listOutbox({ userId: owner.id, limit: 10 });
        if (rows.length === 1 && rows.every((r) => r.state === 'skipped')) break;
        await new Promise((r) => setTimeout(r, 50));
      } while (Date.now() < deadline);
      expect(rows.map((r) => r.lastError)).to.deep.equal(['MAIL_TRANSPORT=off']);
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; mail?: { to: string; subject: string; text: string } })
        .filter((l) => l.msg.includes('MAIL_TRANSPORT=off') && l.mail?.to === 'owner.off@mail.test');
      expect(logged).to.have.length(1);
      expect(logged[0]!.mail!.subject).to.equal('Stilgemeente B steunt je idee ‘Digitaal loket voor afvalkalenders’');
      expect(logged[0]!.mail!.text).to.include(`/ideas/${idea.id}`);
    } finally {
      await app.close();
    }
  });
});
