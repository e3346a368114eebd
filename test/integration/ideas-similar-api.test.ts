import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import { clusterWorld, type ClusterWorld } from '../support/cluster-fixture.js';
import { signIn } from '../support/start-test-app.js';

interface ClusterRef { id: number; label: string; size: number }
interface SimilarItem { idea: { id: string; title: string; organisation: { id: string; name: string } | null; contact?: unknown }; score: number; terms: string[]; cluster: ClusterRef | null }
interface SimilarBody { items: SimilarItem[]; cluster: ClusterRef | null }

/** The idea ids linked in the idea page's "similar ideas" section, in page order. */
function similarIdsOnPage(html: string): string[] {
  const start = html.indexOf('id="similar-title"');
  const end = html.indexOf('id="cluster-title"');
  expect(start, 'the page has a similar-ideas section').to.be.greaterThan(-1);
  return [...html.slice(start, end).matchAll(/href="\/ideas\/([^"#]+)"/g)].map((m) => m[1]!);
}

describe('GET /api/ideas/:id/similar: the idea page\'s similar ideas and cluster as JSON', () => {
  let w: ClusterWorld;
  let mol: Agent; let lier: Agent; let programme: Agent; let molCsrf: string;
  const visitor = () => request(w.app.baseUrl);
  const contactEmails = () => (['lier', 'geel', 'mol', 'herk'] as const).map((t) => w.users[t].email);

  before(async () => {
    w = await clusterWorld();
    mol = request.agent(w.app.baseUrl);
    lier = request.agent(w.app.baseUrl);
    programme = request.agent(w.app.baseUrl);
    molCsrf = await signIn(mol, w.users.mol.email);
    await signIn(lier, w.users.lier.email);
    await signIn(programme, w.programme.email);
  });
  after(() => w?.app.close());

  describe('who sees what', () => {
    it("when a visitor asks about Geel's idea, then Lier's and Mol's near-duplicates come back with scores and written terms, and no contact details anywhere", async () => {
      const res = await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200).expect('Content-Type', /json/);
      const body = res.body as SimilarBody;
      const ids = body.items.map((i) => i.idea.id);
      expect(ids).to.include.members([w.ideas.lier.id, w.ideas.mol.id]);
      expect(ids).not.to.include(w.ideas.geel.id);
      const lierHit = body.items.find((i) => i.idea.id === w.ideas.lier.id)!;
      expect(lierHit.idea.title).to.equal(w.ideas.lier.title);
      expect(lierHit.idea.organisation?.name).to.equal(w.orgs.lier.name);
      expect(lierHit.score).to.be.greaterThan(0.12).and.at.most(1);
      expect(lierHit.terms).to.include('burgerzaken');
      expect(body.items.every((i) => i.idea.contact === undefined)).to.equal(true);
      for (const email of contactEmails()) expect(res.text).not.to.include(email);
    });

    it("when a Mol member asks about Geel's idea, then Mol's own idea is left out, exactly as on the page Mol sees", async () => {
      const body = (await mol.get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200)).body as SimilarBody;
      const ids = body.items.map((i) => i.idea.id);
      expect(ids).to.include(w.ideas.lier.id);
      expect(ids).not.to.include(w.ideas.mol.id);
      expect(body.items.every((i) => i.idea.organisation?.id !== w.orgs.mol.id)).to.equal(true);
      const page = await mol.get(`/ideas/${w.ideas.geel.id}`).expect(200);
      expect(similarIdsOnPage(page.text)).to.deep.equal(ids);
    });

    it("when a Lier member asks about Lier's own idea, then no idea of Lier is listed, as on the page", async () => {
      const body = (await lier.get(`/api/ideas/${w.ideas.lier.id}/similar`).expect(200)).body as SimilarBody;
      expect(body.items.map((i) => i.idea.id)).to.include(w.ideas.geel.id);
      expect(body.items.every((i) => i.idea.organisation?.id !== w.orgs.lier.id)).to.equal(true);
      const page = await lier.get(`/ideas/${w.ideas.lier.id}`).expect(200);
      expect(similarIdsOnPage(page.text)).to.deep.equal(body.items.map((i) => i.idea.id));
    });

    it("when a member's organisation is connected with a similar idea's, then the list still carries no contact details, like the page's list", async () => {
      await mol.post(`/api/ideas/${w.ideas.lier.id}/endorsements`).set('X-CSRF-Token', molCsrf).send({}).expect(201);
      const res = await mol.get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200);
      expect((res.body as SimilarBody).items.map((i) => i.idea.id)).to.include(w.ideas.lier.id);
      for (const email of contactEmails()) expect(res.text).not.to.include(email);
    });
  });

  describe('the cluster', () => {
    it("when asked, then the idea's cluster is the one its page names, and each similar idea's cluster ref opens a cluster holding that idea", async () => {
      const body = (await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200)).body as SimilarBody;
      expect(body.cluster).to.deep.equal(w.app.services.matching.clusterOf(w.ideas.geel.id));
      expect(body.cluster!.id).to.equal(w.clusterId);
      const page = await visitor().get(`/ideas/${w.ideas.geel.id}`).expect(200);
      expect(page.text).to.include(`hoort bij de cluster ‘${body.cluster!.label}’ met ${body.cluster!.size} ideeën`);
      for (const item of body.items) {
        expect(item.cluster, item.idea.title).not.to.equal(null);
        const cluster = (await visitor().get(`/api/clusters/${item.cluster!.id}`).expect(200)).body as { label: string; ideas: { id: string }[] };
        expect(cluster.label).to.equal(item.cluster!.label);
        expect(cluster.ideas.map((i) => i.id)).to.include(item.idea.id);
      }
    });
  });

  describe('the OpenAPI document', () => {
    it('when compared with an answer, then the answer has every field the document requires, and limit is documented up to 20', async () => {
      const doc = (await visitor().get('/api/openapi.json').expect(200)).body as {
        paths: Record<string, { get: { parameters: { name: string; schema: { maximum?: number } }[] } }>;
        components: { schemas: Record<string, { required: string[]; properties: Record<string, { items?: { required: string[] } }> }> };
      };
      const op = doc.paths['/api/ideas/{id}/similar']!.get;
      expect(op.parameters.find((p) => p.name === 'limit')?.schema.maximum).to.equal(20);
      const schema = doc.components.schemas.SimilarToIdea!;
      const body = (await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200)).body as Record<string, unknown> & SimilarBody;
      expect(body).to.include.keys(schema.required);
      for (const item of body.items) expect(item).to.include.keys(schema.properties.items!.items!.required);
      expect(body.cluster).to.include.keys(doc.components.schemas.ClusterRef!.required);
    });
  });

  describe('bad input', () => {
    it('when the idea does not exist or the id is absurdly long, then 404 as for GET /api/ideas/:id', async () => {
      const res = await visitor().get('/api/ideas/does-not-exist/similar').expect(404);
      expect(res.body.error.code).to.equal('not_found');
      await visitor().get('/api/ideas/does-not-exist').expect(404);
      await visitor().get(`/api/ideas/${'x'.repeat(65)}/similar`).expect(404);
    });

    it('when limit is not a whole number from 1 to 20, then 400 names limit', async () => {
      for (const limit of ['abc', '0', '21', '2.5', '-1']) {
        const res = await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).query({ limit }).expect(400);
        expect(res.body.error.code, limit).to.equal('validation_failed');
        expect(res.body.error.fields, limit).to.have.property('limit');
      }
      const twice = await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar?limit=1&limit=2`).expect(400);
      expect(twice.body.error.fields).to.have.property('limit');
    });

    it('when an unknown query parameter is sent, then 400 names it', async () => {
      const res = await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).query({ k: '3' }).expect(400);
      expect(res.body.error.fields).to.have.keys('k');
      expect(res.body.error.fields.k.code).to.equal('unknown');
    });

    it('when limit is 1, then only the best match comes back; without limit (or empty), at most 5', async () => {
      const all = (await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200)).body as SimilarBody;
      expect(all.items.length).to.be.within(2, 5);
      expect((await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar?limit=`).expect(200)).body).to.deep.equal(all);
      const one = (await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).query({ limit: '1' }).expect(200)).body as SimilarBody;
      expect(one.items.map((i) => i.idea.id)).to.deep.equal([all.items[0]!.idea.id]);
    });
  });

  describe('hidden and withdrawn ideas, as the page treats them', () => {
    it('when an idea is hidden, then visitors and members get 404 and the programme team gets its similar ideas, as with the page', async () => {
      const idea = await w.app.services.ideas.create(actorOf(w.users.herk), {
        title: 'Afspraken voor burgerzaken online', description: 'Een online agenda om een afspraak aan het loket burgerzaken te boeken, met een sms als herinnering.',
        theme: 'services', contact: { name: w.users.herk.name, email: w.users.herk.email },
      });
      await w.app.services.moderation.hide(actorOf(w.programme), idea.id, { reason: 'Dubbel gepost' });
      await visitor().get(`/api/ideas/${idea.id}/similar`).expect(404);
      await lier.get(`/api/ideas/${idea.id}/similar`).expect(404);
      await visitor().get(`/ideas/${idea.id}`).expect(404);
      const body = (await programme.get(`/api/ideas/${idea.id}/similar`).expect(200)).body as SimilarBody;
      expect(body.items.map((i) => i.idea.id)).to.include(w.ideas.lier.id);
      expect(body.cluster).to.equal(null);
      const page = await programme.get(`/ideas/${idea.id}`).expect(200);
      expect(similarIdsOnPage(page.text)).to.deep.equal(body.items.map((i) => i.idea.id));
      // A hidden idea is never listed as similar to another one.
      const others = (await programme.get(`/api/ideas/${w.ideas.lier.id}/similar`).expect(200)).body as SimilarBody;
      expect(others.items.map((i) => i.idea.id)).not.to.include(idea.id);
    });

    it('when an idea is withdrawn, then its similar ideas are still listed, with no cluster, as on its page', async () => {
      await w.app.services.ideas.withdraw(actorOf(w.users.mol), w.ideas.mol.id);
      const body = (await visitor().get(`/api/ideas/${w.ideas.mol.id}/similar`).expect(200)).body as SimilarBody;
      expect(body.items.map((i) => i.idea.id)).to.include.members([w.ideas.lier.id, w.ideas.geel.id]);
      expect(body.cluster).to.equal(null);
      const page = await visitor().get(`/ideas/${w.ideas.mol.id}`).expect(200);
      expect(similarIdsOnPage(page.text)).to.deep.equal(body.items.map((i) => i.idea.id));
      const geel = (await visitor().get(`/api/ideas/${w.ideas.geel.id}/similar`).expect(200)).body as SimilarBody;
      expect(geel.items.map((i) => i.idea.id)).not.to.include(w.ideas.mol.id);
    });
  });
});
