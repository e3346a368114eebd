import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { clusterWorld, type ClusterWorld } from '../support/cluster-fixture.js';
import { signIn } from '../support/start-test-app.js';

// The catalogue's texts, so a test fails when the page says the wrong one.
const MEMBER_HINT = { nl: 'Bij sommige ideeën zie je geen contactgegevens', en: 'Some ideas show no contact details' };
const VISITOR_HINT = { nl: 'Contactgegevens zijn er alleen voor aangemelde medewerkers', en: 'Contact details are only for signed-in members' };

describe('the cluster page: the "no contact details" hint only where it is true', () => {
  let w: ClusterWorld;
  let lier: Agent; let lierCsrf: string;
  let herk: Agent;
  const page = async (agent: Agent | ReturnType<typeof request>) => (await agent.get(`/clusters/${w.clusterId}`).expect(200)).text;

  before(async () => {
    w = await clusterWorld();
    lier = request.agent(w.app.baseUrl);
    lierCsrf = await signIn(lier, w.users.lier.email);
    herk = request.agent(w.app.baseUrl);
    await signIn(herk, w.users.herk.email);
  });
  after(() => w?.app.close());

  it('when a visitor opens a cluster, then the page says contact details need signing in, with a sign-in link back here, and not the member hint', async () => {
    const html = await page(request(w.app.baseUrl));
    expect(html).to.include(VISITOR_HINT.nl).and.include(`href="/signin?next=/clusters/${w.clusterId}"`);
    expect(html).not.to.include(MEMBER_HINT.nl);
    const en = (await request(w.app.baseUrl).get(`/clusters/${w.clusterId}`).set('Cookie', 'lang=en').expect(200)).text;
    expect(en).to.include(VISITOR_HINT.en);
  });

  it('when an unconnected member opens a cluster, then no contact is shown and the member hint is, without the sign-in hint', async () => {
    const html = await page(herk);
    for (const town of ['lier', 'geel', 'mol'] as const) expect(html).not.to.include(w.users[town].email);
    expect(html).to.include(MEMBER_HINT.nl);
    expect(html).not.to.include(VISITOR_HINT.nl);
  });

  it('when a member is connected with some organisations of the cluster, then their contacts show and the hint stays for the ones withheld', async () => {
    await lier.post(`/api/ideas/${w.ideas.geel.id}/endorsements`).set('X-CSRF-Token', lierCsrf).send({}).expect(201);
    const html = await page(lier);
    expect(html).to.include(w.users.lier.email).and.include(w.users.geel.email); // its own idea's contact and Geel's
    expect(html).not.to.include(w.users.mol.email);
    expect(html).to.include(MEMBER_HINT.nl);
  });

  it('when a member is connected with every other organisation of the cluster, then every contact shows and no hint does', async () => {
    await lier.post(`/api/ideas/${w.ideas.mol.id}/endorsements`).set('X-CSRF-Token', lierCsrf).send({}).expect(201);
    const html = await page(lier);
    for (const town of ['lier', 'geel', 'mol'] as const) expect(html).to.include(w.users[town].email);
    expect(html).not.to.include(MEMBER_HINT.nl).and.not.to.include(VISITOR_HINT.nl);
    const en = (await lier.get(`/clusters/${w.clusterId}`).set('Cookie', 'lang=en').expect(200)).text;
    expect(en).not.to.include(MEMBER_HINT.en);
  });

  it('when the programme team opens a cluster, then it sees every contact and no hint', async () => {
    const programme = request.agent(w.app.baseUrl);
    await signIn(programme, w.programme.email);
    const html = await page(programme);
    expect(html).to.include(w.users.mol.email);
    expect(html).not.to.include(MEMBER_HINT.nl).and.not.to.include(VISITOR_HINT.nl);
  });
});
