import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { actorOf } from '../../server/domain/actor.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from '../support/factories.js';
import { TEXTS } from '../support/cluster-fixture.js';
import { csrfFrom, signIn, startTestApp, type TestApp, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

// TEXTS: near-duplicates in other words and ideas about something else, all in Dutch; `typing`: the
// form as a Mol user types it, close to the first three.
const typing = { title: 'Afspraken online boeken', description: 'We willen dat inwoners een afspraak bij burgerzaken online kunnen boeken, zonder wachtrij aan het loket.' };

interface SimilarItem { idea: { id: string; title: string; organisation: { name: string } | null; contact?: unknown }; score: number; terms: string[] }

const theme = 'services';
const post = (app: TestApp | { services: TestApp['services'] }, user: User, text: { title: string; description: string }) =>
  app.services.ideas.create(actorOf(user), { ...text, theme, contact: { name: user.name, email: user.email } });

describe('matching: similar ideas and clusters in the app', () => {
  let app: TestApp;
  let lier: Organisation; let geel: Organisation; let mol: Organisation; let herk: Organisation;
  let lierUser: User; let geelUser: User; let molUser: User; let herkUser: User;
  let mols: Agent; let molCsrf: string;
  let lierIdea: Idea; let geelIdea: Idea; let molIdea: Idea;

  before(async () => {
    app = await startTestApp({ env: { RECOMPUTE_DEBOUNCE_MS: '20' } });
    const orgs = await Promise.all(['Lier', 'Geel', 'Mol', 'Herk-de-Stad'].map((name) => app.createOrganisation({ name: `${name} (test)` })));
    [lier, geel, mol, herk] = orgs as [Organisation, Organisation, Organisation, Organisation];
    const users = await Promise.all(orgs.map((o) => app.createMember(o.id)));
    [lierUser, geelUser, molUser, herkUser] = users as [User, User, User, User];
    lierIdea = await post(app, lierUser, TEXTS.lier);
    geelIdea = await post(app, geelUser, TEXTS.geel);
    molIdea = await post(app, molUser, TEXTS.mol);
    await post(app, herkUser, TEXTS.glas);
    await post(app, lierUser, TEXTS.begroting);
    await post(app, geelUser, TEXTS.parkeren);
    await app.services.matching.recomputeNow();
    mols = request.agent(app.baseUrl);
    molCsrf = await signIn(mols, molUser.email);
  });
  after(() => app?.close());

  const similar = (body: unknown, agent: Agent = mols, csrf = molCsrf) =>
    agent.post('/api/ideas/similar').set('X-CSRF-Token', csrf).send(body as object);

  describe('POST /api/ideas/similar (similar while typing)', () => {
    it("when Mol types an appointment idea, then Lier's and Geel's near-duplicates come back with shared terms, and never Mol's own", async () => {
      const res = await similar(typing).expect(200);
      const items = res.body.items as SimilarItem[];
      const ids = items.map((i) => i.idea.id);
      expect(ids).to.include.members([lierIdea.id, geelIdea.id]);
      expect(ids).not.to.include(molIdea.id);
      expect(items.every((i) => i.idea.organisation?.name !== mol.name)).to.equal(true);
      const lierHit = items.find((i) => i.idea.id === lierIdea.id)!;
      expect(lierHit.score).to.be.greaterThan(0.12).and.at.most(1);
      expect(lierHit.terms).to.include.members(['afspraak', 'burgerzaken']);
      expect(lierHit.idea.organisation?.name).to.equal(lier.name);
      expect(lierHit.idea).not.to.have.property('contact');
      expect(ids.slice(0, 2)).to.have.members([lierIdea.id, geelIdea.id]); // the duplicates rank above the rest
    });

    it('when the text is about something else or only a few characters, then nothing unrelated is suggested', async () => {
      expect((await similar({ title: 'ab', description: '' }).expect(200)).body.items).to.deep.equal([]);
      expect((await similar({}).expect(200)).body.items).to.deep.equal([]);
      const glas = (await similar({ title: 'Glascontainers met sensoren', description: 'De vulgraad van glasbollen meten.' }).expect(200)).body.items as SimilarItem[];
      expect(glas.map((i) => i.idea.id)).not.to.include(lierIdea.id);
    });

    it('when an idea is withdrawn, then it is no longer suggested; reopened, it is back', async () => {
      const extra = await post(app, herkUser, { title: 'Afsprakenmodule voor burgerzaken', description: 'Online een afspraak boeken aan het loket burgerzaken voor een paspoort of rijbewijs, met sms-herinnering.' });
      expect(((await similar(typing).expect(200)).body.items as SimilarItem[]).map((i) => i.idea.id)).to.include(extra.id);
      await app.services.ideas.withdraw(actorOf(herkUser), extra.id);
      expect(((await similar(typing).expect(200)).body.items as SimilarItem[]).map((i) => i.idea.id)).not.to.include(extra.id);
      expect(app.services.matching.clusterOf(extra.id)).to.equal(null);
      await app.services.ideas.reopen(actorOf(herkUser), extra.id);
      expect(((await similar(typing).expect(200)).body.items as SimilarItem[]).map((i) => i.idea.id)).to.include(extra.id);
      await app.services.ideas.withdraw(actorOf(herkUser), extra.id);
    });

    it('when the title is a number, a field is unknown or the title too long, then 400 names the field', async () => {
      const asNumber = await similar({ title: 42, description: typing.description }).expect(400);
      expect(asNumber.body.error.code).to.equal('validation_failed');
      expect(asNumber.body.error.fields).to.have.property('title');
      const unknown = await similar({ ...typing, theme: 'services' }).expect(400);
      expect(JSON.stringify(unknown.body.error.fields)).to.include('theme');
      const tooLong = await similar({ title: 'a'.repeat(141), description: '' }).expect(400);
      expect(tooLong.body.error.fields).to.have.property('title');
      const longDescription = await similar({ title: 'x', description: 'woord '.repeat(1000) }).expect(400);
      expect(longDescription.body.error.fields).to.have.property('description');
    });

    it('when a visitor asks, then 401; when the CSRF token is missing, then 403', async () => {
      await request(app.baseUrl).post('/api/ideas/similar').send(typing).expect(401);
      await mols.post('/api/ideas/similar').send(typing).expect(403);
    });
  });

  describe('the new-idea form', () => {
    it('when the form is opened, then it has the live region, the check button and the script', async () => {
      const page = await mols.get('/ideas/new').expect(200);
      expect(page.text).to.include('aria-live="polite"').and.include('name="intent" value="check"').and.include('/static/js/similar.js');
      await request(app.baseUrl).get('/static/js/similar.js').expect(200).expect('content-type', /javascript/);
    });

    it('without JavaScript, "check for similar ideas" lists them, keeps every value and saves nothing', async () => {
      const before = (await app.store.listIdeas({ organisationId: mol.id, limit: 1, offset: 0 })).total;
      const page = await mols.get('/ideas/new').expect(200);
      const values = {
        _csrf: csrfFrom(page.text), intent: 'check', ...typing, theme: 'democracy', tags: 'afspraken, loket',
        contactName: 'Mieke Mertens', contactEmail: 'mieke.mertens@mol.test', contactPhone: '+32 14 33 08 00',
      };
      const res = await mols.post('/ideas/new').type('form').send(values).expect(200);
      for (const v of [typing.title, typing.description, 'afspraken, loket', 'Mieke Mertens', 'mieke.mertens@mol.test', '+32 14 33 08 00']) expect(res.text).to.include(v);
      expect(res.text).to.match(/value="democracy" checked/);
      expect(res.text).to.include(`/ideas/${lierIdea.id}#endorse`).and.include(`/ideas/${geelIdea.id}`).and.not.include(`/ideas/${molIdea.id}`);
      expect(res.text).to.include('Mijn idee toch indienen');
      expect((await app.store.listIdeas({ organisationId: mol.id, limit: 1, offset: 0 })).total).to.equal(before);
    });
  });

  describe('the idea page', () => {
    it("when Mol opens Geel's idea, then Lier's similar idea is listed with its score and terms, and the cluster with its label", async () => {
      const cluster = app.services.matching.clusterOf(geelIdea.id);
      expect(cluster).not.to.equal(null);
      const page = await mols.get(`/ideas/${geelIdea.id}`).expect(200);
      expect(page.text).to.include('Gelijkaardige ideeën van andere besturen');
      expect(page.text).to.include(`href="/ideas/${lierIdea.id}"`).and.match(/\d+% gelijkaardig/).and.include('burgerzaken');
      expect(page.text).not.to.include(`href="/ideas/${molIdea.id}"`); // the viewer's own organisation
      expect(page.text).to.include(`hoort bij de cluster ‘${cluster!.label}’ met ${cluster!.size} ideeën`);
      expect(page.text).to.include(`<a href="/clusters/${cluster!.id}">Bekijk de cluster en wie eraan meedoet</a>`);
    });

    it("when Lier opens its own idea, then no idea of Lier is listed as similar", async () => {
      const lierAgent = request.agent(app.baseUrl);
      await signIn(lierAgent, lierUser.email);
      const page = await lierAgent.get(`/ideas/${lierIdea.id}`).expect(200);
      expect(page.text).to.include(`href="/ideas/${geelIdea.id}"`);
      const hits = await app.services.matching.similarToIdea(actorOf(lierUser), lierIdea.id);
      expect(hits.every((h) => h.idea.organisationId !== lier.id)).to.equal(true);
    });
  });

  describe('live placement and background recompute', () => {
    it('when an idea is posted, then it has a cluster at once, and a recompute follows in the background', async () => {
      const placed: { ideaId: string; clusterId: number | null }[] = [];
      const onPlaced = (e: { ideaId: string; clusterId: number | null }) => placed.push(e);
      app.services.bus.on('idea:placed', onPlaced);
      const versionBefore = app.services.matching.version;
      const recomputed = new Promise<{ version: number }>((resolve) => app.services.bus.once('clusters:recomputed', resolve));
      try {
        const idea = await post(app, herkUser, { title: 'Loket burgerzaken: online afspraak', description: 'Inwoners kiezen online een moment voor hun afspraak aan het loket burgerzaken en krijgen een sms als herinnering.' });
        const cluster = app.services.matching.clusterOf(idea.id);
        expect(cluster).not.to.equal(null);
        expect(placed.map((p) => p.ideaId)).to.include(idea.id);
        expect(cluster!.id).to.equal(app.services.matching.clusterOf(lierIdea.id)!.id);
        const event = await recomputed;
        expect(event.version).to.be.greaterThan(versionBefore);
      } finally {
        app.services.bus.off('idea:placed', onPlaced);
      }
    });

    it("when a similar idea of another organisation is posted, then the cluster's other organisations are told, in one notice per cluster", async () => {
      const idea = await post(app, herkUser, { title: 'Afspraken plannen bij burgerzaken', description: 'Een online afsprakenagenda voor het loket burgerzaken, zodat burgers niet meer in de wachtrij staan.' });
      await app.services.clusterNews.settled();
      const tells = (n: { kind: string; params: Record<string, string> }) => n.kind === 'cluster_joined' && (n.params.ideaIds ?? '').split(',').includes(idea.id);
      const theirs = (await app.store.listNotifications(lierUser.id, { limit: 50 })).filter((n) => n.kind === 'cluster_joined');
      expect(theirs.filter(tells)).to.have.length(1);
      expect(theirs, 'one notice for the cluster, updated while unread').to.have.length(1);
      const own = await app.store.listNotifications(herkUser.id, { limit: 50 });
      expect(own.some(tells)).to.equal(false);
    });
  });
});

describe('matching: recompute off the main thread, and cluster state across restarts', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'medestander-matching-')); });
  after(() => rm(dir, { recursive: true, force: true }));

  async function boot() {
    // A long debounce: only recomputeNow() recomputes, so the test decides when.
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...RECOMPUTE_ON_REQUEST });
    const store = createSqliteStore({ file: config.sqliteFile });
    const handle = await createApp({ store }, config);
    await new Promise<void>((resolve) => handle.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = handle.httpServer.address() as { port: number };
    return { handle, store, baseUrl: `http://127.0.0.1:${port}` };
  }

  it('answers requests while a recompute runs, and keeps cluster ids and a renamed label after a restart', async () => {
    const first = await boot();
    const { services } = first.handle;
    const orgs = [makeOrganisation({ name: 'Lier (herstart)' }), makeOrganisation({ name: 'Geel (herstart)' }), makeOrganisation({ name: 'Mol (herstart)' })];
    const users = orgs.map((o) => makeUser(o.id, { role: 'member' }));
    await first.store.upsertOrganisations(orgs);
    for (const u of users) await first.store.createUser(u);
    const ideas: Idea[] = [];
    for (const [i, text] of Object.values(TEXTS).entries()) ideas.push(await post({ services }, users[i % 3]!, text));

    let done = false;
    const running = services.matching.recomputeNow().then(() => { done = true; });
    const res = await request(first.baseUrl).get('/healthz').expect(200);
    expect(res.body.status).to.equal('ok');
    expect(done, 'the request was answered while the recompute ran').to.equal(false);
    await running;

    const before = new Map(ideas.map((i) => [i.id, services.matching.clusterOf(i.id)]));
    // The three appointment ideas share a cluster; an idea close to none of the others is not yet matched.
    expect(new Set(ideas.slice(0, 3).map((i) => before.get(i.id)?.id)).size).to.equal(1);
    expect(before.get(ideas[0]!.id)).to.not.equal(null);
    const target = before.get(ideas[0]!.id)!;
    expect(await services.matching.setLabel(target.id, 'Afspraken aan het loket')).to.equal(true);
    await first.handle.close();

    const second = await boot();
    try {
      const m = second.handle.services.matching;
      for (const idea of ideas) expect(m.clusterOf(idea.id)?.id, idea.title).to.equal(before.get(idea.id)?.id);
      expect(m.clusterOf(ideas[0]!.id)?.label).to.equal('Afspraken aan het loket');
      await m.recomputeNow(); // a recompute after the restart keeps the override too
      expect(m.clusterOf(ideas[0]!.id)?.label).to.equal('Afspraken aan het loket');
      const page = await request(second.baseUrl).get(`/ideas/${ideas[0]!.id}`).expect(200);
      expect(page.text).to.include('Afspraken aan het loket');
    } finally {
      await second.handle.close();
    }
  });
});
