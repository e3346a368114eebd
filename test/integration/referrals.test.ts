/**
 * Referrals after a decided call over HTTP: the programme team sees the call's ideas and partnerships
 * that were not funded with the closest funded projects, and refers them in one action; both sides
 * are told once, live, and are connected as by an introduction; a second referral of the same pair
 * is skipped; members and visitors are refused; an undecided call is a conflict.
 */
import { expect } from 'chai';
import { io as connectClient, type Socket } from 'socket.io-client';
import request, { type Agent } from 'supertest';
import type { Organisation, User } from '../../server/store/store.js';
import { sessionCookie, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';
import { waitFor } from '../support/wait-for.js';

interface Caller { agent: Agent; csrf: string; user: User }

const brussels = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, '+00:00');

describe('referrals after a decided call', () => {
  let app: TestApp;
  let lier: Organisation; let mol: Organisation; let geel: Organisation; let herk: Organisation;
  let staff: Caller; let member: Caller; let lierMember: User; let geelMember: User; let molMember: Caller; let herkMember: User;
  let callId = ''; let lierIdea = ''; let herkIdea = ''; let partnershipId = ''; let projectId = ''; let otherProject = ''; let fundedElsewhere = '';

  const signedIn = async (user: User): Promise<Caller> => {
    const agent = request.agent(app.baseUrl);
    return { agent, csrf: await signIn(agent, user.email), user };
  };
  const post = (c: Caller, path: string, body: object = {}) => c.agent.post(path).set('X-CSRF-Token', c.csrf).send(body);
  const patch = (c: Caller, path: string, body: object = {}) => c.agent.patch(path).set('X-CSRF-Token', c.csrf).send(body);

  before(async function () {
    this.timeout(60_000);
    app = await startTestApp({ env: { LIMIT_IDEAS_PER_HOUR: '100' } });
    lier = await app.createOrganisation({ province: 'Antwerpen' });
    mol = await app.createOrganisation({ province: 'Antwerpen' });
    geel = await app.createOrganisation({ province: 'Antwerpen' });
    herk = await app.createOrganisation({ province: 'Limburg' });
    staff = await signedIn(await app.createProgramme());
    lierMember = await app.createMember(lier.id);
    member = await signedIn(lierMember);
    molMember = await signedIn(await app.createMember(mol.id));
    geelMember = await app.createMember(geel.id);
    herkMember = await app.createMember(herk.id);
    const herkCaller = await signedIn(herkMember);

    callId = (await post(staff, '/api/calls', { number: 41, name: 'Oproep 41 – test', type: 'concept', opensAt: brussels(-30), closesAt: brussels(20) }).expect(201)).body.id;
    lierIdea = (await post(member, '/api/ideas', {
      title: 'Digitale parkeerkaart voor personen met een handicap', theme: 'services', callId,
      description: 'De parkeerkaart voor personen met een handicap digitaal maken en koppelen aan de nummerplaat van de wagen.',
    }).expect(201)).body.id;
    herkIdea = (await post(herkCaller, '/api/ideas', {
      title: 'Burgerbegroting online stemmen', theme: 'democracy', callId,
      description: 'Inwoners stemmen online over de projecten van de burgerbegroting en volgen hun uitvoering.',
    }).expect(201)).body.id;
    // Mol's partnership for its idea, with Herk as partner; it stays forming, so it was not funded.
    const molIdea = (await post(molMember, '/api/ideas', {
      title: 'Parkeerkaart voor mensen met een beperking op de nummerplaat', theme: 'services', callId,
      description: 'Een digitale parkeerkaart voor personen met een handicap, gekoppeld aan de nummerplaat.',
    }).expect(201)).body.id;
    partnershipId = (await post(molMember, '/api/partnerships', { ideaId: molIdea, callId }).expect(201)).body.id;
    await post(molMember, `/api/partnerships/${partnershipId}/invitations`, { organisationId: herk.id }).expect(201);
    await post(herkCaller, `/api/partnerships/${partnershipId}/invitations/${herk.id}/accept`).expect(200);

    // Geel's idea aims at this call too, but its partnership was funded through another call.
    const geelCaller = await signedIn(geelMember);
    const otherCall = (await post(staff, '/api/calls', { number: 42, name: 'Oproep 42 – test', type: 'concept', opensAt: brussels(-30), closesAt: brussels(20) }).expect(201)).body.id;
    fundedElsewhere = (await post(geelCaller, '/api/ideas', {
      title: 'Slimme vuilnisbakken met sensoren', theme: 'services', callId,
      description: 'Sensoren in de vuilnisbakken op straat melden wanneer ze vol zijn, zodat de ophaling alleen rijdt waar nodig.',
    }).expect(201)).body.id;
    const funded = (await post(geelCaller, '/api/partnerships', { ideaId: fundedElsewhere, callId: otherCall }).expect(201)).body.id;
    await post(geelCaller, `/api/partnerships/${funded}/status`, { status: 'submitted' }).expect(200);
    await post(staff, `/api/partnerships/${funded}/status`, { status: 'approved' }).expect(200);

    projectId = (await post(staff, '/api/projects', {
      title: 'Digitale parkeerkaart', type: 'concept', theme: 'services', status: 'funded', leadOrganisationId: geel.id,
      summary: 'De parkeerkaart voor personen met een handicap wordt digitaal en gekoppeld aan de nummerplaat van de wagen.',
    }).expect(201)).body.id;
    otherProject = (await post(staff, '/api/projects', {
      title: 'Slimme straatverlichting', type: 'concept', theme: 'services', status: 'submitted', leadName: 'Stad Ergens',
      summary: 'Straatverlichting die dimt wanneer niemand op straat is.',
    }).expect(201)).body.id;
  });
  after(() => app?.close());

  it('when the call is not decided yet, then 409 and nothing to refer', async () => {
    const res = await staff.agent.get(`/api/calls/${callId}/referrals`).expect(409);
    expect(res.body.error.code).to.equal('conflict');
    await staff.agent.get(`/calls/${callId}/referrals`).expect(409);
  });

  it('when a member or a visitor asks, then 403 or 401, and an unknown call 404', async () => {
    await patch(staff, `/api/calls/${callId}`, { opensAt: brussels(-60), closesAt: brussels(-10), decided: true }).expect(200);
    await member.agent.get(`/api/calls/${callId}/referrals`).expect(403);
    await post(member, `/api/calls/${callId}/referrals`, { referrals: [{ subjectType: 'idea', subjectId: lierIdea, projectId }] }).expect(403);
    await request(app.baseUrl).get(`/api/calls/${callId}/referrals`).expect(401);
    await staff.agent.get('/api/calls/no-such-call/referrals').expect(404);
  });

  it('when the call is decided, then every idea and partnership not funded is listed with the closest funded projects only', async () => {
    const res = await staff.agent.get(`/api/calls/${callId}/referrals`).expect(200);
    const byId = new Map(res.body.items.map((i: { subject: { id: string } }) => [i.subject.id, i]));
    expect([...byId.keys()]).to.have.members([lierIdea, herkIdea, partnershipId]);
    expect(byId.has(fundedElsewhere), 'an idea funded through another call').to.equal(false);
    const lierItem = byId.get(lierIdea) as { suggestions: { projectId: string; referredBefore: boolean }[]; organisations: { id: string }[] };
    expect(lierItem.suggestions.map((s) => s.projectId)).to.deep.equal([projectId]);
    expect(lierItem.suggestions[0]!.referredBefore).to.equal(false);
    expect(lierItem.organisations.map((o) => o.id)).to.deep.equal([lier.id]);
    const partnership = byId.get(partnershipId) as { subject: { type: string; status: string }; organisations: { id: string }[]; suggestions: { projectId: string }[] };
    expect(partnership.subject).to.include({ type: 'partnership', status: 'forming' });
    expect(partnership.organisations.map((o) => o.id)).to.have.members([mol.id, herk.id]);
    expect(partnership.suggestions.map((s) => s.projectId)).to.deep.equal([projectId]);
    // Not funded (only submitted) projects are never suggested; nor is anything for an unrelated idea.
    expect((byId.get(herkIdea) as { suggestions: unknown[] }).suggestions).to.deep.equal([]);
    expect(JSON.stringify(res.body)).not.to.contain(otherProject);
  });

  it('when the input is wrong, then 400 naming the entry, and nothing is written', async () => {
    const before = (await app.store.listNotifications(geelMember.id, { limit: 100 })).length;
    const wrong = await post(staff, `/api/calls/${callId}/referrals`, { referrals: [
      { subjectType: 'idea', subjectId: lierIdea, projectId },
      { subjectType: 'idea', subjectId: lierIdea, projectId: otherProject },
      { subjectType: 'idea', subjectId: 'not-in-this-call', projectId },
    ] }).expect(400);
    expect(wrong.body.error.fields).to.have.keys('referrals.1.projectId', 'referrals.2.subjectId');
    await post(staff, `/api/calls/${callId}/referrals`, { referrals: [] }).expect(400);
    await post(staff, `/api/calls/${callId}/referrals`, {}).expect(400);
    expect((await app.store.listNotifications(geelMember.id, { limit: 100 })).length).to.equal(before);
  });

  it('when the programme team refers an idea and a partnership in one action, then both sides are told once, connected, and a second time is skipped', async () => {
    // Live: the project lead's member and a referred member have a page open; the programme team's socket gets nothing.
    const sockets: Socket[] = [];
    const online = async (user: User) => {
      const socket = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: await sessionCookie(app.baseUrl, user.email) } });
      sockets.push(socket);
      const got: { kind: string; link: string; text: string }[] = [];
      socket.on('notification:created', (n) => got.push(n));
      await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
      return got;
    };
    const [liveGeel, liveLier, liveStaff] = await Promise.all([online(geelMember), online(lierMember), online(staff.user)]);
    const res = await post(staff, `/api/calls/${callId}/referrals`, { referrals: [
      { subjectType: 'idea', subjectId: lierIdea, projectId },
      { subjectType: 'partnership', subjectId: partnershipId, projectId },
    ] }).expect(200);
    expect(res.body).to.include({ referred: 2, skipped: 0 });
    try {
      await waitFor(() => liveGeel.filter((n) => n.kind === 'referred').length === 2, { within: 2000, what: "both referrals on the lead's socket" });
      const toLierLive = await waitFor(() => liveLier.find((n) => n.kind === 'referred'), { within: 2000, what: 'the referral on Lier\'s socket' });
      expect(toLierLive.text).to.contain('Digitale parkeerkaart').and.to.contain(geel.name);
      expect(liveStaff.filter((n) => n.kind === 'referred')).to.deep.equal([]);
    } finally {
      for (const s of sockets) s.close();
    }
    // The idea's side: one notice naming the project, its lead and the lead's contact person.
    const [toLier] = (await app.store.listNotifications(lierMember.id, { limit: 10 })).filter((n) => n.kind === 'referred');
    expect(toLier!.link).to.equal(`/projects/${projectId}`);
    expect(toLier!.params).to.include({ side: 'referred', project: 'Digitale parkeerkaart', lead: geel.name, contact: `${geelMember.name}, ${geelMember.email}` });
    // The project's lead: one notice per referred idea, naming the local governments and the idea's contact person.
    const toGeel = (await app.store.listNotifications(geelMember.id, { limit: 10 })).filter((n) => n.kind === 'referred');
    expect(toGeel.map((n) => n.link).sort()).to.deep.equal([`/ideas/${lierIdea}`, `/ideas/${(await app.store.getPartnership(partnershipId))!.ideaId}`].sort());
    expect(toGeel.find((n) => n.link === `/ideas/${lierIdea}`)!.params).to.include({ side: 'project', organisation: lier.name });
    expect((await app.store.listNotifications(herkMember.id, { limit: 10 })).filter((n) => n.kind === 'referred')).to.have.length(1);
    // Connected around the idea as by an introduction: Geel now sees the contact person of Lier's idea.
    const connections = await app.store.listConnections({ ideaId: lierIdea });
    expect(connections.map((c) => c.via)).to.deep.equal(['introduction']);
    const geelCaller = await signedIn(geelMember);
    const idea = await geelCaller.agent.get(`/api/ideas/${lierIdea}`).expect(200);
    const stored = (await app.store.getIdea(lierIdea))!;
    expect(idea.body.contact).to.include({ email: stored.contact.email });
    const herkSees = await (await signedIn(herkMember)).agent.get(`/api/ideas/${lierIdea}`).expect(200);
    expect(herkSees.body.contact ?? null).to.equal(null);
    // Audited, and shown as referred before; sending again changes nothing.
    const audit = await app.store.listAudit({ limit: 10, targetType: 'idea', targetId: lierIdea });
    expect(audit.map((e) => e.action)).to.include('referral.made');
    const again = await post(staff, `/api/calls/${callId}/referrals`, { referrals: [{ subjectType: 'idea', subjectId: lierIdea, projectId }] }).expect(200);
    expect(again.body).to.include({ referred: 0, skipped: 1, notified: 0 });
    expect((await app.store.listNotifications(lierMember.id, { limit: 10 })).filter((n) => n.kind === 'referred')).to.have.length(1);
    const list = await staff.agent.get(`/api/calls/${callId}/referrals`).expect(200);
    const lierItem = list.body.items.find((i: { subject: { id: string } }) => i.subject.id === lierIdea);
    expect(lierItem.suggestions[0].referredBefore).to.equal(true);
  });

  it('when the programme team opens the page, then each candidate is a fieldset with its projects, and the form refers the ticked ones', async () => {
    const page = await staff.agent.get(`/calls/${callId}/referrals`).expect(200);
    expect(page.text).to.contain('Burgerbegroting online stemmen');
    expect(page.text).to.contain('al doorverwezen');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const empty = await staff.agent.post(`/calls/${callId}/referrals`).type('form').send({ _csrf: csrf }).expect(400);
    expect(empty.text).to.contain('Vink minstens één doorverwijzing aan');
    const sent = await staff.agent.post(`/calls/${callId}/referrals`).type('form').send(`_csrf=${encodeURIComponent(csrf)}&refer=${encodeURIComponent(`idea:${lierIdea}:${projectId}`)}`).expect(303);
    expect(sent.headers.location).to.equal(`/calls/${callId}/referrals`);
    const call = await staff.agent.get(`/calls/${callId}`).expect(200);
    expect(call.text).to.contain(`/calls/${callId}/referrals`);
  });

  it('when the project\'s lead has no account, then the referred side is told the programme team puts them in contact, with no empty contact', async () => {
    const labelled = (await post(staff, '/api/projects', {
      title: 'Burgerbegroting online', type: 'concept', theme: 'democracy', status: 'funded', leadName: 'Stad zonder account',
      summary: 'Inwoners stemmen online over de projecten van de burgerbegroting en volgen hun uitvoering.',
    }).expect(201)).body.id;
    await post(staff, `/api/calls/${callId}/referrals`, { referrals: [{ subjectType: 'idea', subjectId: herkIdea, projectId: labelled }] }).expect(200);
    const [told] = (await app.store.listNotifications(herkMember.id, { limit: 20 })).filter((n) => n.kind === 'referred' && n.link === `/projects/${labelled}`);
    expect(told!.params).to.include({ side: 'referred_via_programme', lead: 'Stad zonder account' });
    const inbox = await (await signedIn(herkMember)).agent.get('/api/notifications').expect(200);
    const text = JSON.stringify(inbox.body);
    expect(text).to.contain('het programmateam brengt jullie in contact');
    expect(text).not.to.contain('Contactpersoon: .');
  });
});
