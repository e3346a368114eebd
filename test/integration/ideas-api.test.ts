import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

describe('ideas API', () => {
  let app: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;
  let memberA: User;
  let memberB: User;
  let a: Agent; // member of orgA
  let b: Agent; // member of orgB
  let p: Agent; // programme team
  let csrfA: string;
  let csrfB: string;
  let csrfP: string;

  before(async () => {
    app = await startTestApp();
    orgA = await app.createOrganisation({ province: 'Limburg' });
    orgB = await app.createOrganisation({ province: 'West-Vlaanderen' });
    memberA = await app.createMember(orgA.id, { phone: '+32 11 23 45 67' });
    memberB = await app.createMember(orgB.id);
    const programme = await app.createProgramme();
    [a, b, p] = [request.agent(app.baseUrl), request.agent(app.baseUrl), request.agent(app.baseUrl)];
    csrfA = await signIn(a, memberA.email);
    csrfB = await signIn(b, memberB.email);
    csrfP = await signIn(p, programme.email);
  });
  after(() => app?.close());

  const visitor = () => request(app.baseUrl);
  async function ideaOf(org: Organisation, author: User, over: Partial<Idea> = {}): Promise<Idea> {
    const idea = makeIdea(org.id, author.id, over);
    await app.store.createIdea(idea);
    return idea;
  }
  const countIdeas = async (org: Organisation) => (await app.store.listIdeas({ organisationId: org.id, limit: 1, offset: 0 })).total;
  const valid = (over: Record<string, unknown> = {}) => ({
    title: 'Digitaal aanmeldloket voor de kinderopvang',
    description: 'Ouders schrijven hun kinderen online in voor de buitenschoolse kinderopvang, met wachtlijst.',
    theme: 'services',
    ...over,
  });

  describe('reading one idea and the list', () => {
    it('when a visitor reads an idea, then it has no contact details', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await visitor().get(`/api/ideas/${idea.id}`).expect(200);
      expect(res.body.title).to.equal(idea.title);
      expect(res.body).not.to.have.property('contact');
      expect(JSON.stringify(res.body)).not.to.include(idea.contact.email);
      expect(res.body.permissions).to.deep.equal({ edit: false, withdraw: false, reopen: false });
    });

    it('when a visitor lists ideas, then no item has contact details', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await visitor().get('/api/ideas').query({ organisation: orgA.id, pageSize: 100 }).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).to.include(idea.id);
      expect(JSON.stringify(res.body)).not.to.include('"contact"');
    });

    it('when a member of the posting organisation reads it, then the contact is there', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await a.get(`/api/ideas/${idea.id}`).expect(200);
      expect(res.body.contact).to.deep.equal(idea.contact);
      expect(res.body.permissions.edit).to.equal(true);
    });

    it('when the programme team reads it, then the contact is there', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await p.get(`/api/ideas/${idea.id}`).expect(200);
      expect(res.body.contact).to.deep.equal(idea.contact);
    });

    it('when a member of another organisation reads it, then there is no contact and no permission', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await b.get(`/api/ideas/${idea.id}`).expect(200);
      expect(res.body).not.to.have.property('contact');
      expect(res.body.permissions.edit).to.equal(false);
    });

    it('when the id is unknown, then 404 with the error envelope', async () => {
      const res = await visitor().get('/api/ideas/does-not-exist').expect(404);
      expect(res.body.error.code).to.equal('not_found');
      expect(res.body.error.message).to.equal('Dit idee bestaat niet of is niet (meer) zichtbaar.');
    });

    it('when the language cookie says English, then error messages are in English', async () => {
      const res = await visitor().get('/api/ideas/does-not-exist').set('Cookie', 'lang=en').expect(404);
      expect(res.body.error.message).to.equal('This idea does not exist or is no longer visible.');
    });
  });

  describe('POST /api/ideas', () => {
    it('when a member posts a valid idea, then 201 with Location, the contact prefilled from the user, and it can be read back', async () => {
      const res = await a.post('/api/ideas').set('X-CSRF-Token', csrfA).send(valid({ tags: ['Kinderopvang', 'e-loket', 'kinderopvang'] })).expect(201);
      expect(res.headers.location).to.equal(`/api/ideas/${res.body.id}`);
      expect(res.body.contact).to.deep.equal({ name: memberA.name, email: memberA.email, phone: memberA.phone });
      expect(res.body.tags).to.deep.equal(['kinderopvang', 'e-loket']);
      expect(res.body.organisation.id).to.equal(orgA.id);
      expect(res.body).to.include({ status: 'open', version: 1, language: 'nl' });
      const back = await visitor().get(String(res.headers.location)).expect(200);
      expect(back.body.title).to.equal(valid().title);
    });

    it('when a contact is given, then that contact is stored', async () => {
      const contact = { name: 'Els Peeters', email: 'els.peeters@gemeente.test', phone: '011 22 33 44' };
      const res = await a.post('/api/ideas').set('X-CSRF-Token', csrfA).send(valid({ contact })).expect(201);
      expect(res.body.contact).to.deep.equal(contact);
    });

    it('when a visitor posts, then 401 and nothing is written', async () => {
      const before = (await app.store.listIdeas({ limit: 1, offset: 0 })).total;
      const res = await visitor().post('/api/ideas').send(valid()).expect(401);
      expect(res.body.error.code).to.equal('unauthenticated');
      expect((await app.store.listIdeas({ limit: 1, offset: 0 })).total).to.equal(before);
    });

    it('when the programme team posts, then 403 because it posts for no organisation', async () => {
      const res = await p.post('/api/ideas').set('X-CSRF-Token', csrfP).send(valid()).expect(403);
      expect(res.body.error.code).to.equal('forbidden');
    });

    it('when the CSRF header is missing or wrong, then 403 and nothing is written', async () => {
      const before = await countIdeas(orgA);
      expect((await a.post('/api/ideas').send(valid()).expect(403)).body.error.code).to.equal('csrf_invalid');
      expect((await a.post('/api/ideas').set('X-CSRF-Token', 'not-the-token').send(valid()).expect(403)).body.error.code).to.equal('csrf_invalid');
      expect(await countIdeas(orgA)).to.equal(before);
    });

    const cases: [string, Record<string, unknown>, number, string?, string?][] = [
      ['a title of 4 characters', { title: 'Abcd' }, 400, 'title', 'too_short'],
      ['a title of 5 characters', { title: 'Abcde' }, 201],
      ['a title of 140 characters', { title: 'T'.repeat(140) }, 201],
      ['a title of 141 characters', { title: 'T'.repeat(141) }, 400, 'title', 'too_long'],
      ['a title of only spaces', { title: '      ' }, 400, 'title', 'too_short'],
      ['a description of 19 characters', { description: 'd'.repeat(19) }, 400, 'description', 'too_short'],
      ['a description of 20 characters', { description: 'd'.repeat(20) }, 201],
      ['a description of 5000 characters', { description: 'd'.repeat(5000) }, 201],
      ['a description of 5001 characters', { description: 'd'.repeat(5001) }, 400, 'description', 'too_long'],
      ['a theme not in the list', { theme: 'culture' }, 400, 'theme', 'invalid_choice'],
      ['no theme', { theme: undefined }, 400, 'theme', 'required'],
      ['11 tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, 400, 'tags', 'too_many'],
      ['10 tags', { tags: Array.from({ length: 10 }, (_, i) => `tag${i}`) }, 201],
      ['a tag of 31 characters', { tags: ['ok', 'x'.repeat(31)] }, 400, 'tags.1', 'too_long'],
      ['an invalid contact e-mail', { contact: { name: 'Jan Jansens', email: 'jan@' } }, 400, 'contact.email', 'invalid_email'],
      ['an invalid contact phone', { contact: { name: 'Jan Jansens', email: 'jan@gemeente.test', phone: 'call me' } }, 400, 'contact.phone', 'invalid_phone'],
      ['the title as a number', { title: 12345 }, 400, 'title', 'wrong_type'],
      ['the tags as a string', { tags: 'a, b' }, 400, 'tags', 'wrong_type'],
      ['the contact as a string', { contact: 'Jan' }, 400, 'contact', 'wrong_type'],
    ];
    for (const [what, over, status, field, code] of cases) {
      it(`when the body has ${what}, then ${status}${field ? ` naming ${field}` : ''}${status === 400 ? ' and nothing is written' : ''}`, async () => {
        const before = await countIdeas(orgA);
        const res = await a.post('/api/ideas').set('X-CSRF-Token', csrfA).send(valid(over)).expect(status);
        if (status !== 400) return expect(await countIdeas(orgA)).to.equal(before + 1);
        expect(res.body.error.code).to.equal('validation_failed');
        expect(res.body.error.fields[field!]).to.include({ code });
        expect(res.body.error.fields[field!].message).to.be.a('string').and.not.match(/^errors\./);
        expect(await countIdeas(orgA)).to.equal(before);
      });
    }

    it('when the body has unknown fields, then 400 naming them and nothing is written', async () => {
      const before = await countIdeas(orgA);
      const res = await a.post('/api/ideas').set('X-CSRF-Token', csrfA).send(valid({ colour: 'red', status: 'withdrawn' })).expect(400);
      const fields = JSON.stringify(res.body.error.fields);
      expect(fields).to.include('colour').and.include('status');
      expect(await countIdeas(orgA)).to.equal(before);
    });

    it('when the body is over 100 kB, then 413 and nothing is written', async () => {
      const before = await countIdeas(orgA);
      const res = await a.post('/api/ideas').set('X-CSRF-Token', csrfA).send(valid({ description: 'x'.repeat(110_000) })).expect(413);
      expect(res.body.error.code).to.equal('payload_too_large');
      expect(await countIdeas(orgA)).to.equal(before);
    });

    it('when the body is not valid JSON, then 400', async () => {
      const res = await a.post('/api/ideas').set('X-CSRF-Token', csrfA).set('Content-Type', 'application/json').send('{"title": ').expect(400);
      expect(res.body.error.code).to.equal('bad_request');
    });
  });

  describe('PATCH /api/ideas/:id', () => {
    it('when the posting organisation changes the title, then 200 with the new title and the next version', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await a.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfA).send({ title: 'Een nieuwe titel', version: 1 }).expect(200);
      expect(res.body).to.include({ title: 'Een nieuwe titel', version: 2 });
      expect((await app.store.getIdea(idea.id))!.title).to.equal('Een nieuwe titel');
    });

    it('when the version is stale, then 409 and nothing changes', async () => {
      const idea = await ideaOf(orgA, memberA, { version: 3 });
      const res = await a.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfA).send({ title: 'Overschreven titel', version: 2 }).expect(409);
      expect(res.body.error.code).to.equal('conflict');
      expect(res.body.error.message).to.include('versie 3');
      expect((await app.store.getIdea(idea.id))!).to.include({ title: idea.title, version: 3 });
    });

    it('when a member of another organisation edits, then 403 and nothing changes', async () => {
      const idea = await ideaOf(orgA, memberA);
      const res = await b.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfB).send({ title: 'Gekaapte titel' }).expect(403);
      expect(res.body.error.code).to.equal('forbidden');
      expect((await app.store.getIdea(idea.id))!).to.include({ title: idea.title, version: 1 });
    });

    it('when the programme team edits, then 200', async () => {
      const idea = await ideaOf(orgA, memberA);
      await p.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfP).send({ theme: 'workplace' }).expect(200);
      expect((await app.store.getIdea(idea.id))!.theme).to.equal('workplace');
    });

    it('when a visitor edits, then 401', async () => {
      const idea = await ideaOf(orgA, memberA);
      await visitor().patch(`/api/ideas/${idea.id}`).send({ title: 'Van een bezoeker' }).expect(401);
    });

    it('when the CSRF header is missing, then 403 and nothing changes', async () => {
      const idea = await ideaOf(orgA, memberA);
      await a.patch(`/api/ideas/${idea.id}`).send({ title: 'Zonder token' }).expect(403);
      expect((await app.store.getIdea(idea.id))!.title).to.equal(idea.title);
    });

    it('when the id is unknown, then 404', async () => {
      await a.patch('/api/ideas/unknown-id').set('X-CSRF-Token', csrfA).send({ title: 'Maakt niet uit' }).expect(404);
    });

    it('when the patch has an unknown field or a too short title, then 400 and nothing changes', async () => {
      const idea = await ideaOf(orgA, memberA);
      expect(JSON.stringify((await a.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfA).send({ organisationId: orgB.id }).expect(400)).body)).to.include('organisationId');
      expect((await a.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfA).send({ title: 'Kort' }).expect(400)).body.error.fields.title.code).to.equal('too_short');
      expect((await app.store.getIdea(idea.id))!).to.include({ organisationId: orgA.id, title: idea.title, version: 1 });
    });
  });

  describe('DELETE /api/ideas/:id and reopening', () => {
    it('when the posting organisation withdraws and then reopens, then the status follows', async () => {
      const idea = await ideaOf(orgA, memberA);
      const withdrawn = await a.delete(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfA).expect(200);
      expect(withdrawn.body).to.include({ status: 'withdrawn' });
      expect(withdrawn.body.permissions).to.include({ reopen: true, edit: false });
      const reopened = await a.post(`/api/ideas/${idea.id}/reopen`).set('X-CSRF-Token', csrfA).expect(200);
      expect(reopened.body).to.include({ status: 'open' });
    });

    it('when a member of another organisation withdraws, then 403 and the idea stays open', async () => {
      const idea = await ideaOf(orgA, memberA);
      await b.delete(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfB).expect(403);
      expect((await app.store.getIdea(idea.id))!.status).to.equal('open');
    });

    it('when the id is unknown, then 404', async () => {
      await a.delete('/api/ideas/unknown-id').set('X-CSRF-Token', csrfA).expect(404);
    });

    it('when a withdrawn idea is patched, then 409', async () => {
      const idea = await ideaOf(orgA, memberA, { status: 'withdrawn' });
      await a.patch(`/api/ideas/${idea.id}`).set('X-CSRF-Token', csrfA).send({ title: 'Toch nog bewerken' }).expect(409);
    });
  });

  describe('GET /api/ideas filters and pagination', () => {
    // Each test's ideas share a word nobody else uses, so the search keeps them apart from other tests' data.
    let n = 0;
    const word = () => `zoekwoord${Date.now().toString(36)}x${++n}`;
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

    it('when filtering by theme, province, organisation and status, then only matching ideas come back', async () => {
      const w = word();
      const services = await ideaOf(orgA, memberA, { title: `Loket ${w}`, theme: 'services' });
      const democracy = await ideaOf(orgB, memberB, { title: `Participatie ${w}`, theme: 'democracy' });
      const withdrawn = await ideaOf(orgA, memberA, { title: `Ingetrokken ${w}`, theme: 'workplace', status: 'withdrawn' });
      const q = { q: w };
      expect(ids(await visitor().get('/api/ideas').query(q))).to.deep.equal([services.id, democracy.id].sort());
      expect(ids(await visitor().get('/api/ideas').query({ ...q, theme: 'democracy' }))).to.deep.equal([democracy.id]);
      expect(ids(await visitor().get('/api/ideas').query({ ...q, province: 'Limburg' }))).to.deep.equal([services.id]);
      expect(ids(await visitor().get('/api/ideas').query({ ...q, organisation: orgB.id }))).to.deep.equal([democracy.id]);
      expect(ids(await visitor().get('/api/ideas').query({ ...q, status: 'withdrawn' }))).to.deep.equal([withdrawn.id]);
      expect(ids(await visitor().get('/api/ideas').query({ ...q, status: 'all' }))).to.have.length(3);
    });

    it('when paging with pageSize 2 through 5 ideas, then 3 pages without overlap and the total', async () => {
      const w = word();
      for (let i = 0; i < 5; i++) await ideaOf(orgA, memberA, { title: `Idee ${i} ${w}` });
      const pages = await Promise.all([1, 2, 3].map((page) => visitor().get('/api/ideas').query({ q: w, pageSize: 2, page }).expect(200)));
      expect(pages.map((r) => r.body.items.length)).to.deep.equal([2, 2, 1]);
      expect(pages[0]!.body).to.include({ total: 5, page: 1, pageSize: 2 });
      expect(new Set(pages.flatMap((r) => ids(r))).size).to.equal(5);
    });

    it('when a filter is invalid, then 400 naming it', async () => {
      const res = await visitor().get('/api/ideas').query({ theme: 'sports', pageSize: 1000 }).expect(400);
      expect(res.body.error.fields).to.have.keys('theme', 'pageSize');
    });
  });

  describe('GET /api/organisations', () => {
    it('when filtering by province, then only that province, sorted by name', async () => {
      const res = await visitor().get('/api/organisations').query({ province: 'Limburg' }).expect(200);
      const names: string[] = res.body.items.map((o: { name: string }) => o.name);
      expect(names.length).to.be.greaterThan(10);
      expect(res.body.items.every((o: { province: string }) => o.province === 'Limburg')).to.equal(true);
      expect(names).to.deep.equal([...names].sort((x, y) => x.localeCompare(y, 'nl-BE')));
    });

    it('without a filter, then the 285 municipalities (and the test organisations) are there', async () => {
      const res = await visitor().get('/api/organisations').expect(200);
      expect(res.body.items.filter((o: { id: string }) => o.id.startsWith('be-nis-'))).to.have.length(285);
    });
  });
});
