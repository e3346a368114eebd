/**
 * The board per call through the real app: the page's funnel (the open call by default, any call, or the
 * whole programme) as a table with the numbers in text, the partnerships beside the map of Flanders with
 * a partnership's members marked (the lead apart) and listed, and the live update over socket.io when a
 * member submits an idea aiming at the call.
 */
import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { BoardSnapshot, BoardUpdate } from '../../server/domain/board/index.js';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../server/realtime/events.js';
import { boardRoom } from '../../server/realtime/rooms.js';
import { newId } from '../../server/store/ids.js';
import type { CallRecord, Organisation, PartnershipMembership, User } from '../../server/store/store.js';
import { makeCall, T0 } from '../support/factories.js';
import { RECOMPUTE_ON_REQUEST, sessionCookie, startTestApp, type TestApp } from '../support/start-test-app.js';
import { waitFor } from '../support/wait-for.js';

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

/** "2026-12-07T10:00:00+01:00": Brussels offset written out, as the calls keep it (winter time is enough for a test). */
const brussels = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;

describe('the board per call, on the page and live', () => {
  let app: TestApp;
  let lier: Organisation;
  let mol: Organisation;
  let geel: Organisation;
  let tienen: Organisation;
  let member: User;
  let programme: User;
  let open: CallRecord;
  let later: CallRecord;
  let partnershipId: string;
  const sockets: Client[] = [];

  before(async () => {
    app = await startTestApp({ env: { ...RECOMPUTE_ON_REQUEST } });
    // The municipalities by their NIS codes, as the map of Flanders knows them (the app may hold them already).
    for (const [name, code] of [['Lier', '12021'], ['Mol', '13025'], ['Geel', '13008'], ['Tienen', '24107']] as const) await app.createOrganisation({ name, code });
    const byCode = new Map((await app.store.listOrganisations()).map((o) => [o.code, o]));
    [lier, mol, geel, tienen] = ['12021', '13025', '13008', '24107'].map((code) => byCode.get(code)!) as [Organisation, Organisation, Organisation, Organisation];
    member = await app.createMember(lier.id);
    programme = await app.createProgramme();
    open = makeCall({ number: 1, name: 'Oproep 1 – innovatieve concepten', opensAt: brussels(Date.now() - 86_400_000), closesAt: brussels(Date.now() + 30 * 86_400_000) });
    later = makeCall({ number: 2, name: 'Oproep 2 – thematische projecten', opensAt: brussels(Date.now() + 60 * 86_400_000), closesAt: brussels(Date.now() + 90 * 86_400_000) });
    await app.store.createCall(open);
    await app.store.createCall(later);
    const contact = { name: 'Contact Lier', email: 'contact@lier.test' };
    const idea = await app.services.ideas.create(actorOf(member), { title: 'Digitaal loket voor burgerzaken', description: 'Inwoners regelen hun zaken online, met een afspraak aan het loket.', theme: 'services', contact, callId: open.id });
    await app.services.ideas.create(actorOf(member), { title: 'Slimme glascontainers', description: 'Sensoren melden wanneer de glascontainers vol zijn.', theme: 'services', contact });
    // A partnership as the partnerships service would store it: Lier leads, Mol and Geel are members, Tienen only invited.
    partnershipId = newId();
    const m = (organisationId: string, state: PartnershipMembership['state'] = 'member'): PartnershipMembership =>
      ({ partnershipId, organisationId, state, via: 'invitation', startedBy: member.id, answeredBy: null, createdAt: T0, answeredAt: null });
    const record = {
      id: partnershipId, ideaId: idea.id, callId: open.id, title: 'Samen een digitaal loket', leadOrganisationId: lier.id, status: 'forming' as const,
      leadOfferedTo: null, createdAt: T0, updatedAt: T0, submittedAt: null, decidedAt: null, version: 1,
    };
    await app.store.createPartnership(record, { ...m(lier.id), via: 'opened' }, []);
    expect(await app.store.savePartnershipStep({
      partnership: { ...record, version: 2 }, expectedVersion: 1, memberships: [m(mol.id), m(geel.id), m(tienen.id, 'invited')], notifications: [],
    })).to.equal(true);
    await app.services.board.settled();
    cookie = await sessionCookie(app.baseUrl, programme.email);
  });
  afterEach(() => { for (const s of sockets.splice(0)) s.disconnect(); });
  after(() => app?.close());

  let cookie = '';
  const page = (query: string, lang = 'nl') => request(app.baseUrl).get(`/board${query}`).set('Cookie', [cookie, `lang=${lang}`]);
  /** The text of the funnel row for `step`: "<label> <count> <share>". */
  const row = (html: string, step: string) => {
    const found = new RegExp(`<tr data-step="${step}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
    return found.replace(/<svg.*?<\/svg>/gs, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  };

  it('when the programme team opens the board, then the funnel shows the open call as a table with the numbers in text', async () => {
    const html = (await page('').expect(200)).text;
    expect(html).to.match(new RegExp(`<option value="${open.id}" selected>`));
    expect(html).to.contain('Trechter: Oproep 1 – innovatieve concepten');
    expect(row(html, 'ideas')).to.equal('Ideeën gericht op de oproep 1 100%');
    expect(row(html, 'endorsed')).to.match(/ 0 0%$/);
    expect(row(html, 'forming')).to.equal('Partnerschappen (in vorming of verder) 1 100%');
    expect(row(html, 'approved')).to.match(/goedgekeurd 0 0%$/);
    expect(html).to.contain('Goedgekeurd telt goedgekeurd, lopend en afgelopen');
  });

  it('when another call or the whole programme is chosen, then its funnel shows; an unknown call is a 400 naming the field', async () => {
    const all = (await page('?call=all', 'en').expect(200)).text;
    expect(all).to.contain('Funnel: The whole programme');
    expect(row(all, 'ideas')).to.equal('Ideas aiming at the call 2 100%');
    const other = (await page(`?call=${later.id}`).expect(200)).text;
    expect(row(other, 'ideas')).to.match(/ 0 0%$/);
    expect(other).to.contain('Nog geen partnerschappen voor deze oproep.');
    const bad = await page('?call=geen-oproep').set('Accept', 'application/json').expect(400);
    expect(bad.body.error.fields).to.have.property('call');
  });

  it('when a partnership is chosen, then the map marks its members\' municipalities, the lead apart, and lists them in text; no one invited, no contacts', async () => {
    const html = (await page(`?partnership=${partnershipId}`).expect(200)).text;
    const flanders = /<section class="board-flanders".*?<\/section>/s.exec(html)![0];
    const classOf = (nis: string) => new RegExp(`data-nis="${nis}" class="([^"]*)"`).exec(flanders)![1];
    expect(classOf('12021')).to.equal('municipality is-on is-lead');
    expect(classOf('13025')).to.equal('municipality is-on');
    expect(classOf('13008')).to.equal('municipality is-on');
    expect(classOf('24107')).to.equal('municipality');
    expect(flanders).to.contain('Partnerschap ‘Samen een digitaal loket’: 3 leden');
    expect(flanders).to.match(/<li>Lier \(penhouder\)<\/li><li>Geel<\/li><li>Mol<\/li>/);
    expect(flanders).to.contain('Penhouder Lier · in vorming');
    expect(flanders).to.contain('aria-current="true"');
    expect(flanders).not.to.contain('contact@lier.test');
    const api = (await request(app.baseUrl).get('/api/board').set('Cookie', await sessionCookie(app.baseUrl, programme.email)).expect(200)).body as BoardSnapshot;
    expect(api.perCall.partnerships[0]!.members.map((x) => x.name)).to.deep.equal(['Lier', 'Geel', 'Mol']);
    expect(JSON.stringify(api.perCall)).not.to.contain('contact@');
  });

  it('when a member submits an idea aiming at the call, then the board room gets the call\'s new funnel without reload', async () => {
    const socket: Client = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: await sessionCookie(app.baseUrl, programme.email) } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    const joined = await new Promise<Result<unknown>>((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: Result<unknown>) => void) => void)('room:join', { room: boardRoom() }, resolve));
    expect(joined.ok).to.equal(true);
    const got: BoardUpdate[] = [];
    socket.on('board:updated', (u) => got.push(u));

    const mine = await app.createMember(mol.id);
    await app.services.ideas.create(actorOf(mine), { title: 'Online afspraken bij burgerzaken', description: 'Burgers kiezen zelf een tijdslot aan het loket.', theme: 'services', contact: { name: 'Contact Mol', email: 'contact@mol.test' }, callId: open.id });
    await waitFor(() => got.some((u) => u.changes.perCall !== undefined));
    const perCall = got.find((u) => u.changes.perCall)!.changes.perCall!;
    const funnel = perCall.funnels.find((f) => f.callId === open.id)!;
    expect(funnel.steps.find((s) => s.step === 'ideas')!.count).to.equal(2);
    expect(perCall.funnels[0]!.steps.find((s) => s.step === 'ideas')!.count).to.equal(3);
  });

  it('when a partnership opens, a partner accepts and the lead submits it through the partnerships service, then each step reaches the board room live', async () => {
    const socket: Client = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    await new Promise<Result<unknown>>((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: Result<unknown>) => void) => void)('room:join', { room: boardRoom() }, resolve));
    const got: BoardUpdate[] = [];
    socket.on('board:updated', (u) => got.push(u));
    const latest = () => [...got].reverse().find((u) => u.changes.perCall)?.changes.perCall;
    const steps = () => Object.fromEntries(latest()?.funnels.find((f) => f.callId === open.id)?.steps.map((x) => [x.step, x.count]) ?? []);

    const molMember = await app.createMember(mol.id);
    const geelMember = await app.createMember(geel.id);
    const idea = await app.services.ideas.create(actorOf(molMember), { title: 'Gedeelde afsprakenmodule', description: 'Een afsprakenmodule die meerdere besturen samen aankopen en beheren.', theme: 'services', contact: { name: 'Contact Mol', email: 'contact@mol.test' }, callId: open.id });
    const opened = await app.services.partnerships.open(actorOf(molMember), { ideaId: idea.id, callId: open.id });
    await waitFor(() => latest()?.partnerships.some((p) => p.id === opened.id), { what: 'the opened partnership on the board' });
    expect(steps()).to.include({ forming: 2, submitted: 0 });

    await app.services.partnerships.invite(actorOf(molMember), opened.id, { organisationId: geel.id });
    await app.services.partnerships.answerInvitation(actorOf(geelMember), opened.id, geel.id, true);
    await waitFor(() => latest()?.partnerships.find((p) => p.id === opened.id)?.members.length === 2, { what: 'Geel as a member on the board' });
    expect(latest()!.partnerships.find((p) => p.id === opened.id)!.members.map((m) => [m.name, m.lead])).to.deep.equal([['Mol', true], ['Geel', false]]);

    await app.services.partnerships.setStatus(actorOf(molMember), opened.id, { status: 'submitted' });
    await waitFor(() => steps().submitted === 1, { what: 'the submitted step on the board' });
    expect(steps()).to.include({ forming: 2, submitted: 1, approved: 0 });
  });
});
