/**
 * Check-ins with the programme team over HTTP, sockets and a real SMTP server: who may do what, the flow
 * (request → confirm, request → propose → accept / ask again, cancel), one notification per event, the
 * .ics download's rules and content, its copy attached to the confirmation mail, the pages and the board.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { systemClock, type Clock } from '../../server/domain/clock.js';
import { brusselsWeek, toBrusselsIso } from '../../server/domain/check-in-times.js';
import { momentText } from '../../server/domain/check-ins.js';
import { icsUtc } from '../../server/domain/ics.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { csrfFrom, sessionCookie, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The real clock: sessions are kept by it and by the browser's cookie alike, so a fixed clock far from
 * today would sign everyone out. The moments are placed in this Brussels week (Monday to Sunday) and the
 * next, whatever day the test runs (not in the last minutes of a Sunday).
 */
const clock: Clock = systemClock;
const NOW = new Date();
const WEEK = brusselsWeek(NOW);
const minute = (ms: number) => toBrusselsIso(new Date(Math.floor(ms / 60_000) * 60_000));
const left = Date.parse(WEEK.to) - NOW.getTime();
const THURSDAY = minute(NOW.getTime() + left / 2);          // later this week
const FRIDAY = minute(NOW.getTime() + (left * 3) / 4);       // later still, this week
const NEXT_WEEK = minute(Date.parse(WEEK.to) + 2 * 86_400_000 + 11 * 3600_000);
const LATER = minute(Date.parse(WEEK.to) + 3 * 86_400_000 + 10 * 3600_000);
const PAST = minute(NOW.getTime() - 86_400_000);
const local = (iso: string) => iso.slice(0, 16);

interface Caller { agent: Agent; csrf: string; user: User }

