import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { orderedPair, type Idea, type Organisation, type User } from '../../server/store/store.js';
import { newId } from '../../server/store/ids.js';
import { T0, makeIdea } from '../support/factories.js';
import { signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Endorsements, connections and contact visibility over the real app (SQLite on disk, HTTP). Three
 * organisations: A posts ideas, B endorses them, C is a bystander who must never see A's or B's contacts.
 */
describe('endorsements, connections and "My organisation"', () => {
  let app: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;
  let orgC: Organisation;
  let memberA: User;
  let memberB: User;
  let a: Agent;
  let b: Agent;
  let c: Agent;
  let p: Agent;
  let csrfA: string;
  let csrfB: string;
  let csrfP: string;

  before(async () => {
    app = await startTestApp();
    orgA = await app.createOrganisation({ name: 'Testgemeente Aarlo' });
    orgB = await app.createOrganisation({ name: 'Testgemeente Bree-Oost' });
    orgC = await app.createOrganisation({ name: 'Testgemeente Ceelen' });
    memberA = await app.createMember(orgA.id, { name: 'Ann Aerts' });
    memberB = await app.createMember(orgB.id, { name: 'Bert Boons', phone: '+32 11 22 33 44' });
    const memberC = await app.createMember(orgC.id);
    const programme = await app.createProgramme();
    [a, b, c, p] = [request.agent(app.baseUrl), request.agent(app.baseUrl), request.agent(app.baseUrl), request.agent(app.baseUrl)];
    csrfA = await signIn(a, memberA.email);
    csrfB = await signIn(b, memberB.email);
    await signIn(c, memberC.email);
    csrfP = await signIn(p, programme.email);
  });
  after(() => app?.close());

  const visitor = () => request(app.baseUrl);
  let n = 0;
  async function ideaOfA(over: Partial<Idea> = {}): Promise<Idea> {
    n += 1;
    const idea = makeIdea(orgA.id, memberA.id, {
      title: `Digitale afsprakenplanner voor het loket ${n}`,
      contact: { name: `Contact Aarlo ${n}`, email: `contact.aarlo.${n}@gemeente.test`, phone: null },
      ...over,
    });
    await app.store.createIdea(idea);
    return idea;
  }
  const endorsementsOf = (idea: Idea) => app.store.listEndorsements({ ideaId: idea.id });
  const endorseApi = (agent: Agent, csrf: string, idea: Idea, body: object = {}) =>
    agent.post(`/api/ideas/${idea.id}/endorsements`).set('X-CSRF-Token', csrf).send(body);
  /** Handlebars escapes `'`, `=` and `&` in text; a browser reads them back as these. */
  const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

  /** Whether this agent sees the idea's contact e-mail on the page, in `GET /api/ideas/:id` and in the list API. */
  async function sees(agent: Agent | ReturnType<typeof visitor>, idea: Idea) {
    const page = (await agent.get(`/ideas/${idea.id}`).expect(200)).text;
    const one = (await agent.get(`/api/ideas/${idea.id}`).expect(200)).body as { contact?: unknown };
    const list = (await agent.get('/api/ideas').query({ organisation: orgA.id, pageSize: 100 }).expect(200)).body as { items: { id: string; contact?: unknown }[] };
    const item = list.items.find((i) => i.id === idea.id);
    expect(item, 'idea in the list').to.exist;
    return { page: page.includes(idea.contact.email), api: 'contact' in one, list: item !== undefined && 'contact' in item };
  }
  const nowhere = { page: false, api: false, list: false };
  const everywhere = { page: true, api: true, list: true };

  describe('endorsing from the idea page (no JavaScript)', () => {
    it('when B opens A\'s open idea, then the endorse form with the 500-character limit is there and no contact', async () => {
      const idea = await ideaOfA();
      const page = (await b.get(`/ideas/${idea.id}`).expect(200)).text;
      expect(page).to.include('id="endorse"').and.include(`action="/ideas/${idea.id}/endorse"`).and.include('name="message"').and.include('500');
      expect(page).not.to.include(idea.contact.email);
    });

    it('when B posts the form with a message, then 303 back to the idea, and the page shows the endorsement, the contact and why', async () => {
      const idea = await ideaOfA();
      const res = await b.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfB, message: 'Wij delen graag de kost van de boekingsmodule.' }).expect(303);
      expect(res.headers.location).to.equal(`/ideas/${idea.id}#endorse`);
      const page = decode((await b.get(`/ideas/${idea.id}`).expect(200)).text);
      expect(page).to.include('Jouw bestuur steunt nu dit idee'); // the flash
      expect(page).to.include(`mailto:${idea.contact.email}`).and.include('omdat jouw bestuur het steunt');
      expect(page).to.include(`href="/ideas/${idea.id}/unendorse"`).and.include('Wij delen graag de kost van de boekingsmodule.');
      expect(page).not.to.include(`action="/ideas/${idea.id}/endorse"`);
      const stored = await endorsementsOf(idea);
      expect(stored.map((e) => [e.organisationId, e.userId, e.message])).to.deep.equal([[orgB.id, memberB.id, 'Wij delen graag de kost van de boekingsmodule.']]);
    });

    it('when A opens the idea B endorsed, then A sees B, its message and B\'s contact person (the member who endorsed)', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea, { message: 'Mol doet mee' }).expect(201);
      const page = decode((await a.get(`/ideas/${idea.id}`).expect(200)).text);
      expect(page).to.include(orgB.name).and.include('Mol doet mee').and.include(`mailto:${memberB.email}`).and.include(memberB.name);
      expect(page).not.to.include(`action="/ideas/${idea.id}/endorse"`);
    });

    it('when the message is over 500 characters, then 400 names the message and keeps it in the form, and nothing is stored', async () => {
      const idea = await ideaOfA();
      const long = `${'Wij willen graag meedoen. '.repeat(20)}einde`;
      const res = await b.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfB, message: long }).expect(400);
      const page = decode(res.text);
      expect(page).to.include('id="message-error"').and.include('Bericht mag hoogstens 500 tekens lang zijn.').and.include('aria-invalid="true"');
      expect(page).to.include(`${long}</textarea>`);
      expect(page).to.include(idea.title); // the whole idea page, not a bare form
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when B endorses twice, then the second answers 409 and the first endorsement stays as it was', async () => {
      const idea = await ideaOfA();
      await b.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfB, message: 'eerste' }).expect(303);
      const res = await b.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfB, message: 'tweede' }).expect(409);
      expect(res.text).to.include('Je bestuur steunt dit idee al.');
      expect((await endorsementsOf(idea)).map((e) => e.message)).to.deep.equal(['eerste']);
    });

    it('when A endorses its own idea, then 403 with a clear message and nothing is stored', async () => {
      const idea = await ideaOfA();
      expect((await a.get(`/ideas/${idea.id}`).expect(200)).text).not.to.include(`action="/ideas/${idea.id}/endorse"`);
      const res = await a.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfA }).expect(403);
      expect(res.text).to.include('Je kan een idee van je eigen bestuur niet steunen.');
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when the idea is withdrawn, then there is no form and posting answers 409', async () => {
      const idea = await ideaOfA({ status: 'withdrawn' });
      const page = (await b.get(`/ideas/${idea.id}`).expect(200)).text;
      expect(page).not.to.include(`action="/ideas/${idea.id}/endorse"`).and.not.to.include('name="message"');
      await b.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfB }).expect(409);
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when the form comes without the CSRF token, then 403 and nothing is stored', async () => {
      const idea = await ideaOfA();
      await b.post(`/ideas/${idea.id}/endorse`).type('form').send({ message: 'zonder token' }).expect(403);
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when a visitor opens the idea, then a sign-in link instead of the form; a forged post is refused and nothing is stored', async () => {
      const idea = await ideaOfA();
      const page = (await visitor().get(`/ideas/${idea.id}`).expect(200)).text;
      expect(page).to.include('/signin?next=').and.not.to.include(`action="/ideas/${idea.id}/endorse"`);
      // A visitor has no session token to send: the CSRF check refuses before the route would send them to sign in.
      await visitor().post(`/ideas/${idea.id}/endorse`).type('form').send({ message: 'x' }).expect(403);
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when B takes the endorsement back from the idea page, then 303, it is gone, and so is the contact', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea).expect(201);
      const res = await b.post(`/ideas/${idea.id}/unendorse`).type('form').send({ _csrf: csrfB }).expect(303);
      expect(res.headers.location).to.equal(`/ideas/${idea.id}#endorse`);
      const page = (await b.get(`/ideas/${idea.id}`).expect(200)).text;
      expect(page).to.include('Jullie steun is ingetrokken.').and.include(`action="/ideas/${idea.id}/endorse"`).and.not.include(idea.contact.email);
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when the programme team posts the form, then 403: only members endorse', async () => {
      const idea = await ideaOfA();
      await p.post(`/ideas/${idea.id}/endorse`).type('form').send({ _csrf: csrfP }).expect(403);
      expect(await endorsementsOf(idea)).to.have.length(0);
    });
  });

  describe('the endorsements API', () => {
    it('when B endorses with a message, then 201 with the endorsement, the new connection and the idea\'s contact', async () => {
      const idea = await ideaOfA();
      const res = await endorseApi(b, csrfB, idea, { message: '  Samen aankopen?  ' }).expect(201);
      expect(res.headers.location).to.equal(`/api/ideas/${idea.id}/endorsements`);
      expect(res.body.endorsement).to.include({ ideaId: idea.id, message: 'Samen aankopen?', mine: true });
      expect(res.body.endorsement.organisation).to.deep.equal({ id: orgB.id, name: orgB.name });
      expect(res.body.newlyConnected).to.equal(true);
      expect(res.body.contact).to.deep.equal(idea.contact);
      expect(await app.store.areConnected(orgA.id, orgB.id, idea.id)).to.equal(true);
    });

    it('when B endorses without a body, then 201 with no message', async () => {
      const idea = await ideaOfA();
      const res = await b.post(`/api/ideas/${idea.id}/endorsements`).set('X-CSRF-Token', csrfB).expect(201);
      expect(res.body.endorsement.message).to.equal(null);
    });

    it('when an introduction already connects them, then newlyConnected is false', async () => {
      const idea = await ideaOfA();
      await introduce(idea, orgB);
      const res = await endorseApi(b, csrfB, idea).expect(201);
      expect(res.body.newlyConnected).to.equal(false);
    });

    it('when B endorses twice, then 409 conflict and nothing changes', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea, { message: 'een' }).expect(201);
      const res = await endorseApi(b, csrfB, idea, { message: 'twee' }).expect(409);
      expect(res.body.error.code).to.equal('conflict');
      expect((await endorsementsOf(idea)).map((e) => e.message)).to.deep.equal(['een']);
    });

    it('when A endorses its own idea, then 403 with a message saying so, and nothing changes', async () => {
      const idea = await ideaOfA();
      const res = await endorseApi(a, csrfA, idea).expect(403);
      expect(res.body.error).to.deep.equal({ code: 'forbidden', message: 'Je kan een idee van je eigen bestuur niet steunen.' });
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when the idea is withdrawn, then 409 and nothing changes', async () => {
      const idea = await ideaOfA({ status: 'withdrawn' });
      const res = await endorseApi(b, csrfB, idea).expect(409);
      expect(res.body.error.message).to.include('ingetrokken');
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when the message is too long, of the wrong type or an unknown field is sent, then 400 naming the field', async () => {
      const idea = await ideaOfA();
      const long = await endorseApi(b, csrfB, idea, { message: 'x'.repeat(501) }).expect(400);
      expect(long.body.error.fields.message.code).to.equal('too_long');
      const wrong = await endorseApi(b, csrfB, idea, { message: 42 }).expect(400);
      expect(wrong.body.error.fields).to.have.property('message');
      const unknown = await endorseApi(b, csrfB, idea, { message: 'ok', organisationId: orgC.id }).expect(400);
      expect(unknown.body.error.fields).to.have.property('_');
      expect(await endorsementsOf(idea)).to.have.length(0);
    });

    it('when exactly 500 characters are sent, then it is accepted', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea, { message: 'x'.repeat(500) }).expect(201);
    });

    it('when the CSRF header is missing, then 403 csrf_invalid and nothing changes', async () => {
      const idea = await ideaOfA();
      const res = await b.post(`/api/ideas/${idea.id}/endorsements`).send({}).expect(403);
      expect(res.body.error.code).to.equal('csrf_invalid');
      await endorseApi(b, csrfB, idea).expect(201);
      await b.delete(`/api/ideas/${idea.id}/endorsements/mine`).expect(403);
      expect(await endorsementsOf(idea)).to.have.length(1);
    });

    it('when a visitor calls, then 401 for endorsing and taking back, and the list without messages or contacts', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea, { message: 'alleen voor verbonden besturen' }).expect(201);
      expect((await visitor().post(`/api/ideas/${idea.id}/endorsements`).send({}).expect(401)).body.error.code).to.equal('unauthenticated');
      await visitor().delete(`/api/ideas/${idea.id}/endorsements/mine`).expect(401);
      const list = await visitor().get(`/api/ideas/${idea.id}/endorsements`).expect(200);
      expect(list.body.items).to.have.length(1);
      expect(list.body.items[0]).to.include({ message: null, contact: null, mine: false });
      expect(JSON.stringify(list.body)).not.to.include(memberB.email);
    });

    it('when the idea does not exist, then 404', async () => {
      await endorseApi(b, csrfB, { id: 'no-such-idea' } as Idea).expect(404);
      await visitor().get('/api/ideas/no-such-idea/endorsements').expect(404);
    });

    it('when listed, then A and the programme team see messages and B\'s contact person, C and visitors only the organisation', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea, { message: 'Bree doet mee' }).expect(201);
      const expected = { name: memberB.name, email: memberB.email, phone: memberB.phone };
      for (const agent of [a, p, b]) {
        const [item] = (await agent.get(`/api/ideas/${idea.id}/endorsements`).expect(200)).body.items;
        expect(item.organisation).to.deep.equal({ id: orgB.id, name: orgB.name });
        expect(item.message).to.equal('Bree doet mee');
        expect(item.contact).to.deep.equal(expected);
      }
      const [forC] = (await c.get(`/api/ideas/${idea.id}/endorsements`).expect(200)).body.items;
      expect(forC).to.include({ message: null, contact: null });
    });

    it('when B takes it back, then 200 with the endorsement and connected false; again, 204', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea, { message: 'even' }).expect(201);
      const res = await b.delete(`/api/ideas/${idea.id}/endorsements/mine`).set('X-CSRF-Token', csrfB).expect(200);
      expect(res.body.endorsement).to.include({ ideaId: idea.id, message: 'even' });
      expect(res.body.connected).to.equal(false);
      const again = await b.delete(`/api/ideas/${idea.id}/endorsements/mine`).set('X-CSRF-Token', csrfB).expect(204);
      expect(again.text).to.equal('');
      expect(await endorsementsOf(idea)).to.have.length(0);
    });
  });

  /** A programme-team introduction of B to A around the idea, the other kind of connection. */
  async function introduce(idea: Idea, org: Organisation) {
    const [first, second] = orderedPair(idea.organisationId, org.id);
    await app.store.createConnection({ id: newId(), ideaId: idea.id, organisationA: first, organisationB: second, via: 'introduction', createdAt: T0 });
  }

  describe('contact visibility follows the connection', () => {
    it('when B has not endorsed, then B, C and visitors see no contact; after B endorses, B does on the page, the idea API and the list API; C and visitors still not', async () => {
      const idea = await ideaOfA();
      expect(await sees(b, idea)).to.deep.equal(nowhere);
      expect(await sees(c, idea)).to.deep.equal(nowhere);
      expect(await sees(visitor(), idea)).to.deep.equal(nowhere);
      await endorseApi(b, csrfB, idea).expect(201);
      expect(await sees(b, idea)).to.deep.equal(everywhere);
      expect(await sees(c, idea)).to.deep.equal(nowhere);
      expect(await sees(visitor(), idea)).to.deep.equal(nowhere);
    });

    it('when B\'s endorsement of one idea connects them, then B still does not see the contact of A\'s other ideas', async () => {
      const endorsed = await ideaOfA();
      const other = await ideaOfA();
      await endorseApi(b, csrfB, endorsed).expect(201);
      expect(await sees(b, other)).to.deep.equal(nowhere);
    });

    it('when B takes the endorsement back, then the contact disappears again', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea).expect(201);
      await b.delete(`/api/ideas/${idea.id}/endorsements/mine`).set('X-CSRF-Token', csrfB).expect(200);
      expect(await sees(b, idea)).to.deep.equal(nowhere);
    });

    it('when an introduction also connects them, then taking the endorsement back keeps the contact, and the page says why', async () => {
      const idea = await ideaOfA();
      await endorseApi(b, csrfB, idea).expect(201);
      await introduce(idea, orgB);
      const res = await b.delete(`/api/ideas/${idea.id}/endorsements/mine`).set('X-CSRF-Token', csrfB).expect(200);
      expect(res.body.connected).to.equal(true);
      expect(await sees(b, idea)).to.deep.equal(everywhere);
      expect((await b.get(`/ideas/${idea.id}`).expect(200)).text).to.include('omdat het programmateam jullie');
    });

    it('when the programme team looks, then it sees the contact everywhere, before and after any endorsement', async () => {
      const idea = await ideaOfA();
      expect(await sees(p, idea)).to.deep.equal(everywhere);
      expect(await sees(a, idea)).to.deep.equal(everywhere);
    });
  });

  describe('"My organisation"', () => {
    let idea: Idea;
    before(async () => {
      idea = await ideaOfA({ title: 'Gedeelde boekingsmodule voor het onthaal' });
      await endorseApi(b, csrfB, idea, { message: 'Wij betalen mee aan de boekingsmodule.' }).expect(201);
    });

    it('when A opens it, then our idea with its endorsement count, B\'s endorsement with message, and B as a connection with its endorser as contact', async () => {
      const page = decode((await a.get('/my-organisation').expect(200)).text);
      expect(page).to.include(orgA.name).and.include(idea.title).and.include('Steunende besturen: 1');
      const received = page.slice(page.indexOf('id="received"'), page.indexOf('id="connections"'));
      expect(received).to.include(orgB.name).and.include('Wij betalen mee aan de boekingsmodule.').and.include(`mailto:${memberB.email}`);
      const connections = page.slice(page.indexOf('id="connections"'));
      expect(connections).to.include(orgB.name).and.include(`mailto:${memberB.email}`).and.include('via steun');
    });

    it('when B opens it, then the endorsement given with a take-back button, and A as a connection with the idea\'s contact', async () => {
      const page = decode((await b.get('/my-organisation').expect(200)).text);
      const given = page.slice(page.indexOf('id="given"'), page.indexOf('id="received-title"'));
      expect(given).to.include(idea.title).and.include(orgA.name).and.include('Wij betalen mee aan de boekingsmodule.');
      expect(given).to.include(`href="/ideas/${idea.id}/unendorse?back=my-organisation"`);
      const connections = page.slice(page.indexOf('id="connections"'));
      expect(connections).to.include(orgA.name).and.include(`mailto:${idea.contact.email}`);
    });

    it('when C opens it, then nothing of A\'s and B\'s endorsement or contacts', async () => {
      const page = decode((await c.get('/my-organisation').expect(200)).text);
      expect(page).to.include('Jullie zijn nog met geen enkel bestuur verbonden.').and.include('Jullie steunen nog geen ideeën');
      for (const s of [orgA.name, orgB.name, idea.title, idea.contact.email, memberB.email]) expect(page).not.to.include(s);
    });

    it('when read over the API, then A and B get the same overview, C an empty one', async () => {
      const forA = (await a.get('/api/my-organisation').expect(200)).body;
      expect(forA.organisation).to.include({ id: orgA.id, name: orgA.name });
      expect(forA.ideas.find((i: { id: string }) => i.id === idea.id).endorsementCount).to.equal(1);
      const receivedByA = forA.received.find((r: { idea: { id: string } }) => r.idea.id === idea.id);
      expect(receivedByA).to.deep.include({ organisation: { id: orgB.id, name: orgB.name }, message: 'Wij betalen mee aan de boekingsmodule.' });
      expect(receivedByA.contact).to.deep.equal({ name: memberB.name, email: memberB.email, phone: memberB.phone });
      const connA = forA.connections.find((x: { idea: { id: string } }) => x.idea.id === idea.id);
      expect(connA).to.deep.include({ organisation: { id: orgB.id, name: orgB.name }, via: ['endorsement'], contactKind: 'endorser' });

      const forB = (await b.get('/api/my-organisation').expect(200)).body;
      expect(forB.given.find((g: { idea: { id: string } }) => g.idea.id === idea.id).idea.organisation).to.deep.equal({ id: orgA.id, name: orgA.name });
      const connB = forB.connections.find((x: { idea: { id: string } }) => x.idea.id === idea.id);
      expect(connB).to.deep.include({ organisation: { id: orgA.id, name: orgA.name }, contact: idea.contact, contactKind: 'idea_contact' });

      const forC = (await c.get('/api/my-organisation').expect(200)).body;
      expect(forC).to.deep.include({ ideas: [], given: [], received: [], connections: [] });
    });

    it('when B takes an endorsement back from it, then 303 back to "My organisation" and the row is gone', async () => {
      const other = await ideaOfA({ title: 'Tweede idee om terug te nemen' });
      await endorseApi(b, csrfB, other).expect(201);
      const res = await b.post(`/ideas/${other.id}/unendorse`).type('form').send({ _csrf: csrfB, back: 'my-organisation' }).expect(303);
      expect(res.headers.location).to.equal('/my-organisation');
      const page = decode((await b.get('/my-organisation').expect(200)).text);
      expect(page).to.include('Jullie steun is ingetrokken.').and.not.include(other.title);
    });

    it('when the programme team opens it, then 403 pointing to the organisations; a visitor is sent to sign in, and the API answers 401', async () => {
      const page = await p.get('/my-organisation').expect(403);
      expect(decode(page.text)).to.include('Het programmateam hoort bij geen enkel bestuur');
      await p.get('/api/my-organisation').expect(403);
      const res = await visitor().get('/my-organisation').expect(303);
      expect(res.headers.location).to.equal('/signin?next=%2Fmy-organisation');
      await visitor().get('/api/my-organisation').expect(401);
    });

    it('when a member looks at the header, then it links to "My organisation"; the programme team\'s does not', async () => {
      expect((await c.get('/ideas').expect(200)).text).to.include('href="/my-organisation"');
      expect((await p.get('/ideas').expect(200)).text).not.to.include('href="/my-organisation"');
    });
  });

  it('when read in English, then the section and the page are in English', async () => {
    const idea = await ideaOfA();
    const page = (await b.get(`/ideas/${idea.id}`).set('Cookie', 'lang=en').expect(200)).text;
    expect(page).to.include('We find this valuable too').and.include('at most 500 characters');
  });
});
