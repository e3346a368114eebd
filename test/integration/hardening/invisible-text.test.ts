import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { signIn, startTestApp, type TestApp } from '../../support/start-test-app.js';

const ZWSP = '\u200b';
const RLO = '\u202e';
const description = 'Een digitaal loket waar inwoners hun aanvraag online indienen en volgen.';

describe('hardening: control and invisible characters are not stored (issue 15.7)', () => {
  let app: TestApp;
  let a: Agent; let aCsrf: string;
  let b: Agent; let bCsrf: string;

  before(async () => {
    app = await startTestApp();
    const [orgA, orgB] = [await app.createOrganisation(), await app.createOrganisation()];
    a = request.agent(app.baseUrl); aCsrf = await signIn(a, (await app.createMember(orgA.id)).email);
    b = request.agent(app.baseUrl); bCsrf = await signIn(b, (await app.createMember(orgB.id)).email);
  });
  after(() => app.close());

  const post = (body: object) => a.post('/api/ideas').set('X-CSRF-Token', aCsrf).send({ theme: 'services', description, ...body });

  it('when texts carry bidi overrides, NUL, ANSI escapes and zero-width spaces, they are stored without them; emoji and accents stay', async () => {
    const res = await post({
      title: `${RLO}Eén loket 👩‍💻 voor café${ZWSP}`,
      description: `Beschrijving\u0000 met \u001b[31mkleur\u001b[0m en een${ZWSP} verborgen\u2066 stuk, over\r\ntwee regels.`,
      tags: [`e-lo${ZWSP}ket`, 'café'],
      contact: { name: `Jan${RLO} Peeters\u0007`, email: 'jan@lier.test' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const id = res.body.id as string;
    const stored = (await app.store.getIdea(id))!;
    expect(stored.title).to.equal('Eén loket 👩‍💻 voor café');
    expect(stored.description).to.equal('Beschrijving met [31mkleur[0m en een verborgen stuk, over\ntwee regels.');
    expect(stored.tags).to.have.members(['e-loket', 'café']);
    expect(stored.contact.name).to.equal('Jan Peeters');
  });

  it('when a title is only zero-width spaces, posting and editing answer 400 naming the title, and nothing changes', async () => {
    const empty = await post({ title: ZWSP.repeat(10) });
    expect(empty.status).to.equal(400);
    expect(empty.body.error.fields).to.have.property('title');
    const ok = await post({ title: 'Een zichtbare titel' });
    const id = ok.body.id as string;
    const before = (await app.store.getIdea(id))!;
    const patched = await a.patch(`/api/ideas/${id}`).set('X-CSRF-Token', aCsrf).send({ title: `${ZWSP}\u200d\ufe0f${RLO}  `, version: before.version });
    expect(patched.status).to.equal(400);
    expect(patched.body.error.fields).to.have.property('title');
    const after = (await app.store.getIdea(id))!;
    expect(after).to.deep.include({ title: before.title, version: before.version });
  });

  it('when an endorsement message carries an override, it is stored without it; one of only invisible characters is no message', async () => {
    const idea = (await post({ title: 'Idee om te steunen' })).body.id as string;
    const res = await b.post(`/api/ideas/${idea}/endorsements`).set('X-CSRF-Token', bCsrf).send({ message: `Wij ook${RLO} mee!` });
    expect(res.status).to.equal(201);
    const [endorsement] = await app.store.listEndorsements({ ideaId: idea });
    expect(endorsement!.message).to.equal('Wij ook mee!');
    const idea2 = (await post({ title: 'Nog een idee om te steunen' })).body.id as string;
    await b.post(`/api/ideas/${idea2}/endorsements`).set('X-CSRF-Token', bCsrf).send({ message: ZWSP.repeat(5) }).expect(201);
    expect((await app.store.listEndorsements({ ideaId: idea2 }))[0]!.message).to.equal(null);
  });
});
