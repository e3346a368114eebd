import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { clusterWorld, type ClusterWorld } from '../support/cluster-fixture.js';
import { csrfFrom, signIn } from '../support/start-test-app.js';

const typing = { title: 'Afspraken online boeken', description: 'We willen dat inwoners een afspraak bij burgerzaken online kunnen boeken, zonder wachtrij aan het loket.' };

describe('moderation: hiding ideas, and the audit log', () => {
  let w: ClusterWorld;
  let programme: Agent; let programmeCsrf: string;
  let mol: Agent; let molCsrf: string;

  before(async () => {
    w = await clusterWorld();
    programme = request.agent(w.app.baseUrl);
    programmeCsrf = await signIn(programme, w.programme.email);
    mol = request.agent(w.app.baseUrl);
    molCsrf = await signIn(mol, w.users.mol.email);
  });
  after(() => w?.app.close());

  const geel = () => w.ideas.geel;
  const listedIds = async () => ((await request(w.app.baseUrl).get('/api/ideas?pageSize=100').expect(200)).body.items as { id: string }[]).map((i) => i.id);
  const similarIds = async () => ((await mol.post('/api/ideas/similar').set('X-CSRF-Token', molCsrf).send(typing).expect(200)).body.items as { idea: { id: string } }[]).map((i) => i.idea.id);
  const clusteredIds = () => w.app.services.matching.clusters().flatMap((c) => c.members);
  const audit = async () => w.app.store.listAudit({ limit: 100, targetType: 'idea', targetId: geel().id });

  it('when a member or a visitor tries to hide or unhide, then 401/403, the idea stays, and nothing is logged', async () => {
    await request(w.app.baseUrl).post(`/api/ideas/${geel().id}/hide`).send({ reason: 'spam' }).expect(401);
    await mol.post(`/api/ideas/${geel().id}/hide`).set('X-CSRF-Token', molCsrf).send({ reason: 'spam' }).expect(403);
    await mol.post(`/api/ideas/${geel().id}/unhide`).set('X-CSRF-Token', molCsrf).expect(403);
    const page = await mol.get(`/ideas/${geel().id}`).expect(200);
    expect(page.text).not.to.include(`/ideas/${geel().id}/hide`);
    await mol.post(`/ideas/${geel().id}/hide`).type('form').send({ _csrf: csrfFrom(page.text), reason: 'spam' }).expect(403);
    expect((await w.app.store.getIdea(geel().id))!.hidden).to.equal(false);
    expect(await audit()).to.deep.equal([]);
  });

  it('when the reason is missing or too long, then 400 naming the field, nothing hidden, and the form keeps the text', async () => {
    const missing = await programme.post(`/api/ideas/${geel().id}/hide`).set('X-CSRF-Token', programmeCsrf).send({}).expect(400);
    expect(missing.body.error.fields).to.have.property('reason');
    await programme.post(`/api/ideas/${geel().id}/hide`).set('X-CSRF-Token', programmeCsrf).send({ reason: 'x'.repeat(501) }).expect(400);
    const page = await programme.get(`/ideas/${geel().id}`).expect(200);
    expect(page.text).to.include(`action="/ideas/${geel().id}/hide"`);
    const long = `Reclame ${'y'.repeat(500)}`;
    const bad = await programme.post(`/ideas/${geel().id}/hide`).type('form').send({ _csrf: csrfFrom(page.text), reason: long }).expect(400);
    expect(bad.text).to.include(long).and.include('reason-error');
    expect((await w.app.store.getIdea(geel().id))!.hidden).to.equal(false);
  });

  it('when the programme team hides an idea, then it leaves lists, similarity and clusters, and only the programme team sees it, with the reason', async () => {
    expect(await listedIds()).to.include(geel().id);
    expect(await similarIds()).to.include(geel().id);
    expect(clusteredIds()).to.include(geel().id);

    const page = await programme.get(`/ideas/${geel().id}`).expect(200);
    await programme.post(`/ideas/${geel().id}/hide`).type('form').send({ _csrf: csrfFrom(page.text), reason: 'Dubbel gepost; zie het idee van Lier' })
      .expect(303).expect('Location', `/ideas/${geel().id}`);

    expect(await listedIds()).not.to.include(geel().id);
    expect(await similarIds()).not.to.include(geel().id);
    expect(clusteredIds()).not.to.include(geel().id);
    const similarToLier = await w.app.services.matching.similarToIdea(null, w.ideas.lier.id, { k: 10 });
    expect(similarToLier.map((s) => s.idea.id)).not.to.include(geel().id);
    await w.app.services.matching.recomputeNow();
    expect(clusteredIds()).not.to.include(geel().id);
    const cluster = (await request(w.app.baseUrl).get(`/api/clusters/${w.clusterId}`).expect(200)).body as { ideas: { id: string }[] };
    expect(cluster.ideas.map((i) => i.id)).not.to.include(geel().id);

    // Visitors and other organisations: it does not exist. Its own organisation (issue 16.8): a banner saying
    // the programme team hid it, when and why, and a notification (by mail per the member's setting).
    await request(w.app.baseUrl).get(`/ideas/${geel().id}`).expect(404);
    await mol.get(`/ideas/${geel().id}`).expect(404);
    await mol.get(`/api/ideas/${geel().id}`).expect(404);
    const geelMember = request.agent(w.app.baseUrl);
    await signIn(geelMember, w.users.geel.email);
    expect((await geelMember.get(`/api/ideas/${geel().id}`).expect(200)).body.hidden).to.equal(true);
    const own = await geelMember.get(`/ideas/${geel().id}`).expect(200);
    expect(own.text).to.include('id="hidden-banner"').and.include('Het programmateam verborg het op').and.include('Dubbel gepost; zie het idee van Lier');
    expect(own.text).not.to.include(w.programme.name); // "the programme team", not the person
    expect(own.text).not.to.include(`action="/ideas/${geel().id}/unhide"`);
    const told = await w.app.store.listNotifications(w.users.geel.id, { limit: 10 });
    expect(told.filter((x) => x.kind === 'idea_hidden').map((x) => [x.link, x.params.reason]))
      .to.deep.equal([[`/ideas/${geel().id}`, 'Dubbel gepost; zie het idee van Lier']]);
    expect((await w.app.store.listOutbox({ userId: w.users.geel.id, limit: 10 })).map((m) => m.kind)).to.include('idea_hidden');
    expect(await w.app.store.listNotifications(w.users.mol.id, { limit: 10 }).then((l) => l.filter((x) => x.kind === 'idea_hidden'))).to.deep.equal([]);

    const seen = await programme.get(`/ideas/${geel().id}`).expect(200);
    expect(seen.text).to.include('Dubbel gepost; zie het idee van Lier').and.include(`action="/ideas/${geel().id}/unhide"`);
    const api = await programme.get(`/api/ideas/${geel().id}`).expect(200);
    expect(api.body.hidden).to.equal(true);

    const entries = await audit();
    expect(entries).to.have.length(1);
    expect(entries[0]).to.deep.include({ action: 'idea.hidden', actorId: w.programme.id, actorName: w.programme.name });
    expect(entries[0]!.details.reason).to.equal('Dubbel gepost; zie het idee van Lier');
    // Hiding again changes nothing and logs nothing.
    await programme.post(`/api/ideas/${geel().id}/hide`).set('X-CSRF-Token', programmeCsrf).send({ reason: 'nog eens' }).expect(200);
    expect(await audit()).to.have.length(1);
  });

  it('when the programme team unhides it, then it comes back in lists, similarity and clusters', async () => {
    const res = await programme.post(`/api/ideas/${geel().id}/unhide`).set('X-CSRF-Token', programmeCsrf).expect(200);
    expect(res.body.hidden).to.equal(false);
    expect(await listedIds()).to.include(geel().id);
    expect(await similarIds()).to.include(geel().id);
    await w.app.services.matching.recomputeNow();
    expect(clusteredIds()).to.include(geel().id);
    expect((await audit()).map((e) => e.action)).to.deep.equal(['idea.unhidden', 'idea.hidden']);
  });

  describe('the audit log', () => {
    it('when a member or a visitor opens it, then 401/403', async () => {
      await request(w.app.baseUrl).get('/api/audit').expect(401);
      await mol.get('/api/audit').expect(403);
      await mol.get('/admin/audit').expect(403);
      await request(w.app.baseUrl).get('/admin/audit').expect(303);
    });

    it('when the programme team invites someone, then invitation.created is logged', async () => {
      await programme.post('/api/invitations').set('X-CSRF-Token', programmeCsrf)
        .send({ email: 'nieuw.lid@gemeente.test', name: 'Nieuw Lid', organisationId: w.orgs.mol.id }).expect(201);
      const [latest] = await w.app.store.listAudit({ limit: 1 });
      expect(latest).to.deep.include({ action: 'invitation.created', targetType: 'invitation', actorId: w.programme.id });
      expect(latest!.details.email).to.equal('nieuw.lid@gemeente.test');
    });

    it('when the programme team reads it, then newest first in words, and pages on with next', async () => {
      const page = await programme.get('/admin/audit').set('Cookie', 'lang=en').expect(200);
      expect(page.text).to.include('Invited nieuw.lid@gemeente.test').and.include('Dubbel gepost');
      const first = await programme.get('/api/audit?limit=2').expect(200);
      expect(first.body.items).to.have.length(2);
      expect(first.body.items[0].action).to.equal('invitation.created');
      expect(first.body.items[0].text).to.be.a('string').and.not.to.include('moderation.audit');
      expect(first.body.next).to.equal(first.body.items[1].id);
      const second = await programme.get(`/api/audit?limit=2&before=${first.body.next}`).expect(200);
      expect(second.body.items[0].action).to.equal('idea.hidden');
      await programme.get('/api/audit?limit=0').expect(400);
    });
  });
});
