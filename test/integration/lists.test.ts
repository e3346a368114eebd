/**
 * The lists (issue 16): ideas sorted by newest, most endorsed or similar to one's own organisation's ideas,
 * with the support count and cluster on each card; a name search and province filter on Gemeenten; a
 * filter and paging on the audit log. Bad choices answer 400 naming the field.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import { clusterWorld, type ClusterWorld } from '../support/cluster-fixture.js';
import { signIn } from '../support/start-test-app.js';

describe('lists: sorting ideas, facts on cards, searching municipalities, filtering the audit log', () => {
  let w: ClusterWorld;
  let programme: Agent;
  const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const titlesIn = (html: string) => [...html.matchAll(/<h3><a href="\/ideas\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => decode(m[1]!));

  before(async function () {
    this.timeout(60_000);
    w = await clusterWorld();
    // Glascontainers (Herk) gets two endorsements, parkeren (Geel) one.
    await w.app.services.endorsements.endorse(actorOf(w.users.lier), w.ideas.glas.id, {});
    await w.app.services.endorsements.endorse(actorOf(w.users.mol), w.ideas.glas.id, {});
    await w.app.services.endorsements.endorse(actorOf(w.users.lier), w.ideas.parkeren.id, {});
    programme = request.agent(w.app.baseUrl);
    await signIn(programme, w.programme.email);
  });
  after(() => w?.app.close());

  it('when sorted by most endorsed, then the most endorsed idea comes first and each card shows its count and cluster', async () => {
    const html = decode((await request(w.app.baseUrl).get('/ideas?sort=supported').expect(200)).text);
    expect(titlesIn(html).slice(0, 2)).to.deep.equal([w.ideas.glas.title, w.ideas.parkeren.title]);
    expect(html).to.include('2 steunbetuigingen').and.include('1 steunbetuiging<').and.include('0 steunbetuigingen');
    expect(html).to.include(`<a href="/clusters/${w.clusterId}">Cluster: `);
    expect(html).to.match(/<option value="supported" selected>Meest gesteund<\/option>/);
    expect(html, 'visitors are not offered "similar to ours"').to.not.include('value="similar"');
  });

  it('when a member sorts by similar to our ideas, then the ideas like theirs come first, saying which of theirs they resemble', async () => {
    const lierMember = await w.app.createMember(w.orgs.lier.id);
    const lier = request.agent(w.app.baseUrl);
    await signIn(lier, lierMember.email);
    const html = decode((await lier.get('/ideas?sort=similar').expect(200)).text);
    const titles = titlesIn(html);
    expect([w.ideas.geel.title, w.ideas.mol.title]).to.include.members(titles.slice(0, 2));
    expect(html).to.match(/\d+% gelijkaardig aan ons idee ‘Online afsprakensysteem voor het loket burgerzaken’/);
  });

  it('when the API is asked for the same orders, then it answers the same, and 400 names `sort` when it is unknown', async () => {
    const api = await request(w.app.baseUrl).get('/api/ideas?sort=supported').expect(200);
    expect(api.body.items.slice(0, 2).map((i: { title: string }) => i.title)).to.deep.equal([w.ideas.glas.title, w.ideas.parkeren.title]);
    const bad = await request(w.app.baseUrl).get('/api/ideas?sort=random').expect(400);
    expect(bad.body.error.fields).to.have.keys('sort');
  });

  it('when the sort is unknown, or "similar" is asked by a visitor, then 400 names the field', async () => {
    const bad = decode((await request(w.app.baseUrl).get('/ideas?sort=random').expect(400)).text);
    expect(bad).to.include('Kies een geldige waarde voor Sorteren.');
    const visitor = decode((await request(w.app.baseUrl).get('/ideas?sort=similar').expect(400)).text);
    expect(visitor).to.include('alleen voor medewerkers van een bestuur');
  });

  it('when Gemeenten is searched by name, accents and case aside, and by province, then only those municipalities are listed', async () => {
    const html = decode((await request(w.app.baseUrl).get('/organisations?q=ZELE').expect(200)).text);
    expect(html).to.include('>Zele</a>').and.not.include('>Lier</a>');
    const limburg = decode((await request(w.app.baseUrl).get('/organisations?province=Limburg').expect(200)).text);
    expect(limburg).to.include('>Genk</a>').and.not.include('>Gent</a>');
    const bad = decode((await request(w.app.baseUrl).get('/organisations?province=Atlantis').expect(400)).text);
    expect(bad).to.include('Kies een geldige waarde voor Provincie.').and.include('aria-invalid="true"');
    const withIdeas = decode((await request(w.app.baseUrl).get('/organisations?withIdeas=1').expect(200)).text);
    expect(withIdeas).to.include(w.orgs.lier.name).and.not.include('>Zele</a>');
  });

  it('when the audit log is filtered by kind, then only those entries show, and the next page keeps the filter', async () => {
    for (let i = 0; i < 55; i++) await w.app.services.audit.record(w.programme, 'export.downloaded', { type: 'export', id: `ideas.csv` }, { rows: i });
    await w.app.services.audit.record(w.programme, 'user.deactivated', { type: 'user', id: 'u1' }, { name: 'Iemand Anders' });
    const users = decode((await programme.get('/admin/audit?kind=user').expect(200)).text);
    expect(users).to.include('Deactiveerde gebruiker Iemand Anders').and.not.include('Downloadde de export');
    const exports = decode((await programme.get('/admin/audit?kind=export').expect(200)).text);
    const next = /href="(\/admin\/audit\?kind=export&before=[^"]+)" rel="next"/.exec(exports);
    expect(next, 'a next page that keeps the filter').to.not.equal(null);
    const older = decode((await programme.get(next![1]!).expect(200)).text);
    expect(older).to.include('Downloadde de export').and.not.include('Iemand Anders');
    const bad = decode((await programme.get('/admin/audit?kind=everything').expect(400)).text);
    expect(bad).to.include('Over');
    const api = await programme.get('/api/audit?kind=user').expect(200);
    expect(api.body.items.map((e: { action: string }) => e.action)).to.deep.equal(['user.deactivated']);
  });

  it('when an invitation is made, then its link has a copy button (shown by JavaScript)', async () => {
    const page = (await programme.get('/admin/invitations').expect(200)).text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const made = decode((await programme.post('/admin/invitations').type('form').send({ _csrf: csrf, name: 'Nieuwe Collega', email: 'nieuw@lijst.test', role: 'member', organisationId: w.orgs.herk.id }).expect(201)).text);
    expect(made).to.match(/<button type="button" class="button button-small" data-copy="invitation-link"[^>]*hidden>Link kopiëren<\/button>/);
    expect(made).to.include('<script src="/static/js/copy.js" defer></script>');
  });
});
