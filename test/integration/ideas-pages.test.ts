import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

describe('idea and organisation pages', () => {
  let app: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;
  let memberA: User;
  let a: Agent; // member of orgA
  let b: Agent; // member of orgB
  let p: Agent; // programme team
  let csrfA: string;
  let csrfB: string;

  before(async () => {
    app = await startTestApp();
    orgA = await app.createOrganisation({ province: 'Limburg', name: 'Testgemeente Aalbeek' });
    orgB = await app.createOrganisation({ province: 'Antwerpen' });
    memberA = await app.createMember(orgA.id, { name: 'Ann Aerts', phone: '+32 11 23 45 67' });
    const memberB = await app.createMember(orgB.id);
    const programme = await app.createProgramme();
    [a, b, p] = [request.agent(app.baseUrl), request.agent(app.baseUrl), request.agent(app.baseUrl)];
    csrfA = await signIn(a, memberA.email);
    csrfB = await signIn(b, memberB.email);
    await signIn(p, programme.email);
  });
  after(() => app?.close());

  const visitor = () => request(app.baseUrl);
  async function ideaOf(org: Organisation, over: Partial<Idea> = {}): Promise<Idea> {
    const idea = makeIdea(org.id, memberA.id, over);
    await app.store.createIdea(idea);
    return idea;
  }
  const form = (over: Record<string, string> = {}) => ({
    _csrf: csrfA,
    title: 'Slimme parkeersensoren in het centrum',
    description: 'Sensoren tonen vrije parkeerplaatsen in een app, zodat er minder zoekverkeer is in de dorpskern.',
    theme: 'services',
    tags: 'mobiliteit, parkeren',
    contactName: 'Ann Aerts',
    contactEmail: 'ann.aerts@gemeente.test',
    contactPhone: '',
    ...over,
  });
  /** Handlebars escapes `=` and `&` in attributes; a browser reads them back as these. */
  const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const count = async (org: Organisation) => (await app.store.listIdeas({ organisationId: org.id, limit: 1, offset: 0 })).total;

  describe('who sees the contact person', () => {
    it('when a visitor opens the list and the idea page, then the contact e-mail appears on neither', async () => {
      const idea = await ideaOf(orgA);
      const list = await visitor().get('/ideas').query({ organisation: orgA.id }).expect(200);
      expect(list.text).to.include(idea.title).and.not.include(idea.contact.email);
      const page = await visitor().get(`/ideas/${idea.id}`).expect(200);
      expect(page.text).to.include(idea.title).and.not.include(idea.contact.email).and.not.include(idea.contact.name);
      expect(page.text).not.to.include(`/ideas/${idea.id}/edit`);
    });

    it('when a member of the posting organisation opens the idea, then the contact block and the edit and withdraw buttons are there', async () => {
      const idea = await ideaOf(orgA);
      const page = await a.get(`/ideas/${idea.id}`).expect(200);
      expect(page.text).to.include(`mailto:${idea.contact.email}`).and.include(`/ideas/${idea.id}/edit`).and.include(`/ideas/${idea.id}/withdraw`);
    });

    it('when the programme team opens the idea, then the contact block is there', async () => {
      const idea = await ideaOf(orgA);
      expect((await p.get(`/ideas/${idea.id}`).expect(200)).text).to.include(`mailto:${idea.contact.email}`);
    });

    it('when a member of another organisation opens the idea, then no contact and no buttons', async () => {
      const idea = await ideaOf(orgA);
      const page = await b.get(`/ideas/${idea.id}`).expect(200);
      expect(page.text).not.to.include(idea.contact.email);
      expect(page.text).not.to.include(`/ideas/${idea.id}/withdraw`);
    });

    it('when the idea id is unknown, then a 404 page', async () => {
      const res = await visitor().get('/ideas/no-such-idea').expect(404);
      expect(res.headers['content-type']).to.match(/html/);
    });
  });

  describe('posting', () => {
    it('when a visitor opens the form, then they are sent to sign in and back', async () => {
      const res = await visitor().get('/ideas/new').expect(303);
      expect(res.headers.location).to.equal('/signin?next=%2Fideas%2Fnew');
    });

    it('when the programme team opens the form, then a clear 403', async () => {
      const res = await p.get('/ideas/new').expect(403);
      expect(res.text).to.include('Alleen medewerkers van een lokaal bestuur kunnen ideeën indienen');
    });

    it('when a member opens the form, then the contact person is prefilled and the personal-data notice is shown', async () => {
      const res = await a.get('/ideas/new').expect(200);
      expect(res.text).to.include('value="Ann Aerts"').and.include(`value="${memberA.email}"`).and.include('value="+32 11 23 45 67"');
      expect(res.text).to.include('Contactgegevens zijn persoonsgegevens');
      expect(res.text).to.include('name="_csrf"');
    });

    it('when a member posts a valid form, then 303 to the new idea, which shows the flash and the tags', async () => {
      const res = await a.post('/ideas/new').type('form').send(form()).expect(303);
      expect(res.headers.location).to.match(/^\/ideas\/[\w-]+$/);
      const page = await a.get(String(res.headers.location)).expect(200);
      expect(page.text).to.include('Je idee is ingediend.').and.include('Slimme parkeersensoren in het centrum').and.include('>parkeren<');
    });

    it('when the title is too short, then 400, the form keeps what the user typed and names the field', async () => {
      const before = await count(orgA);
      const res = await a.post('/ideas/new').type('form').send(form({ title: 'Kort', description: 'Mijn eigen <b>beschrijving</b> die lang genoeg is.' })).expect(400);
      expect(res.text).to.include('value="Kort"').and.include('Mijn eigen &lt;b&gt;beschrijving&lt;/b&gt; die lang genoeg is.');
      expect(res.text).to.include('Titel moet minstens 5 tekens lang zijn.');
      expect(res.text).to.include('value="mobiliteit, parkeren"').and.include('value="services" checked');
      expect(await count(orgA)).to.equal(before);
    });

    it('when the e-mail, phone and tags are invalid and no theme is chosen, then each field gets its message', async () => {
      const res = await a.post('/ideas/new').type('form').send(form({ contactEmail: 'ann@', contactPhone: 'bel me', tags: 'x'.repeat(31), theme: '' })).expect(400);
      for (const id of ['contactEmail-error', 'contactPhone-error', 'tags-error', 'theme-error']) expect(res.text).to.include(`id="${id}"`);
      expect(res.text).not.to.include('title-error');
    });

    it('when the form has no CSRF token, then 403 and nothing is written', async () => {
      const before = await count(orgA);
      await a.post('/ideas/new').type('form').send(form({ _csrf: '' })).expect(403);
      expect(await count(orgA)).to.equal(before);
    });
  });

  describe('editing, withdrawing and reopening', () => {
    it('when the owner saves the edit form, then the idea changes and the page says so', async () => {
      const idea = await ideaOf(orgA);
      const edit = await a.get(`/ideas/${idea.id}/edit`).expect(200);
      expect(edit.text).to.include('name="version" value="1"').and.include(`value="${idea.title}"`);
      await a.post(`/ideas/${idea.id}/edit`).type('form').send(form({ version: '1', title: 'Een betere titel voor het idee' })).expect(303);
      expect((await app.store.getIdea(idea.id))!).to.include({ title: 'Een betere titel voor het idee', version: 2 });
    });

    it('when someone saved in between, then 409 keeps the user\'s text, shows the current version and lets them save over it', async () => {
      const idea = await ideaOf(orgA, { version: 2, title: 'De titel die er nu staat' });
      const res = await a.post(`/ideas/${idea.id}/edit`).type('form').send(form({ version: '1', title: 'Mijn eigen nieuwe titel' })).expect(409);
      expect(res.text).to.include('Dit idee is intussen gewijzigd').and.include('value="Mijn eigen nieuwe titel"').and.include('De titel die er nu staat');
      expect(res.text).to.include('name="version" value="2"');
      expect((await app.store.getIdea(idea.id))!.title).to.equal('De titel die er nu staat');
    });

    it('when a member of another organisation opens or posts the edit form or withdraws, then 403 and nothing changes', async () => {
      const idea = await ideaOf(orgA);
      await b.get(`/ideas/${idea.id}/edit`).expect(403);
      await b.post(`/ideas/${idea.id}/edit`).type('form').send(form({ _csrf: csrfB, title: 'Overgenomen titel' })).expect(403);
      await b.post(`/ideas/${idea.id}/withdraw`).type('form').send({ _csrf: csrfB }).expect(403);
      expect((await app.store.getIdea(idea.id))!).to.include({ title: idea.title, status: 'open', version: 1 });
    });

    it('when a visitor opens the edit form, then they are sent to sign in', async () => {
      const idea = await ideaOf(orgA);
      const res = await visitor().get(`/ideas/${idea.id}/edit`).expect(303);
      expect(res.headers.location).to.equal(`/signin?next=${encodeURIComponent(`/ideas/${idea.id}/edit`)}`);
    });

    it('when the owner withdraws and then reopens, then the status follows and the page offers the other action', async () => {
      const idea = await ideaOf(orgA);
      await a.post(`/ideas/${idea.id}/withdraw`).type('form').send({ _csrf: csrfA }).expect(303);
      expect((await app.store.getIdea(idea.id))!.status).to.equal('withdrawn');
      const page = await a.get(`/ideas/${idea.id}`).expect(200);
      expect(page.text).to.include('Het idee is ingetrokken.').and.include(`/ideas/${idea.id}/reopen`).and.not.include(`/ideas/${idea.id}/withdraw`);
      await a.post(`/ideas/${idea.id}/reopen`).type('form').send({ _csrf: csrfA }).expect(303);
      expect((await app.store.getIdea(idea.id))!.status).to.equal('open');
    });

    it('when the withdraw form has a wrong CSRF token, then 403 and the idea stays open', async () => {
      const idea = await ideaOf(orgA);
      await a.post(`/ideas/${idea.id}/withdraw`).type('form').send({ _csrf: 'wrong' }).expect(403);
      expect((await app.store.getIdea(idea.id))!.status).to.equal('open');
    });
  });

  describe('the list', () => {
    const word = () => `paginawoord${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;

    it('when filtering by text, theme, province, organisation and status, then only matching ideas are listed with the count', async () => {
      const w = word();
      const one = await ideaOf(orgA, { title: `Eerste ${w}`, theme: 'democracy' });
      const two = await ideaOf(orgB, { title: `Tweede ${w}`, theme: 'services' });
      const gone = await ideaOf(orgA, { title: `Derde ${w}`, theme: 'democracy', status: 'withdrawn' });
      const res = await visitor().get('/ideas').query({ q: w }).expect(200);
      expect(res.text).to.include(one.title).and.include(two.title).and.include('2 ideeën gevonden').and.not.include(gone.title);
      const byTheme = await visitor().get('/ideas').query({ q: w, theme: 'democracy' }).expect(200);
      expect(byTheme.text).to.include(one.title).and.not.include(two.title);
      expect(byTheme.text).to.include('<option value="democracy" selected>');
      expect((await visitor().get('/ideas').query({ q: w, province: 'Antwerpen' })).text).to.include(two.title).and.not.include(one.title);
      const byOrganisation = (await visitor().get('/ideas').query({ q: w, organisation: orgA.id })).text;
      expect(byOrganisation).to.include(one.title).and.not.include(two.title);
      expect(byOrganisation).to.include(`<option value="${orgA.id}" selected>`).and.not.include(`<option value="${orgB.id}" selected>`);
      expect((await visitor().get('/ideas').query({ q: w, status: 'withdrawn' })).text).to.include(gone.title).and.not.include(one.title);
    });

    it('when there are more ideas than fit a page, then page links keep the filters', async () => {
      const w = word();
      for (let i = 0; i < 3; i++) await ideaOf(orgA, { title: `Idee ${i} ${w}`, theme: 'workplace' });
      const res = await visitor().get('/ideas').query({ q: w, theme: 'workplace', pageSize: '2' }).expect(200);
      expect(decode(res.text)).to.include(`href="/ideas?q=${w}&theme=workplace&pageSize=2&page=2"`);
      const second = await visitor().get('/ideas').query({ q: w, theme: 'workplace', pageSize: '2', page: '2' }).expect(200);
      expect(second.text).to.include('aria-current="page"').and.include('rel="prev"');
      expect((second.text.match(/class="card"/g) ?? []).length).to.equal(1);
    });

    it('when a filter is invalid, then 400 with a message and the filter form', async () => {
      const res = await visitor().get('/ideas').query({ theme: 'sport' }).expect(400);
      expect(res.text).to.include('Kies een geldige waarde voor Thema.').and.include('<form method="get" action="/ideas"');
    });

    it('when the language is English, then the pages are in English', async () => {
      const idea = await ideaOf(orgA, { theme: 'democracy' });
      const list = await visitor().get('/ideas').set('Cookie', 'lang=en').expect(200);
      expect(list.text).to.include('<html lang="en">').and.match(/\d+ ideas? found/).and.include('All themes').and.not.include('Alle thema');
      const page = await visitor().get(`/ideas/${idea.id}`).set('Cookie', 'lang=en').expect(200);
      expect(page.text).to.include('Digital democracy').and.include('About this idea').and.include('Limburg');
      const form = await a.get('/ideas/new').set('Cookie', 'lang=en').expect(200);
      expect(form.text).to.include('Submit an idea').and.include('Contact details are personal data');
    });
  });

  describe('organisations', () => {
    it('when listing by province, then the municipalities of that province with their open ideas', async () => {
      await ideaOf(orgA);
      const res = await visitor().get('/organisations').query({ province: 'Limburg' }).expect(200);
      expect(res.text).to.include('Hasselt').and.include(orgA.name).and.not.include('Gent<');
      expect(res.text).to.match(new RegExp(`${orgA.name}</a> <span class="badge">\\d+ open (idee|ideeën)</span>`));
    });

    it('when opening an organisation, then its open ideas are listed; an unknown one is 404', async () => {
      const idea = await ideaOf(orgB, { title: 'Een open idee van deze gemeente' });
      const gone = await ideaOf(orgB, { title: 'Een ingetrokken idee van deze gemeente', status: 'withdrawn' });
      const res = await visitor().get(`/organisations/${orgB.id}`).expect(200);
      expect(res.text).to.include(idea.title).and.not.include(gone.title);
      await visitor().get('/organisations/no-such-org').expect(404);
    });
  });
});