describe('check-ins: requested by members, confirmed or moved by the programme team', function () {
  this.timeout(30_000);
  let app: TestApp;
  let smtp: TestSmtp;
  let lier: Organisation; let mol: Organisation;
  let lierMember: Caller; let lierOther: Caller; let molMember: Caller; let programme: Caller;
  let n = 0;

  async function caller(user: User): Promise<Caller> {
    const agent = request.agent(app.baseUrl);
    return { agent, csrf: await signIn(agent, user.email), user };
  }
  async function lierIdea(over: Partial<Idea> = {}): Promise<Idea> {
    const idea = makeIdea(lier.id, lierMember.user.id, { title: `Digitaal loket voor parkeervergunningen ${++n}`, createdAt: NOW.toISOString(), ...over });
    await app.store.createIdea(idea);
    return idea;
  }
  const post = (c: Caller, path: string, body: object = {}) => c.agent.post(path).set('X-CSRF-Token', c.csrf).send(body);
  const ask = (c: Caller, ideaId: string, moments = [THURSDAY, FRIDAY], note = 'Graag feedback op ons concept.') =>
    post(c, '/api/check-ins', { subject: { type: 'idea', id: ideaId }, moments, note });
  const notificationsOf = async (userId: string, kind: string) => (await app.store.listNotifications(userId, { limit: 100 })).filter((x) => x.kind === kind);

  before(async () => {
    smtp = await startSmtp();
    app = await startTestApp({ clock, env: {
      MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url, MAIL_FROM: 'Programmateam <noreply@medestander.test>',
      BASE_URL: 'https://medestander.example.be', MAIL_RETRY_SECONDS: '0.2', MAIL_POLL_SECONDS: '0.5',
    } });
    lier = await app.createOrganisation({ name: 'Lier' });
    mol = await app.createOrganisation({ name: 'Mol' });
    lierMember = await caller(await app.createMember(lier.id, { email: 'olga@lier.test', name: 'Olga' }));
    lierOther = await caller(await app.createMember(lier.id, { email: 'lars@lier.test', name: 'Lars', locale: 'en' }));
    molMember = await caller(await app.createMember(mol.id));
    programme = await caller(await app.createProgramme({ email: 'pia@programma.test', name: 'Pia' }));
  });
  after(async () => { await app?.close(); await smtp?.stop(); });

  describe('who may do what', () => {
    it('when a member of a partnership asks a check-in about it, then 201 with its title; a member of another local government 403; the page offers the form to members only', async () => {
      const idea = await lierIdea();
      const partnership = (await post(lierMember, '/api/partnerships', { ideaId: idea.id }).expect(201)).body;
      const res = await post(lierOther, '/api/check-ins', { subject: { type: 'partnership', id: partnership.id }, moments: [NEXT_WEEK] }).expect(201);
      expect(res.body.subject).to.include({ type: 'partnership', id: partnership.id, title: partnership.title });
      await post(molMember, '/api/check-ins', { subject: { type: 'partnership', id: partnership.id }, moments: [LATER] }).expect(403);
      expect((await lierMember.agent.get(`/partnerships/${partnership.id}`).expect(200)).text).to.contain('name="subjectType" value="partnership"');
      expect((await molMember.agent.get(`/partnerships/${partnership.id}`).expect(200)).text).not.to.contain('name="subjectType"');
      await post(lierOther, `/api/check-ins/${res.body.id}/cancel`).expect(200);
    });

    it('when a visitor asks, then 401; the programme team or a member of another local government, 403; an unknown idea, 404', async () => {
      const idea = await lierIdea();
      await request(app.baseUrl).post('/api/check-ins').send({}).expect(401);
      await request(app.baseUrl).get('/api/check-ins').expect(401);
      expect((await ask(programme, idea.id)).status).to.equal(403);
      const other = await ask(molMember, idea.id);
      expect(other.status).to.equal(403);
      expect(other.body.error.code).to.equal('forbidden');
      expect((await ask(lierMember, 'geen-idee')).status).to.equal(404);
    });

    it('when the input is wrong, then 400 naming each field: moments in the past, not in Brussels time, too many, the note too long', async () => {
      const idea = await lierIdea();
      const past = await ask(lierMember, idea.id, [THURSDAY, PAST]);
      expect(past.status).to.equal(400);
      expect(past.body.error.fields).to.have.key('moments.1');
      const utc = await ask(lierMember, idea.id, [new Date(THURSDAY).toISOString()]);
      expect(utc.body.error.fields).to.have.key('moments.0');
      const summer = await ask(lierMember, idea.id, [THURSDAY.replace(/[+-]\d{2}:\d{2}$/, (o) => (o === '+01:00' ? '+02:00' : '+01:00'))]);
      expect(summer.body.error.fields['moments.0'].message).to.match(/Brusselse tijd/);
      expect((await ask(lierMember, idea.id, [THURSDAY, FRIDAY, NEXT_WEEK, LATER])).body.error.fields).to.have.key('moments');
      expect((await ask(lierMember, idea.id, [])).body.error.fields).to.have.key('moments');
      expect((await ask(lierMember, idea.id, [THURSDAY, THURSDAY])).body.error.fields).to.have.key('moments.1');
      expect((await ask(lierMember, idea.id, [THURSDAY], 'x'.repeat(501))).body.error.fields).to.have.key('note');
      const partnership = await post(lierMember, '/api/check-ins', { subject: { type: 'partnership', id: 'p1' }, moments: [THURSDAY] });
      expect(partnership.status).to.equal(404);
      expect((await app.store.listCheckIns({ organisationId: lier.id })).filter((c) => c.subject.id === idea.id)).to.deep.equal([]);
    });

    it('when a withdrawn idea is the subject, or one is open already, then 409', async () => {
      const withdrawn = await lierIdea({ status: 'withdrawn' });
      expect((await ask(lierMember, withdrawn.id)).status).to.equal(409);
      const idea = await lierIdea();
      await ask(lierMember, idea.id).expect(201);
      expect((await ask(lierOther, idea.id)).status).to.equal(409);
    });

    it('when others look at a check-in, then only its local government and the programme team see it; only the programme team confirms', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      await molMember.agent.get(`/api/check-ins/${body.id}`).expect(403);
      await lierOther.agent.get(`/api/check-ins/${body.id}`).expect(200);
      await programme.agent.get(`/api/check-ins/${body.id}`).expect(200);
      expect((await molMember.agent.get('/api/check-ins').expect(200)).body.items.map((c: { id: string }) => c.id)).to.not.include(body.id);
      expect((await post(lierMember, `/api/check-ins/${body.id}/confirm`, { moment: THURSDAY })).status).to.equal(403);
      expect((await post(molMember, `/api/check-ins/${body.id}/cancel`)).status).to.equal(403);
      expect((await post(programme, `/api/check-ins/${body.id}/accept`)).status).to.equal(403);
      expect((await post(programme, '/api/check-ins/geen-check-in/confirm', { moment: THURSDAY })).status).to.equal(404);
      const notPreferred = await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: NEXT_WEEK });
      expect(notPreferred.status).to.equal(400);
      expect(notPreferred.body.error.fields).to.have.key('moment');
      expect((await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: THURSDAY, durationMinutes: 5 })).body.error.fields).to.have.key('durationMinutes');
      expect((await post(lierMember, `/api/check-ins/${body.id}/accept`)).status).to.equal(409); // nothing proposed
    });
  });

  describe('the flow', () => {
    it('when a member asks, then 201 requested, the programme team is told once (live and by mail), and it is in the audit log', async () => {
      const idea = await lierIdea();
      const res = await ask(lierMember, idea.id).expect(201);
      expect(res.headers.location).to.equal(`/api/check-ins/${res.body.id}`);
      expect(res.body).to.include({ status: 'requested', moment: null, durationMinutes: 30, note: 'Graag feedback op ons concept.' });
      expect(res.body.subject).to.deep.equal({ type: 'idea', id: idea.id, title: idea.title });
      expect(res.body.organisation).to.deep.equal({ id: lier.id, name: 'Lier' });
      expect(res.body.preferredMoments).to.deep.equal([THURSDAY, FRIDAY]);
      const told = (await notificationsOf(programme.user.id, 'check_in_requested')).filter((x) => x.link === `/check-ins#check-in-${res.body.id}`);
      expect(told).to.have.length(1);
      expect(told[0]!.params).to.include({ organisation: 'Lier', subject: idea.title });
      expect(await notificationsOf(lierMember.user.id, 'check_in_requested')).to.have.length(0);
      const audit = await app.store.listAudit({ limit: 10, targetType: 'check_in', targetId: res.body.id });
      expect(audit.map((e) => e.action)).to.deep.equal(['check_in.requested']);
      const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('pia@programma.test') && m.text.includes(res.body.id as string)), { what: 'the request mail', within: 10_000 });
      expect(mail.text).to.include(`https://medestander.example.be/check-ins#check-in-${res.body.id}`);
    });

    it('when the programme team confirms one of the moments, then the members are told once, live and by mail with the .ics attached', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      const cookie = await sessionCookie(app.baseUrl, lierOther.user.email);
      const socket: Socket = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
      const live: { kind: string; link: string }[] = [];
      socket.on('notification:created', (x: { kind: string; link: string }) => live.push(x));
      try {
        await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
        const res = await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: FRIDAY, place: 'https://meet.example.be/lier', durationMinutes: 45 }).expect(200);
        expect(res.body).to.include({ status: 'confirmed', moment: FRIDAY, durationMinutes: 45, place: 'https://meet.example.be/lier', sequence: 0 });
        await waitFor(() => live.find((x) => x.kind === 'check_in_confirmed' && x.link === `/check-ins#check-in-${body.id}`), { what: 'the live notice' });
      } finally {
        socket.close();
      }
      for (const member of [lierMember, lierOther]) {
        expect((await notificationsOf(member.user.id, 'check_in_confirmed')).filter((x) => x.link.endsWith(body.id))).to.have.length(1);
      }
      expect((await notificationsOf(programme.user.id, 'check_in_confirmed')).filter((x) => x.link.endsWith(body.id))).to.have.length(0);
      expect((await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: FRIDAY })).status).to.equal(409); // confirmed already

      // Lars reads English: the mail and its calendar file are in English; the .ics is a real attachment.
      const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('lars@lier.test') && m.raw.replace(/=\r?\n/g, '').includes(`check-in-${body.id}`)), { what: 'the confirmation mail', within: 10_000 });
      expect(mail.subject).to.equal(`Check-in confirmed: ${momentText(FRIDAY)}`);
      expect(mail.header('content-type')).to.match(/^multipart\/mixed/);
      const part = /Content-Type: text\/calendar[^\r\n]*method=REQUEST[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/i.exec(mail.raw);
      expect(part, 'a text/calendar part').to.not.equal(null);
      expect(mail.raw).to.match(/Content-Disposition: attachment; filename=check-in\.ics/i);
      const ics = /Content-Transfer-Encoding: base64/i.test(mail.raw.slice(mail.raw.search(/Content-Type: text\/calendar/i)))
        ? Buffer.from(part![1]!.replace(/\s+/g, ''), 'base64').toString('utf8') : part![1]!;
      const unfolded = ics.replace(/\r\n /g, '');
      expect(unfolded).to.include('METHOD:REQUEST\r\n').and.include(`UID:check-in-${body.id}@medestander.example.be\r\n`)
        .and.include(`DTSTART:${icsUtc(FRIDAY)}\r\n`).and.include(`DTEND:${icsUtc(new Date(Date.parse(FRIDAY) + 45 * 60_000).toISOString())}\r\n`).and.include('SEQUENCE:0\r\n')
        .and.include(`SUMMARY:Check-in: ${idea.title} (Lier)\r\n`).and.include('LOCATION:https://meet.example.be/lier\r\n')
        .and.include('ORGANIZER;CN="Programmateam":mailto:noreply@medestander.test\r\n').and.include('ATTENDEE;CN="Lars";');
    });

    it('when the programme team proposes another moment, then the members are told; accepting confirms it and tells the programme team', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      const proposed = await post(programme, `/api/check-ins/${body.id}/propose`, { moment: NEXT_WEEK, place: 'Herman Teirlinckgebouw, Brussel' }).expect(200);
      expect(proposed.body).to.include({ status: 'proposed', moment: NEXT_WEEK });
      expect(proposed.body.permissions).to.include({ confirm: true, propose: true, accept: false });
      expect((await notificationsOf(lierMember.user.id, 'check_in_proposed')).filter((x) => x.link.endsWith(body.id))).to.have.length(1);
      const seen = (await lierMember.agent.get(`/api/check-ins/${body.id}`).expect(200)).body;
      expect(seen.permissions).to.include({ accept: true, askAgain: true, confirm: false, ics: false });
      const accepted = await post(lierMember, `/api/check-ins/${body.id}/accept`).expect(200);
      expect(accepted.body).to.include({ status: 'confirmed', moment: NEXT_WEEK });
      expect((await notificationsOf(programme.user.id, 'check_in_confirmed')).filter((x) => x.link.endsWith(body.id))).to.have.length(1);
      expect((await notificationsOf(lierOther.user.id, 'check_in_confirmed')).filter((x) => x.link.endsWith(body.id))).to.have.length(1);
      expect((await notificationsOf(lierMember.user.id, 'check_in_confirmed')).filter((x) => x.link.endsWith(body.id))).to.have.length(0); // the one who accepted
      expect((await post(lierMember, `/api/check-ins/${body.id}/accept`)).status).to.equal(409);
      const audit = await app.store.listAudit({ limit: 10, targetType: 'check_in', targetId: body.id });
      expect(audit.map((e) => e.action).sort()).to.deep.equal(['check_in.accepted', 'check_in.proposed', 'check_in.requested']);
    });

    it('when the member asks again after a proposal, then it is requested with the new moments and the programme team is told again', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      await post(programme, `/api/check-ins/${body.id}/propose`, { moment: NEXT_WEEK }).expect(200);
      const again = await post(lierOther, `/api/check-ins/${body.id}/ask-again`, { moments: [LATER] }).expect(200);
      expect(again.body).to.include({ status: 'requested', moment: null });
      expect(again.body.preferredMoments).to.deep.equal([LATER]);
      expect((await notificationsOf(programme.user.id, 'check_in_requested')).filter((x) => x.link.endsWith(body.id))).to.have.length(2);
      const confirmed = await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: LATER }).expect(200);
      // The moment changed since the proposal: a calendar that had an earlier copy replaces it.
      expect(confirmed.body.sequence).to.be.greaterThan(0);
    });

    it('when either side cancels, then cancelled, the other side told once, no further step, and no calendar file', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: THURSDAY }).expect(200);
      const told = async () => ({
        programme: (await notificationsOf(programme.user.id, 'check_in_cancelled')).filter((n) => n.link.endsWith(body.id)).length,
        lier: (await notificationsOf(lierMember.user.id, 'check_in_cancelled')).filter((n) => n.link.endsWith(body.id)).length,
        other: (await notificationsOf(lierOther.user.id, 'check_in_cancelled')).filter((n) => n.link.endsWith(body.id)).length,
      });
      const cancelled = await post(lierOther, `/api/check-ins/${body.id}/cancel`).expect(200);
      expect(cancelled.body).to.include({ status: 'cancelled' });
      expect(await told()).to.deep.equal({ programme: 1, lier: 1, other: 0 });
      expect((await post(programme, `/api/check-ins/${body.id}/cancel`)).status).to.equal(409);
      expect((await post(programme, `/api/check-ins/${body.id}/propose`, { moment: NEXT_WEEK })).status).to.equal(409);
      await lierMember.agent.get(`/check-ins/${body.id}.ics`).expect(409);
      // The same subject can be asked about again once nothing is open.
      await ask(lierMember, idea.id).expect(201);
      const byProgramme = await lierIdea();
      const second = await ask(lierMember, byProgramme.id).expect(201);
      expect((await post(programme, `/api/check-ins/${second.body.id}/cancel`).expect(200)).body.status).to.equal('cancelled');
      const toLier = (await notificationsOf(lierMember.user.id, 'check_in_cancelled')).filter((n) => n.link.endsWith(second.body.id));
      expect(toLier).to.have.length(1);
      expect((await notificationsOf(programme.user.id, 'check_in_cancelled')).filter((n) => n.link.endsWith(second.body.id))).to.deep.equal([]);
    });

    it('when the programme team moves a confirmed check-in, then the SEQUENCE of its calendar file grows', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: THURSDAY }).expect(200);
      const first = (await lierMember.agent.get(`/check-ins/${body.id}.ics`).expect(200)).text;
      expect(first).to.include('SEQUENCE:0\r\n');
      await post(programme, `/api/check-ins/${body.id}/propose`, { moment: NEXT_WEEK }).expect(200);
      await post(lierMember, `/api/check-ins/${body.id}/accept`).expect(200);
      const second = (await lierMember.agent.get(`/check-ins/${body.id}.ics`).expect(200)).text;
      expect(second).to.include('SEQUENCE:1\r\n').and.include(`DTSTART:${icsUtc(NEXT_WEEK)}\r\n`);
    });
  });

  describe('the .ics download', () => {
    it('when its members or the programme team download a confirmed check-in, then a text/calendar attachment; others 401/403/404', async () => {
      const idea = await lierIdea({ title: 'Loket; samen, sneller' });
      const { body } = await ask(lierMember, idea.id).expect(201);
      await lierMember.agent.get(`/check-ins/${body.id}.ics`).expect(409); // not confirmed yet
      await post(programme, `/api/check-ins/${body.id}/confirm`, { moment: THURSDAY, place: 'Zaal 2, Brussel' }).expect(200);
      const res = await lierOther.agent.get(`/check-ins/${body.id}.ics`).expect(200);
      expect(res.headers['content-type']).to.match(/^text\/calendar; charset=utf-8/);
      expect(res.headers['content-disposition']).to.equal(`attachment; filename="check-in-${body.id}.ics"`);
      const text = res.text;
      expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).to.equal(true);
      expect(text.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).to.equal(true);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).to.be.at.most(75);
      const unfolded = text.replace(/\r\n /g, '');
      expect(unfolded).to.include(`DTSTART:${icsUtc(THURSDAY)}\r\n`).and.include(`DTEND:${icsUtc(new Date(Date.parse(THURSDAY) + 30 * 60_000).toISOString())}\r\n`)
        .and.match(/DTSTAMP:\d{8}T\d{6}Z\r\n/).and.include('LOCATION:Zaal 2\\, Brussel\r\n')
        .and.include('SUMMARY:Check-in: Loket\\; samen\\, sneller (Lier)\r\n').and.include(`UID:check-in-${body.id}@medestander.example.be\r\n`);
      await programme.agent.get(`/check-ins/${body.id}.ics`).expect(200);
      await molMember.agent.get(`/check-ins/${body.id}.ics`).expect(403);
      await request(app.baseUrl).get(`/check-ins/${body.id}.ics`).expect(303).expect('location', /^\/signin/); // a visitor signs in first
      await lierMember.agent.get('/check-ins/geen-check-in.ics').expect(404);
    });
  });

  describe('pages', () => {
    it('when a member opens its idea, then "Check-in aanvragen" is there; for another local government it is not', async () => {
      const idea = await lierIdea();
      expect((await lierMember.agent.get(`/ideas/${idea.id}`).expect(200)).text).to.include('Check-in aanvragen').and.include('name="subjectId" value="' + idea.id + '"');
      expect((await molMember.agent.get(`/ideas/${idea.id}`).expect(200)).text).to.not.include('action="/check-ins"');
    });

    it('when the form is sent with a moment in the past, then 400 with the form and what was typed; then sent well, the check-in is listed', async () => {
      const idea = await lierIdea();
      const page = await lierMember.agent.get(`/ideas/${idea.id}`).expect(200);
      const csrf = csrfFrom(page.text);
      const bad = await lierMember.agent.post('/check-ins').type('form')
        .send({ _csrf: csrf, subjectType: 'idea', subjectId: idea.id, moment1: local(PAST), moment2: local(THURSDAY), note: 'Over de <oproep>' }).expect(400);
      expect(bad.text).to.include('Dit moment is al voorbij').and.include(`value="${local(THURSDAY)}"`).and.include('Over de &lt;oproep&gt;');
      expect(bad.text).to.include('aria-invalid="true"');
      await lierMember.agent.post('/check-ins').type('form').send({ _csrf: csrf, subjectType: 'idea', subjectId: idea.id, moment1: local(THURSDAY), note: '' })
        .expect(303).expect('location', /^\/check-ins#check-in-/);
      const list = await lierMember.agent.get('/check-ins').expect(200);
      expect(list.text).to.include(idea.title).and.include('Aangevraagd').and.include(`datetime="${THURSDAY}"`);
      await lierMember.agent.post('/check-ins').type('form').send({ subjectType: 'idea', subjectId: idea.id, moment1: local(THURSDAY) }).expect(403); // no CSRF token
    });

    it('when the programme team opens /check-ins, then open ones come first with forms; confirming by form redirects, a wrong moment keeps the form', async () => {
      const idea = await lierIdea();
      const { body } = await ask(lierMember, idea.id).expect(201);
      const page = await programme.agent.get('/check-ins').expect(200);
      expect(page.text).to.include(`action="/check-ins/${body.id}/confirm"`).and.include(`action="/check-ins/${body.id}/propose"`);
      const firstCancelled = page.text.indexOf('Geannuleerd');
      expect(page.text.indexOf(`id="check-in-${body.id}"`)).to.be.lessThan(firstCancelled);
      const csrf = csrfFrom(page.text);
      const bad = await programme.agent.post(`/check-ins/${body.id}/propose`).type('form').send({ _csrf: csrf, moment: local(PAST), place: 'Zaal 7' }).expect(400);
      expect(bad.text).to.include('Dit moment is al voorbij').and.include('value="Zaal 7"');
      await programme.agent.post(`/check-ins/${body.id}/confirm`).type('form').send({ _csrf: csrf, moment: FRIDAY, durationMinutes: '30', place: '' }).expect(303);
      const after = await lierMember.agent.get('/check-ins').expect(200);
      expect(after.text).to.include(`/check-ins/${body.id}.ics`).and.include('Bevestigd');
      await molMember.agent.get('/check-ins').expect(200).expect((r) => { expect(r.text).to.not.include(body.id); });
      await request(app.baseUrl).get('/check-ins').expect(303).expect('location', /^\/signin/);
    });

    it('when the programme team opens the board, then this week\'s confirmed check-ins are listed (moment, local government, subject), next week\'s not, no contacts', async () => {
      const thisWeek = await lierIdea({ title: 'Deze week besproken' });
      const nextWeek = await lierIdea({ title: 'Volgende week besproken' });
      const a = await ask(lierMember, thisWeek.id).expect(201);
      await post(programme, `/api/check-ins/${a.body.id}/confirm`, { moment: FRIDAY }).expect(200);
      const b = await ask(lierMember, nextWeek.id, [NEXT_WEEK]).expect(201);
      await post(programme, `/api/check-ins/${b.body.id}/confirm`, { moment: NEXT_WEEK }).expect(200);
      const board = await programme.agent.get('/board').expect(200);
      const section = board.text.slice(board.text.indexOf('board-check-ins-title'), board.text.indexOf('</section>', board.text.indexOf('board-check-ins-title')));
      expect(section).to.include('Check-ins deze week').and.include('Deze week besproken').and.include('Lier').and.include(`datetime="${FRIDAY}"`);
      expect(section).to.not.include('Volgende week besproken').and.not.include('olga@lier.test');
      await lierMember.agent.get('/board').expect(403);
    });
  });
});
