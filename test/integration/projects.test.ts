/**
 * The projects under way over HTTP: everyone reads the catalogue, only the programme team adds and
 * changes projects, the reference catalogue loads once, an approved partnership becomes one project,
 * a member of another local government asks to join and the request reaches the lead (or the
 * programme team when the lead has no account), once; and the similar ideas show matching projects
 * apart from the ideas, across languages.
 */
import { expect } from 'chai';
import { io as connectClient, type Socket } from 'socket.io-client';
import request, { type Agent } from 'supertest';
import { loadReferenceProjects } from '../../server/domain/projects-reference.js';
import { createAudit } from '../../server/domain/audit.js';
import { systemClock } from '../../server/domain/clock.js';
import type { Organisation, Partnership, User } from '../../server/store/store.js';
import { csrfFrom, sessionCookie, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';
import { waitFor } from '../support/wait-for.js';

/** A small catalogue of our own (not ../shared): three projects about distinct subjects, in Dutch. */
const PARKING = {
  title: 'Digitale parkeerkaart voor personen met een handicap',
  summary: 'De parkeerkaart voor personen met een handicap wordt digitaal en gekoppeld aan de nummerplaat van de wagen in plaats van aan een kaart achter de voorruit.',
  type: 'concept', theme: 'services', status: 'funded',
};
const INCOME = {
  title: 'Automatisch advies leefloon',
  summary: 'De voorwaarden voor het leefloon worden regels die een computer toepast, zodat de maatschappelijk werker van het OCMW meteen een eerste advies krijgt.',
  type: 'concept', theme: 'services', status: 'running',
};
const PARTICIPATION = {
  title: 'Burgerbegroting online',
  summary: 'Inwoners stemmen online over de projecten van de burgerbegroting en volgen hun uitvoering.',
  type: 'thematic', theme: 'democracy', status: 'ended',
};

interface Caller { agent: Agent; csrf: string; user: User }

describe('projects under way: catalogue, asks to join, matching', () => {
  let app: TestApp;
  let lier: Organisation; let mol: Organisation; let geel: Organisation; let noAccount: Organisation;
  let staff: Caller; let staff2: User; let lierMember: Caller; let lierColleague: User; let molMember: Caller; let geelMember: Caller;
  const ids: Record<'parking' | 'income' | 'participation', string> = { parking: '', income: '', participation: '' };

  const signedIn = async (user: User): Promise<Caller> => {
    const agent = request.agent(app.baseUrl);
    return { agent, csrf: await signIn(agent, user.email), user };
  };
  const post = (c: Caller, path: string, body: object = {}) => c.agent.post(path).set('X-CSRF-Token', c.csrf).send(body);

  before(async function () {
    this.timeout(60_000);
    app = await startTestApp();
    lier = await app.createOrganisation({ province: 'Antwerpen' });
    mol = await app.createOrganisation({ province: 'Antwerpen' });
    geel = await app.createOrganisation({ province: 'Antwerpen' });
    noAccount = await app.createOrganisation({ province: 'Limburg' });
    staff = await signedIn(await app.createProgramme());
    staff2 = await app.createProgramme();
    lierMember = await signedIn(await app.createMember(lier.id));
    lierColleague = await app.createMember(lier.id);
    molMember = await signedIn(await app.createMember(mol.id));
    geelMember = await signedIn(await app.createMember(geel.id));
    ids.parking = (await post(staff, '/api/projects', { ...PARKING, leadOrganisationId: lier.id, partnerOrganisationIds: [geel.id] }).expect(201)).body.id;
    ids.income = (await post(staff, '/api/projects', { ...INCOME, leadOrganisationId: noAccount.id }).expect(201)).body.id;
    ids.participation = (await post(staff, '/api/projects', { ...PARTICIPATION, leadName: 'Stad zonder account', otherPartners: ['OCMW Voorbeeld'] }).expect(201)).body.id;
  });
  after(() => app?.close());

  describe('who may do what', () => {
    it('when the programme team adds a project, then 201 with lead and partners named, and an audit entry', async () => {
      const res = await request(app.baseUrl).get(`/api/projects/${ids.parking}`).expect(200);
      expect(res.body).to.include({ title: PARKING.title, status: 'funded', source: 'programme', type: 'concept' });
      expect(res.body.lead).to.deep.equal({ id: lier.id, name: lier.name });
      expect(res.body.partners).to.deep.equal([{ id: geel.id, name: geel.name }]);
      expect(res.body.joinRequests).to.deep.equal([]);
      const byName = await request(app.baseUrl).get(`/api/projects/${ids.participation}`).expect(200);
      expect(byName.body.lead).to.deep.equal({ id: null, name: 'Stad zonder account' });
      expect(byName.body.partners).to.deep.equal([{ id: null, name: 'OCMW Voorbeeld' }]);
      const audit = await app.store.listAudit({ limit: 10, targetType: 'project', targetId: ids.parking });
      expect(audit.map((e) => e.action)).to.deep.equal(['project.created']);
    });

    it('when a visitor or a member tries to add or change a project, then 401 and 403; nothing changes', async () => {
      await request(app.baseUrl).post('/api/projects').send(PARKING).expect(401);
      const refused = await post(lierMember, '/api/projects', PARKING).expect(403);
      expect(refused.body.error.code).to.equal('forbidden');
      await lierMember.agent.patch(`/api/projects/${ids.parking}`).set('X-CSRF-Token', lierMember.csrf).send({ status: 'ended' }).expect(403);
      await lierMember.agent.get('/admin/projects/new').expect(403);
      expect((await request(app.baseUrl).get(`/api/projects/${ids.parking}`)).body.status).to.equal('funded');
    });

    it('when input is wrong, then 400 naming each field; an unknown project is 404', async () => {
      const bad = await post(staff, '/api/projects', { title: 'x', theme: 'weather', leadOrganisationId: 'be-nis-00000', extra: 1 }).expect(400);
      expect(Object.keys(bad.body.error.fields)).to.include.members(['title', 'theme', '_']);
      const noLead = await post(staff, '/api/projects', { title: 'Een project zonder penhouder', theme: 'services', type: 'concept' }).expect(400);
      expect(Object.keys(noLead.body.error.fields)).to.deep.equal(['leadName']);
      const unknown = await post(staff, '/api/projects', { title: 'Een project', theme: 'services', type: 'concept', leadOrganisationId: 'be-nis-00000', callId: 'geen-oproep' }).expect(400);
      expect(Object.keys(unknown.body.error.fields)).to.have.members(['leadOrganisationId', 'callId']);
      await request(app.baseUrl).get('/api/projects?colour=red').expect(400);
      await request(app.baseUrl).get('/api/projects/geen-project').expect(404);
      await request(app.baseUrl).get('/projects/geen-project').expect(404);
      await staff.agent.patch('/api/projects/geen-project').set('X-CSRF-Token', staff.csrf).send({ status: 'ended' }).expect(404);
    });

    it('when the programme team changes a project, then the change and the audit name the fields', async () => {
      const res = await staff.agent.patch(`/api/projects/${ids.participation}`).set('X-CSRF-Token', staff.csrf).send({ url: 'https://example.be/begroting' }).expect(200);
      expect(res.body.url).to.equal('https://example.be/begroting');
      const [entry] = await app.store.listAudit({ limit: 1, targetType: 'project', targetId: ids.participation });
      expect(entry).to.deep.include({ action: 'project.updated' });
      expect(entry!.details.fields).to.equal('url');
    });

    it('when the catalogue is filtered, then by call, theme, status and words of the title (accents ignored)', async () => {
      const titles = async (query: string) => (await request(app.baseUrl).get(`/api/projects${query}`).expect(200)).body.items.map((p: { title: string }) => p.title);
      expect(await titles('?theme=democracy')).to.deep.equal([PARTICIPATION.title]);
      expect(await titles('?status=running')).to.deep.equal([INCOME.title]);
      expect(await titles('?q=LÉEFLOON')).to.deep.equal([INCOME.title]);
      const page = await request(app.baseUrl).get('/projects?theme=democracy').expect(200);
      expect(page.text).to.include(PARTICIPATION.title).and.not.include(INCOME.title);
      await request(app.baseUrl).get('/projects?status=sleeping').expect(400);
    });

    it('when the programme team uses the form with a mistake, then 400 keeps what was typed; corrected, it is saved', async () => {
      const form = await staff.agent.get('/admin/projects/new').expect(200);
      const csrf = csrfFrom(form.text);
      const refused = await staff.agent.post('/admin/projects/new').type('form')
        .send({ _csrf: csrf, title: 'Slimme verlichting', summary: 'Lantaarnpalen die dimmen als er niemand is.', theme: 'services', type: '', status: 'funded', leadOrganisationId: '', leadName: '' }).expect(400);
      expect(refused.text).to.include('Lantaarnpalen die dimmen als er niemand is.').and.include('id="error-summary"');
      const saved = await staff.agent.post('/admin/projects/new').type('form')
        .send({ _csrf: csrf, title: 'Slimme verlichting', summary: 'Lantaarnpalen die dimmen.', theme: 'services', type: 'concept', status: 'funded', leadOrganisationId: mol.id, partnerOrganisationIds: [geel.id], otherPartners: 'Fluvius\nOCMW Mol' }).expect(303);
      const id = String(saved.headers.location).split('/').pop()!;
      const project = await app.store.getProject(id);
      expect(project).to.deep.include({ leadOrganisationId: mol.id, leadName: mol.name, partnerOrganisationIds: [geel.id], otherPartners: ['Fluvius', 'OCMW Mol'] });
      await staff.agent.post(`/projects/${id}/edit`).type('form').send({ title: 'Zonder token' }).expect(403);
    });
  });

  describe('asking to join', () => {
    it('when a member of another local government asks, then 201, the lead\'s members are told once (live + mail), and a repeat is 409', async () => {
      const before = await app.store.listNotifications(lierColleague.id, { limit: 20 });
      const res = await post(molMember, `/api/projects/${ids.parking}/join-requests`, { message: 'Wij doen mee.' }).expect(201);
      expect(res.body).to.deep.include({ status: 'open', message: 'Wij doen mee.', organisation: { id: mol.id, name: mol.name } });
      for (const lead of [lierMember.user, lierColleague]) {
        const told = (await app.store.listNotifications(lead.id, { limit: 20 })).filter((n) => n.kind === 'project_join_requested');
        expect(told, lead.email).to.have.length(1);
        expect(told[0]).to.deep.include({ link: `/projects/${ids.parking}` });
        expect(told[0]!.params).to.deep.equal({ organisation: mol.name, project: PARKING.title });
      }
      expect((await app.store.listNotifications(lierColleague.id, { limit: 20 })).length).to.equal(before.length + 1);
      const staffTold = (await app.store.listNotifications(staff.user.id, { limit: 20 })).filter((n) => n.kind === 'project_join_requested');
      expect(staffTold, 'the lead has an account: the programme team is not asked').to.have.length(0);
      for (const lead of [lierMember.user, lierColleague]) {
        const mails = (await app.store.listOutbox({ userId: lead.id, limit: 50 })).filter((m) => m.kind === 'project_join_requested');
        expect(mails, `one mail owed to ${lead.email}`).to.have.length(1);
      }
      const again = await post(molMember, `/api/projects/${ids.parking}/join-requests`, {}).expect(409);
      expect(again.body.error.code).to.equal('conflict');
    });

    it('when the lead or a partner asks, then 403; the programme team, 403; a visitor, 401; an unknown project, 404; a long message, 400', async () => {
      await post(lierMember, `/api/projects/${ids.parking}/join-requests`).expect(403);
      await post(geelMember, `/api/projects/${ids.parking}/join-requests`).expect(403);
      await post(staff, `/api/projects/${ids.parking}/join-requests`).expect(403);
      await request(app.baseUrl).post(`/api/projects/${ids.parking}/join-requests`).send({}).expect(401);
      await post(molMember, '/api/projects/geen-project/join-requests').expect(404);
      const long = await post(geelMember, `/api/projects/${ids.income}/join-requests`, { message: 'x'.repeat(501) }).expect(400);
      expect(Object.keys(long.body.error.fields)).to.deep.equal(['message']);
    });

    it('when the lead has no active member, or is only a name, then the request reaches every programme-team user and they see it on the page', async () => {
      for (const projectId of [ids.income, ids.participation]) {
        await post(geelMember, `/api/projects/${projectId}/join-requests`, { message: 'Graag.' }).expect(201);
      }
      for (const user of [staff.user, staff2]) {
        const told = (await app.store.listNotifications(user.id, { limit: 20 })).filter((n) => n.kind === 'project_join_requested');
        expect(told.map((n) => n.link).sort(), user.email).to.deep.equal([`/projects/${ids.income}`, `/projects/${ids.participation}`].sort());
      }
      const page = await staff.agent.get(`/projects/${ids.income}`).expect(200);
      expect(page.text).to.include(`/projects/${ids.income}/join-requests/${geel.id}/accept`).and.include(geel.name);
      const detail = await staff.agent.get(`/api/projects/${ids.income}`).expect(200);
      expect(detail.body.joinRequests.map((r: { organisation: { id: string } }) => r.organisation.id)).to.deep.equal([geel.id]);
      const asMember = await molMember.agent.get(`/api/projects/${ids.income}`).expect(200);
      expect(asMember.body.joinRequests, 'another local government does not see it').to.deep.equal([]);
      const molPage = await molMember.agent.get(`/projects/${ids.income}`).expect(200);
      expect(molPage.text).to.include(`action="/projects/${ids.income}/join"`).and.not.include('/accept');
    });

    it('when the lead accepts, then the local government is a partner, the requester is told once, and answering again is 409', async () => {
      await post(molMember, `/api/projects/${ids.parking}/join-requests/${mol.id}/accept`).expect(403);
      await post(geelMember, `/api/projects/${ids.parking}/join-requests/${mol.id}/accept`).expect(403);
      await post(lierMember, `/api/projects/${ids.parking}/join-requests/${geel.id}/accept`).expect(404);
      const res = await post(lierMember, `/api/projects/${ids.parking}/join-requests/${mol.id}/accept`).expect(200);
      expect(res.body).to.deep.include({ status: 'accepted', organisation: { id: mol.id, name: mol.name } });
      const project = (await request(app.baseUrl).get(`/api/projects/${ids.parking}`).expect(200)).body;
      expect(project.partners.map((p: { id: string }) => p.id)).to.deep.equal([geel.id, mol.id]);
      const told = (await app.store.listNotifications(molMember.user.id, { limit: 20 })).filter((n) => n.kind === 'project_join_requested');
      expect(told).to.have.length(1);
      expect(told[0]!.params).to.deep.equal({ project: PARKING.title, answer: 'accepted' });
      const inbox = await molMember.agent.get('/api/notifications').expect(200);
      expect(JSON.stringify(inbox.body)).to.include('aanvaard als partner');
      await post(lierMember, `/api/projects/${ids.parking}/join-requests/${mol.id}/decline`).expect(409);
      await post(molMember, `/api/projects/${ids.parking}/join-requests`).expect(403);
    });

    it('when the programme team declines through the page, then the request is declined and the requester may ask again', async () => {
      const page = await staff.agent.get(`/projects/${ids.income}`).expect(200);
      await staff.agent.post(`/projects/${ids.income}/join-requests/${geel.id}/decline`).type('form').send({ _csrf: csrfFrom(page.text) }).expect(303);
      const [request_] = await app.store.listProjectJoinRequests({ projectId: ids.income, organisationId: geel.id });
      expect(request_).to.deep.include({ status: 'declined', answeredBy: staff.user.id });
      const form = await geelMember.agent.get(`/projects/${ids.income}`).expect(200);
      await geelMember.agent.post(`/projects/${ids.income}/join`).type('form').send({ _csrf: csrfFrom(form.text), message: 'Nog eens?' }).expect(303);
      expect(await app.store.listProjectJoinRequests({ projectId: ids.income, status: 'open' })).to.have.length(1);
    });

    it("when a request is stored, then the lead's members' open sockets get it at once, and nobody else's", async () => {
      const sockets: Socket[] = [];
      const online = async (user: User) => {
        const socket = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: await sessionCookie(app.baseUrl, user.email) } });
        sockets.push(socket);
        const got: { kind: string; link: string; text: string }[] = [];
        socket.on('notification:created', (n) => got.push(n));
        await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
        return got;
      };
      try {
        const [lead, colleague, outsider] = await Promise.all([online(lierMember.user), online(lierColleague), online(geelMember.user)]);
        const other = await signedIn(await app.createMember((await app.createOrganisation()).id));
        await post(other, `/api/projects/${ids.parking}/join-requests`).expect(201);
        for (const got of [lead, colleague]) {
          const n = await waitFor(() => got.find((x) => x.kind === 'project_join_requested'), { within: 2000, what: 'the live request' });
          expect(n.link).to.equal(`/projects/${ids.parking}`);
        }
        expect(outsider.filter((x) => x.kind === 'project_join_requested')).to.deep.equal([]);
        expect(lead.filter((x) => x.kind === 'project_join_requested'), 'once').to.have.length(1);
      } finally {
        for (const s of sockets) s.close();
      }
    });
  });

  describe('matching covers projects', () => {
    const similarProjects = async (c: Caller, title: string, description: string) => {
      const res = await post(c, '/api/ideas/similar', { title, description }).expect(200);
      expect(res.body.items, 'the ideas stay where they were').to.be.an('array');
      return res.body.projects as { project: { id: string; lead: { id: string | null; name: string }; partners: { name: string }[] }; score: number; terms: string[] }[];
    };

    it('when a Dutch idea is typed, then the project about the same subject is listed apart from the ideas, with lead and partners', async () => {
      const found = await similarProjects(molMember, 'Digitale parkeerkaart voor mensen met een beperking', 'De parkeerkaart van personen met een handicap koppelen aan de nummerplaat.');
      expect(found.map((f) => f.project.id)).to.deep.equal([ids.parking]);
      expect(found[0]!.project.lead).to.deep.equal({ id: lier.id, name: lier.name });
      expect(found[0]!.project.partners.map((p) => p.name)).to.include(geel.name);
      expect(found[0]!.score).to.be.within(0.3, 1);
    });

    it('when a French or an English text about the same subject is typed, then it meets the same Dutch project', async () => {
      const french = await similarProjects(molMember, 'Carte de stationnement numérique pour personnes handicapées', "Lier la carte de stationnement à la plaque d'immatriculation.");
      expect(french.map((f) => f.project.id)).to.include(ids.parking);
      const english = await similarProjects(molMember, 'Digital parking permit for disabled people', 'Link the disabled parking badge to the licence plate instead of a card.');
      expect(english.map((f) => f.project.id)).to.include(ids.parking);
      const income = await similarProjects(molMember, "Revenu d'intégration calculé automatiquement", "Le CPAS applique automatiquement les règles du revenu d'intégration.");
      expect(income.map((f) => f.project.id)).to.deep.equal([ids.income]);
      const unrelated = await similarProjects(molMember, 'Zwembad renoveren', 'Het zwembad krijgt nieuwe tegels en een glijbaan.');
      expect(unrelated).to.deep.equal([]);
    });

    it('when a project is added, then the next typed text finds it (the index follows the catalogue)', async () => {
      const title = 'Digitaal register voor graven op de begraafplaats';
      expect((await similarProjects(molMember, 'Grafregister digitaal', 'De graven en concessies op de begraafplaats digitaal bijhouden.')).map((f) => f.project.id)).to.deep.equal([]);
      const id = (await post(staff, '/api/projects', { title, summary: 'De graven, concessies en begravingen van de begraafplaats in één digitaal register.', type: 'concept', theme: 'services', leadName: 'Stad Voorbeeld' }).expect(201)).body.id;
      expect((await similarProjects(molMember, 'Grafregister digitaal', 'De graven en concessies op de begraafplaats digitaal bijhouden.')).map((f) => f.project.id)).to.deep.equal([id]);
    });

    it('when a posted idea is asked about, then GET /api/ideas/{id}/similar and its page show the project apart from the ideas', async () => {
      const idea = (await post(molMember, '/api/ideas', { title: 'Parkeerkaart voor personen met een handicap digitaal', description: 'De parkeerkaart koppelen aan de nummerplaat van de wagen.', theme: 'services' }).expect(201)).body;
      const res = await request(app.baseUrl).get(`/api/ideas/${idea.id}/similar`).expect(200);
      expect(res.body).to.have.keys('items', 'cluster', 'projects');
      expect(res.body.projects.map((p: { project: { id: string } }) => p.project.id)).to.include(ids.parking);
      const page = await request(app.baseUrl).get(`/ideas/${idea.id}`).expect(200);
      expect(page.text).to.include('Al in uitvoering').and.include(`href="/projects/${ids.parking}"`).and.include(`${lier.name} met ${geel.name}`);
    });

    it('when the new-idea form is checked without JavaScript, then the matching projects are listed too', async () => {
      const form = await molMember.agent.get('/ideas/new').expect(200);
      expect(form.text).to.include('id="similar-project-template"');
      const checked = await molMember.agent.post('/ideas/new').type('form')
        .send({ _csrf: csrfFrom(form.text), intent: 'check', title: 'Leefloon automatisch berekenen', description: 'Regels voor het leefloon automatisch toepassen voor het OCMW.', theme: 'services' }).expect(200);
      expect(checked.text).to.include('Al in uitvoering').and.include(`href="/projects/${ids.income}"`);
    });
  });

  describe('the reference catalogue and partnerships', () => {
    it('when the reference catalogue is loaded twice, then 38 projects once, linked to a loaded call by number', async () => {
      const deps = { store: app.store, clock: systemClock, audit: createAudit({ store: app.store, clock: systemClock }) };
      const first = await loadReferenceProjects(deps);
      expect(first.added).to.have.length(38);
      const call1 = await app.store.getCallByNumber(1);
      expect(call1, 'no reference call loaded in this app').to.equal(null);
      await post(staff, '/api/calls', { number: 1, name: 'Oproep 1 – innovatieve concepten', type: 'concept', closesAt: '2021-10-15T23:59:59+02:00' }).expect(201);
      const second = await loadReferenceProjects(deps);
      expect(second.added).to.deep.equal([]);
      expect(second.linked.length + second.unchanged.length).to.equal(38);
      expect(second.linked).to.include('gzg-1-01');
      const gent = await app.store.getProjectByReferenceKey('gzg-1-01');
      expect(gent).to.deep.include({ callNumber: 1, status: 'funded', leadOrganisationId: 'be-nis-44021', leadName: 'Gent' });
      expect(gent!.callId).to.be.a('string');
      const third = await loadReferenceProjects(deps);
      expect(third).to.deep.include({ added: [], linked: [] });
      expect((await app.store.listProjects()).filter((p) => p.source === 'reference')).to.have.length(38);
    });

    it('when an approved partnership becomes a project twice, then one funded project with its members as partners', async () => {
      const idea = (await post(lierMember, '/api/ideas', { title: 'Gedeeld meldpunt voor zwerfvuil', description: 'Inwoners melden zwerfvuil met een foto; de gemeente ruimt op.', theme: 'services' }).expect(201)).body;
      const at = new Date().toISOString();
      const membership = (organisationId: string, state: 'member' | 'declined') => ({
        partnershipId: 'ps-1', organisationId, state, via: 'invitation' as const, startedBy: lierMember.user.id, answeredBy: null, createdAt: at, answeredAt: at,
      });
      const partnership: Partnership = {
        id: 'ps-1', ideaId: idea.id, callId: null, title: 'Meldpunt zwerfvuil', leadOrganisationId: lier.id, status: 'approved', leadOfferedTo: null,
        createdAt: at, updatedAt: at, submittedAt: at, decidedAt: at, version: 3,
        memberships: [membership(lier.id, 'member'), membership(mol.id, 'member'), membership(geel.id, 'declined')],
      };
      const [a, b] = await Promise.all([app.services.projects.fromPartnership(partnership), app.services.projects.fromPartnership(partnership)]);
      expect(a.id).to.equal(b.id);
      expect(a).to.deep.include({ status: 'funded', source: 'partnership', partnershipId: 'ps-1', leadOrganisationId: lier.id, summary: idea.description, theme: 'services' });
      expect(a.partnerOrganisationIds).to.deep.equal([mol.id]);
      expect((await app.store.listProjects()).filter((p) => p.partnershipId === 'ps-1')).to.have.length(1);
      let refused: unknown = null;
      await app.services.projects.fromPartnership({ ...partnership, id: 'ps-2', status: 'submitted' }).catch((e: unknown) => { refused = e; });
      expect(refused).to.have.property('code', 'conflict');
    });

    it('when the programme team approves a partnership over the API, then its project appears in the catalogue, and follows it when it runs', async () => {
      const when = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, '+00:00');
      const callId = (await post(staff, '/api/calls', { number: 77, name: 'Oproep 77 – test', type: 'concept', opensAt: when(-1), closesAt: when(30) }).expect(201)).body.id;
      const idea = (await post(lierMember, '/api/ideas', { title: 'Digitale bibliotheekpas voor alle inwoners', description: 'Eén digitale bibliotheekpas in de app van de stad, ook voor de uitleendienst.', theme: 'services' }).expect(201)).body;
      const p = (await post(lierMember, '/api/partnerships', { ideaId: idea.id, callId }).expect(201)).body;
      await post(lierMember, `/api/partnerships/${p.id}/invitations`, { organisationId: mol.id }).expect(201);
      await post(molMember, `/api/partnerships/${p.id}/invitations/${mol.id}/accept`).expect(200);
      await post(lierMember, `/api/partnerships/${p.id}/status`, { status: 'submitted' }).expect(200);
      expect(await app.store.getProjectForPartnership(p.id)).to.equal(null);
      await post(staff, `/api/partnerships/${p.id}/status`, { status: 'approved' }).expect(200);
      const project = await waitFor(async () => app.store.getProjectForPartnership(p.id));
      expect(project).to.deep.include({ status: 'funded', source: 'partnership', leadOrganisationId: lier.id, callId, partnerOrganisationIds: [mol.id] });
      const listed = await request(app.baseUrl).get('/api/projects').query({ q: 'bibliotheekpas' }).expect(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).to.deep.equal([project.id]);
      await post(staff, `/api/partnerships/${p.id}/status`, { status: 'running' }).expect(200);
      await waitFor(async () => ((await app.store.getProject(project.id))?.status === 'running' ? true : null));
    });
  });
});
