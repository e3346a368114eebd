import { expect } from 'chai';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import { TEXTS } from '../support/cluster-fixture.js';
import { signIn, startTestApp, type TestApp, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

describe('the board: when the clusters were last recomputed (issue 19)', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp({ env: { ...RECOMPUTE_ON_REQUEST } }); });
  after(() => app?.close());

  it('when nothing was recomputed yet, then lastRecompute is null and the board says so; after a recompute, the API and the page give its time, ideas and seconds', async () => {
    const programme = await app.createProgramme();
    const agent = request.agent(app.baseUrl);
    await signIn(agent, programme.email);
    expect((await agent.get('/api/board').expect(200)).body.lastRecompute).to.equal(null);
    expect((await agent.get('/board').expect(200)).text).to.include('Clusters nog niet herberekend sinds de start');

    const org = await app.createOrganisation();
    const member = await app.createMember(org.id);
    for (const text of [TEXTS.lier, TEXTS.glas]) await app.services.ideas.create(actorOf(member), { ...text, theme: 'services', contact: { name: member.name, email: member.email } });
    await app.services.matching.recomputeNow();

    const { lastRecompute } = (await agent.get('/api/board').expect(200)).body as { lastRecompute: { at: string; ideas: number; seconds: number } };
    expect(lastRecompute.ideas).to.equal(2);
    expect(lastRecompute.seconds).to.be.at.least(0);
    expect(Date.parse(lastRecompute.at)).to.be.closeTo(Date.now(), 60_000);
    expect((await agent.get('/board').expect(200)).text).to.match(/Clusters herberekend om \d\d:\d\d:\d\d \(2 ideeën, [\d,]+ s\)/);
    expect((await agent.get('/board').set('Cookie', 'lang=en').expect(200)).text).to.match(/Clusters recomputed at \d\d:\d\d:\d\d \(2 ideas, [\d.]+ s\)/);
  });
});
