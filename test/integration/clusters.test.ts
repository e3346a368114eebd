import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { clusterWorld, type ClusterWorld } from '../support/cluster-fixture.js';
import { csrfFrom, signIn } from '../support/start-test-app.js';

interface ClusterJson { id: number; label: string; autoLabel: string; override: string | null; ideas: { id: string; contact?: { email: string } }[]; organisations: { id: string }[]; undo?: unknown }

describe('clusters: the cluster page, label override and "introduce all"', () => {
  let w: ClusterWorld;
  let programme: Agent; let programmeCsrf: string;
  let lier: Agent; let lierCsrf: string;
  let id: number;

  before(async () => {
    w = await clusterWorld();
    id = w.clusterId;
    programme = request.agent(w.app.baseUrl);
    programmeCsrf = await signIn(programme, w.programme.email);
    lier = request.agent(w.app.baseUrl);
    lierCsrf = await signIn(lier, w.users.lier.email);
  });
  after(() => w?.app.close());

  const clusterNow = () => w.app.services.matching.clusters().find((c) => c.id === id)!;
  const auditActions = async () => (await w.app.store.listAudit({ limit: 100, targetType: 'cluster', targetId: String(id) })).map((e) => e.action);

  describe('reading', () => {
    it('when a visitor opens the clusters list and a cluster, then labels, ideas and organisations show, without contact details or controls', async () => {
      const list = await request(w.app.baseUrl).get('/clusters').expect(200);
      expect(list.text).to.include(`/clusters/${id}`);
      const page = await request(w.app.baseUrl).get(`/clusters/${id}`).expect(200);
      expect(page.text).to.include(w.ideas.lier.title).and.include(w.ideas.geel.title).and.include(w.orgs.geel.name);
      for (const town of ['lier', 'geel', 'mol'] as const) expect(page.text).not.to.include(w.users[town].email);
      expect(page.text).not.to.include('/label"').and.not.to.include('/introduce"');
    });

    it('when an idea is close to no cluster, then the list and the API show it as not yet matched, by title and organisation, without contact', async () => {
      // The participatory budget shares nothing with the appointment ideas, the glass containers or the parking sensors.
      expect(w.app.services.matching.clusterOf(w.ideas.begroting.id)).to.equal(null);
      const api = await request(w.app.baseUrl).get('/api/clusters').expect(200);
      const unmatched = api.body.unmatched as { id: string; title: string; organisation: { name: string }; contact?: unknown }[];
      const budget = unmatched.find((u) => u.id === w.ideas.begroting.id);
      expect(budget?.title).to.equal(w.ideas.begroting.title);
      expect(budget).to.not.have.property('contact');
      expect(unmatched.map((u) => u.id)).to.not.include(w.ideas.lier.id);
      const card = (api.body.items as { id: number; representative: { id: string; title: string } | null }[]).find((c) => c.id === id)!;
      expect([w.ideas.lier.id, w.ideas.geel.id, w.ideas.mol.id]).to.include(card.representative?.id);
      const page = await request(w.app.baseUrl).get('/clusters').expect(200);
      expect(page.text).to.include('Nog niet gematcht').and.include(w.ideas.begroting.title).and.include('Meest typerende idee');
      const ideaPage = await request(w.app.baseUrl).get(`/ideas/${w.ideas.begroting.id}`).expect(200);
      expect(ideaPage.text).to.include('Nog niet gematcht');
    });

    it('when a visitor asks the API, then no idea carries a contact', async () => {
      const res = await request(w.app.baseUrl).get(`/api/clusters/${id}`).expect(200);
      const body = res.body as ClusterJson;
      expect(body.ideas.map((i) => i.id)).to.include.members([w.ideas.lier.id, w.ideas.geel.id, w.ideas.mol.id]);
      expect(body.ideas.every((i) => i.contact === undefined)).to.equal(true);
      expect(body).not.to.have.property('history');
      const all = await request(w.app.baseUrl).get('/api/clusters').expect(200);
      expect((all.body.items as { id: number }[]).map((c) => c.id)).to.include(id);
    });

    it('when the programme team opens it, then it sees contacts and the rename and introduce controls', async () => {
      const page = await programme.get(`/clusters/${id}`).expect(200);
      expect(page.text).to.include(w.users.geel.email).and.include(`action="/clusters/${id}/label"`).and.include(`/clusters/${id}/introduce`);
    });

    it('when the cluster does not exist or the id is not a number, then 404', async () => {
      await request(w.app.baseUrl).get('/api/clusters/99999').expect(404);
      await request(w.app.baseUrl).get('/clusters/abc').expect(404);
    });
  });

  describe('who may change it', () => {
    it('when a member or a visitor renames, undoes or introduces, then 401/403 and nothing changes', async () => {
      const before = clusterNow().label;
      const visitor = request(w.app.baseUrl);
      await visitor.put(`/api/clusters/${id}/label`).send({ label: 'Kaping' }).expect(401);
      await visitor.post(`/api/clusters/${id}/introductions`).expect(401);
      await lier.put(`/api/clusters/${id}/label`).set('X-CSRF-Token', lierCsrf).send({ label: 'Kaping' }).expect(403);
      await lier.post(`/api/clusters/${id}/label/undo`).set('X-CSRF-Token', lierCsrf).expect(403);
      await lier.post(`/api/clusters/${id}/introductions`).set('X-CSRF-Token', lierCsrf).expect(403);
      const page = await lier.get(`/clusters/${id}`).expect(200);
      expect(page.text).not.to.include(`action="/clusters/${id}/label"`);
      const csrf = csrfFrom(page.text);
      await lier.post(`/clusters/${id}/label`).type('form').send({ _csrf: csrf, label: 'Kaping' }).expect(403);
      await lier.get(`/clusters/${id}/introduce`).expect(403);
      await lier.post(`/clusters/${id}/introduce`).type('form').send({ _csrf: csrf }).expect(403);
      expect(clusterNow().label).to.equal(before);
      expect(await w.app.store.listConnections({ organisationId: w.orgs.lier.id })).to.deep.equal([]);
      expect((await w.app.store.listNotifications(w.users.geel.id, { limit: 50 })).filter((n) => n.kind === 'introduced')).to.deep.equal([]);
      expect(await auditActions()).to.deep.equal([]);
    });
  });

  describe('label override', () => {
    it('when renamed, then the override survives a forced recomputation, and undo restores the automatic label', async () => {
      const auto = clusterNow().autoLabel;
      const res = await programme.put(`/api/clusters/${id}/label`).set('X-CSRF-Token', programmeCsrf).send({ label: 'Digitaal afspraken' }).expect(200);
      expect(res.body).to.include({ label: 'Digitaal afspraken', override: 'Digitaal afspraken' });
      const versionBefore = w.app.services.matching.version;
      await w.app.services.matching.recomputeNow();
      expect(w.app.services.matching.version).to.be.greaterThan(versionBefore);
      expect(clusterNow()).to.include({ label: 'Digitaal afspraken', override: 'Digitaal afspraken' });
      expect(w.app.services.matching.clusterOf(w.ideas.geel.id)?.label).to.equal('Digitaal afspraken');
      const undone = await programme.post(`/api/clusters/${id}/label/undo`).set('X-CSRF-Token', programmeCsrf).expect(200);
      expect((undone.body as ClusterJson).override).to.equal(null);
      expect(clusterNow().label).to.equal(clusterNow().autoLabel);
      expect(clusterNow().autoLabel).to.be.a('string').and.equal(auto);
      // An undo is not undone again.
      await programme.post(`/api/clusters/${id}/label/undo`).set('X-CSRF-Token', programmeCsrf).expect(409);
      expect((await auditActions()).slice(0, 2)).to.deep.equal(['cluster.label_restored', 'cluster.renamed']);
    });

    it('when renamed twice, then undo restores the previous override; reset returns to the automatic label', async () => {
      const put = (label: string | null) => programme.put(`/api/clusters/${id}/label`).set('X-CSRF-Token', programmeCsrf).send({ label });
      await put('Eerste naam').expect(200);
      const second = await put('Tweede naam').expect(200);
      expect((second.body as ClusterJson).undo).to.deep.equal({ label: 'Eerste naam' });
      await programme.post(`/api/clusters/${id}/label/undo`).set('X-CSRF-Token', programmeCsrf).expect(200);
      expect(clusterNow().override).to.equal('Eerste naam');
      await put(null).expect(200);
      expect(clusterNow().override).to.equal(null);
      expect((await auditActions())[0]).to.equal('cluster.label_reset');
      const restarted = await w.app.store.getClusterState();
      expect(restarted!.state).not.to.include('Tweede naam');
    });

    it('when the label is empty or too long, then 400 naming the field, and the page keeps what was typed', async () => {
      const res = await programme.put(`/api/clusters/${id}/label`).set('X-CSRF-Token', programmeCsrf).send({ label: '  ' }).expect(400);
      expect(res.body.error.fields).to.have.property('label');
      await programme.put(`/api/clusters/${id}/label`).set('X-CSRF-Token', programmeCsrf).send({ label: 'x'.repeat(81) }).expect(400);
      const page = await programme.get(`/clusters/${id}`).expect(200);
      const long = `Veel te lange naam ${'z'.repeat(80)}`;
      const bad = await programme.post(`/clusters/${id}/label`).type('form').send({ _csrf: csrfFrom(page.text), label: long }).expect(400);
      expect(bad.text).to.include(long).and.include('field-error');
    });

    it('when renamed through the page, then 303 back to the cluster with a message, and the audit log says so', async () => {
      const page = await programme.get(`/clusters/${id}`).expect(200);
      await programme.post(`/clusters/${id}/label`).type('form').send({ _csrf: csrfFrom(page.text), label: 'Afspraken aan het loket' })
        .expect(303).expect('Location', `/clusters/${id}`);
      const after = await programme.get(`/clusters/${id}`).expect(200);
      expect(after.text).to.include('Afspraken aan het loket').and.include('role="status"');
      const audit = await programme.get('/admin/audit').expect(200);
      expect(audit.text).to.include('Afspraken aan het loket');
    });
  });

  describe('introduce all', () => {
    it('when the programme team introduces the cluster, then every organisation is notified once, connections are recorded, and contacts become visible', async () => {
      const orgIds = ((await programme.get(`/api/clusters/${id}`).expect(200)).body as ClusterJson).organisations.map((o) => o.id);
      expect(orgIds).to.include.members([w.orgs.lier.id, w.orgs.geel.id, w.orgs.mol.id]);
      // Before: Lier does not see Geel's contact.
      const before = (await lier.get(`/api/ideas/${w.ideas.geel.id}`).expect(200)).body as { contact?: unknown };
      expect(before.contact).to.equal(undefined);

      const confirm = await programme.get(`/clusters/${id}/introduce`).expect(200);
      expect(confirm.text).to.include(`action="/clusters/${id}/introduce"`).and.include(w.orgs.mol.name);
      await programme.post(`/clusters/${id}/introduce`).type('form').send({ _csrf: csrfFrom(confirm.text) }).expect(303).expect('Location', `/clusters/${id}`);

      for (const town of ['lier', 'geel', 'mol'] as const) {
        const notes = await w.app.store.listNotifications(w.users[town].id, { limit: 50 });
        const introduced = notes.filter((n) => n.kind === 'introduced');
        expect(introduced, town).to.have.length(1);
        expect(introduced[0]!.link).to.equal(`/clusters/${id}`);
        for (const other of ['lier', 'geel', 'mol'] as const) {
          if (other === town) expect(introduced[0]!.params.organisation).not.to.include(w.orgs[other].name);
          else expect(introduced[0]!.params.organisation).to.include(w.orgs[other].name).and.include(w.users[other].email);
        }
      }
      expect((await w.app.store.listNotifications(w.users.herk.id, { limit: 50 })).filter((n) => n.kind === 'introduced')).to.deep.equal([]);
      expect(await w.app.store.areConnected(w.orgs.lier.id, w.orgs.geel.id, w.ideas.geel.id)).to.equal(true);
      expect(await w.app.store.areConnected(w.orgs.mol.id, w.orgs.geel.id, w.ideas.mol.id)).to.equal(true);

      const after = (await lier.get(`/api/ideas/${w.ideas.geel.id}`).expect(200)).body as { contact?: { email: string } };
      expect(after.contact?.email).to.equal(w.users.geel.email);
      const cluster = (await lier.get(`/api/clusters/${id}`).expect(200)).body as ClusterJson;
      expect(cluster.ideas.find((i) => i.id === w.ideas.mol.id)?.contact?.email).to.equal(w.users.mol.email);
      expect((await auditActions())[0]).to.equal('cluster.introduced');
    });

    it('when introduced again, then everyone is notified again but no connection is duplicated', async () => {
      const count = async () => (await w.app.store.listConnections()).length;
      const before = await count();
      const res = await programme.post(`/api/clusters/${id}/introductions`).set('X-CSRF-Token', programmeCsrf).expect(201);
      expect(res.body).to.include({ newConnections: 0 });
      expect(res.body.organisations).to.be.at.least(3);
      expect(await count()).to.equal(before);
      const notes = await w.app.store.listNotifications(w.users.lier.id, { limit: 50 });
      expect(notes.filter((n) => n.kind === 'introduced')).to.have.length(2);
      const confirm = await programme.get(`/clusters/${id}/introduce`).expect(200);
      expect(confirm.text).to.include('class="notice"');
    });
  });
});
