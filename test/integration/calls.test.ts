/**
 * Calls for proposals over HTTP: everyone reads them (pages and API) with their status and countdown,
 * only the programme team adds and changes them, every change is in the audit log and the exports.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import type { Clock } from '../../server/domain/clock.js';
import type { User } from '../../server/store/store.js';
import { makeCall } from '../support/factories.js';
import { csrfFrom, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

/** Monday 7 December 2026, 10:00 in Brussels; timers run for real. */
const NOW = new Date('2026-12-07T10:00:00+01:00');
const clock: Clock = { now: () => new Date(NOW), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

const call5 = {
  number: 5, name: 'Oproep 5 – thematische projecten', type: 'thematic', themes: ['services'],
  opensAt: '2026-11-02T00:00:00+01:00', closesAt: '2026-12-19T23:59:59+01:00', rules: { minPartners: 2, maxPartners: 16 },
  description: 'Werk samen aan een thematisch project.',
};

describe('calls for proposals: pages and API', () => {
  let app: TestApp;
  let programme: Agent; let programmeCsrf: string;
  let member: Agent; let memberCsrf: string;
  let memberUser: User;
  let openId: string;

  before(async () => {
    app = await startTestApp({ clock });
    const org = await app.createOrganisation({ province: 'Antwerpen' });
    memberUser = await app.createMember(org.id);
    const staff = await app.createProgramme();
    programme = request.agent(app.baseUrl);
    programmeCsrf = await signIn(programme, staff.email);
    member = request.agent(app.baseUrl);
    memberCsrf = await signIn(member, memberUser.email);
    const res = await programme.post('/api/calls').set('X-CSRF-Token', programmeCsrf).send(call5).expect(201);
    openId = res.body.id as string;
  });
  after(() => app?.close());

  it('when the programme team adds a call over the API, then 201 with the type\'s caps, its status and countdown, and an audit entry', async () => {
    const res = await programme.get(`/api/calls/${openId}`).expect(200);
    expect(res.body).to.include({ number: 5, type: 'thematic', maxSubsidyEur: 500_000, maxDurationMonths: 36, status: 'open' });
    expect(res.body.countdown).to.deep.equal({ days: 12, hours: 13, minutes: 59 });
    const audit = await app.store.listAudit({ limit: 10, targetType: 'call', targetId: openId });
    expect(audit.map((e) => e.action)).to.deep.equal(['call.created']);
  });

  it('when a visitor reads the calls, then the API and the pages answer with status and countdown, in Brussels time', async () => {
    const list = await request(app.baseUrl).get('/api/calls').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).to.include(openId);
    const page = await request(app.baseUrl).get('/calls').expect(200);
    expect(page.text).to.include('Oproep 5 – thematische projecten').and.include('Oproep 5 – thematische projecten sluit over 12 dagen')
      .and.include('19 december 2026').and.include('Minstens 2 besturen in het partnerschap');
    expect(page.text).not.to.include('/admin/calls/new');
    const one = await request(app.baseUrl).get(`/calls/${openId}`).expect(200);
    expect(one.text).to.include('Werk samen aan een thematisch project.').and.not.include(`/calls/${openId}/edit`);
    await request(app.baseUrl).get('/calls/geen-oproep').expect(404);
  });

  it('when the calls page lists an open and a decided call, then the open one comes first, whatever their numbers', async () => {
    await programme.post('/api/calls').set('X-CSRF-Token', programmeCsrf)
      .send({ number: 2, name: 'Oproep 2 – thematische projecten', type: 'thematic', opensAt: '2021-11-22T00:00:00+01:00', closesAt: '2022-02-04T23:59:59+01:00', decided: true })
      .expect(201);
    const page = await request(app.baseUrl).get('/calls').expect(200);
    const open = page.text.indexOf('Oproep 5 – thematische projecten');
    const decided = page.text.indexOf('Oproep 2 – thematische projecten');
    expect(open).to.be.greaterThan(-1);
    expect(decided, 'the decided call after the open one').to.be.greaterThan(open);
    const api = await request(app.baseUrl).get('/api/calls').expect(200);
    expect(api.body.items.map((c: { number: number }) => c.number), 'the API keeps the order by number').to.deep.equal([2, 5]);
  });

  it('when the home page is opened, then it shows the open call with its countdown', async () => {
    const home = await request(app.baseUrl).get('/').expect(200);
    expect(home.text).to.include('Oproep 5 – thematische projecten sluit over 12 dagen');
    const en = await request(app.baseUrl).get('/').set('Cookie', 'lang=en').expect(200);
    expect(en.text).to.include('Oproep 5 – thematische projecten closes in 12 days');
  });

  it('when the board is opened, then it shows the open call with its countdown', async () => {
    const board = await programme.get('/board').expect(200);
    expect(board.text).to.include('Oproep 5 – thematische projecten sluit over 12 dagen');
  });

  it('when a member creates or changes a call, then 403; a visitor gets 401; nothing changes', async () => {
    await member.post('/api/calls').set('X-CSRF-Token', memberCsrf).send({ ...call5, number: 6 }).expect(403);
    await member.patch(`/api/calls/${openId}`).set('X-CSRF-Token', memberCsrf).send({ name: 'Gekaapt' }).expect(403);
    await request(app.baseUrl).post('/api/calls').send({ ...call5, number: 6 }).expect(401);
    await request(app.baseUrl).patch(`/api/calls/${openId}`).send({ name: 'Gekaapt' }).expect(401);
    await member.get('/admin/calls/new').expect(403);
    await request(app.baseUrl).get('/admin/calls/new').expect(303);
    const stored = await app.store.listCalls();
    expect(stored.map((c) => c.number)).to.not.include(6);
    expect(stored.find((c) => c.id === openId)?.name).to.equal(call5.name);
  });

  it('when the programme team sends a call without a CSRF token, then 403', async () => {
    await programme.post('/api/calls').send({ ...call5, number: 6 }).expect(403);
  });

  it('when a field is wrong, then 400 naming the field', async () => {
    const noClose = await programme.post('/api/calls').set('X-CSRF-Token', programmeCsrf).send({ ...call5, number: 6, closesAt: undefined }).expect(400);
    expect(noClose.body.error.fields).to.have.property('closesAt');
    const noOffset = await programme.post('/api/calls').set('X-CSRF-Token', programmeCsrf).send({ ...call5, number: 6, closesAt: '2026-12-31T23:59:59' }).expect(400);
    expect(noOffset.body.error.fields).to.have.property('closesAt');
    const backwards = await programme.patch(`/api/calls/${openId}`).set('X-CSRF-Token', programmeCsrf).send({ rules: { minPartners: 5, maxPartners: 3 } }).expect(400);
    expect(backwards.body.error.fields).to.have.property('rules.maxPartners');
    const badType = await programme.post('/api/calls').set('X-CSRF-Token', programmeCsrf).send({ ...call5, number: 6, type: 'mega' }).expect(400);
    expect(badType.body.error.fields).to.have.property('type');
  });

  it('when a number is already used, then 409 over the API, and the form keeps what was typed', async () => {
    const res = await programme.post('/api/calls').set('X-CSRF-Token', programmeCsrf).send({ ...call5, name: 'Oproep 5 bis' }).expect(409);
    expect(res.body.error.code).to.equal('conflict');
    const form = await programme.get('/admin/calls/new').expect(200);
    const page = await programme.post('/admin/calls/new').type('form')
      .send({ _csrf: csrfFrom(form.text), number: '5', name: 'Tweede vijf', type: 'concept', closesAt: '2027-01-31' }).expect(409);
    expect(page.text).to.include('value="Tweede vijf"').and.include('number-error').and.include('Oproep 5 bestaat al.');
  });

  it('when the form misses a field, then 400 naming it and keeping what was typed', async () => {
    const form = await programme.get('/admin/calls/new').expect(200);
    const page = await programme.post('/admin/calls/new').type('form')
      .send({ _csrf: csrfFrom(form.text), number: '9', name: 'Oproep 9 – zonder einde', type: 'concept', description: 'Onze eigen tekst' }).expect(400);
    expect(page.text).to.include('closesAt-error').and.include('value="Oproep 9 – zonder einde"').and.include('Onze eigen tekst');
    expect(await app.store.getCallByNumber(9)).to.equal(null);
  });

  it('when the programme team adds and then edits a call through the forms, then it is stored in Brussels time and audited', async () => {
    const form = await programme.get('/admin/calls/new').expect(200);
    const created = await programme.post('/admin/calls/new').type('form')
      .send({ _csrf: csrfFrom(form.text), number: '7', name: 'Oproep 7 – transformatie', type: 'transformation', themes: ['services', 'workplace'], opensAt: '2027-03-01', closesAt: '2027-06-30', minPartners: '2' })
      .expect(303);
    const call = (await app.store.getCallByNumber(7))!;
    expect(created.headers.location).to.equal(`/calls/${call.id}`);
    expect(call).to.include({ opensAt: '2027-03-01T00:00:00+01:00', closesAt: '2027-06-30T23:59:59+02:00', maxSubsidyEur: 2_000_000, realiseBy: '2025-12-31' });
    expect(call.themes).to.deep.equal(['services', 'workplace']);
    const edit = await programme.get(`/calls/${call.id}/edit`).expect(200);
    expect(edit.text).to.include('value="2027-06-30"');
    await programme.post(`/calls/${call.id}/edit`).type('form')
      .send({ _csrf: csrfFrom(edit.text), number: '7', name: 'Oproep 7 – transformatieprojecten', type: 'transformation', closesAt: '2027-07-15', maxPartners: '10', minPartners: '2' })
      .expect(303);
    const updated = (await app.store.getCall(call.id))!;
    expect(updated).to.include({ name: 'Oproep 7 – transformatieprojecten', closesAt: '2027-07-15T23:59:59+02:00' });
    expect(updated.themes).to.equal(null);
    expect(updated.rules).to.deep.equal({ minPartners: 2, maxPartners: 10 });
    const audit = await app.store.listAudit({ limit: 10, targetType: 'call', targetId: call.id });
    expect(audit.map((e) => e.action)).to.have.members(['call.created', 'call.updated']); // one frozen clock: same time, any order
    const log = await programme.get('/admin/audit?kind=call').expect(200);
    expect(log.text).to.include('Wijzigde oproep 7');
  });

  it('when the programme team exports the calls, then CSV and JSON list them with their status; a member gets 403', async () => {
    const json = await programme.get('/api/exports/calls.json').expect(200);
    const five = json.body.items.find((c: { number: number }) => c.number === 5);
    expect(five).to.include({ status: 'open', maxPartners: 16 });
    const csv = await programme.get('/api/exports/calls.csv').expect(200);
    expect(csv.text).to.include('Oproep 5 – thematische projecten');
    await member.get('/api/exports/calls.json').expect(403);
  });

  describe('an idea aims at a call', () => {
    const idea = {
      title: 'Samen een digitaal loket voor vergunningen', theme: 'services',
      description: 'Eén online loket voor alle vergunningen, met opvolging van de aanvraag voor inwoners en ondernemers.',
    };

    it('when a member submits an idea with an existing callId over the API, then 201 with the callId, and the idea page links to the call', async () => {
      const res = await member.post('/api/ideas').set('X-CSRF-Token', memberCsrf).send({ ...idea, callId: openId }).expect(201);
      expect(res.body.callId).to.equal(openId);
      const page = await request(app.baseUrl).get(`/ideas/${res.body.id}`).expect(200);
      expect(page.text).to.include(`href="/calls/${openId}"`).and.include('Oproep 5 – thematische projecten');
      const cleared = await member.patch(`/api/ideas/${res.body.id}`).set('X-CSRF-Token', memberCsrf).send({ callId: null }).expect(200);
      expect(cleared.body.callId).to.equal(null);
    });

    it('when the callId does not exist, then 400 naming callId, on posting and on editing', async () => {
      const res = await member.post('/api/ideas').set('X-CSRF-Token', memberCsrf).send({ ...idea, callId: 'geen-oproep' }).expect(400);
      expect(Object.keys(res.body.error.fields)).to.deep.equal(['callId']);
      const made = await member.post('/api/ideas').set('X-CSRF-Token', memberCsrf).send(idea).expect(201);
      expect(made.body.callId).to.equal(null);
      const patched = await member.patch(`/api/ideas/${made.body.id}`).set('X-CSRF-Token', memberCsrf).send({ callId: 'geen-oproep' }).expect(400);
      expect(patched.body.error.fields).to.have.property('callId');
    });

    it('when the idea form is used, then it offers upcoming and open calls only, "geen specifieke oproep" first, and keeps the choice after a refusal', async () => {
      await app.store.createCall(makeCall({ number: 1, name: 'Oproep 1 – gesloten', opensAt: '2026-01-05T00:00:00+01:00', closesAt: '2026-02-27T23:59:59+01:00' }));
      const form = await member.get('/ideas/new').expect(200);
      expect(form.text).to.include('<option value="">Geen specifieke oproep</option>').and.include(`<option value="${openId}">Oproep 5`).and.not.include('Oproep 1 – gesloten');
      const refused = await member.post('/ideas/new').type('form').send({ _csrf: csrfFrom(form.text), title: 'Kort', description: idea.description, theme: 'services', callId: openId, contactName: 'Els', contactEmail: 'els@lier.test' }).expect(400);
      expect(refused.text).to.include(`<option value="${openId}" selected>`);
      const posted = await member.post('/ideas/new').type('form').send({ _csrf: csrfFrom(form.text), ...idea, callId: openId, contactName: 'Els Peeters', contactEmail: 'els@lier.test' }).expect(303);
      const id = posted.headers.location!.split('/').pop()!;
      expect((await app.store.getIdea(id))!.callId).to.equal(openId);
      const unknown = await member.post('/ideas/new').type('form').send({ _csrf: csrfFrom(form.text), ...idea, callId: 'geen-oproep', contactName: 'Els Peeters', contactEmail: 'els@lier.test' }).expect(400);
      expect(unknown.text).to.include('callId-error').and.include('Deze oproep bestaat niet.');
    });
  });
});
