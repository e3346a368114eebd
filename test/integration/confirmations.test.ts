/**
 * Destructive actions ask first (issue 16): "Onze steun intrekken", deactivating a user and revoking an
 * invitation each have a confirmation page that works without JavaScript, whose form posts to the
 * action itself, with the way back as the primary button and the action as a secondary one.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { Idea, User } from '../../server/store/store.js';
import { csrfFrom, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

describe('confirmations for destructive actions, without JavaScript', () => {
  let app: TestApp;
  let a: Agent; let b: Agent; let p: Agent;
  let memberB: User; let programme: User;
  let idea: Idea;
  const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

  before(async () => {
    app = await startTestApp();
    const orgA = await app.createOrganisation();
    const orgB = await app.createOrganisation();
    const memberA = await app.createMember(orgA.id);
    memberB = await app.createMember(orgB.id);
    programme = await app.createProgramme();
    a = request.agent(app.baseUrl); b = request.agent(app.baseUrl); p = request.agent(app.baseUrl);
    await signIn(a, memberA.email);
    await signIn(b, memberB.email);
    await signIn(p, programme.email);
    idea = await app.services.ideas.create(actorOf(memberA), { title: 'Een gedeeld afsprakenloket', description: 'Inwoners maken online een afspraak aan het loket burgerzaken.', theme: 'services', contact: { name: 'An Peeters', email: 'an@a.test' } });
    await app.services.endorsements.endorse(actorOf(memberB), idea.id, {});
  });
  after(() => app.close());

  it('when B opens "Onze steun intrekken", then a page asks first, and its form withdraws and returns to My organisation', async () => {
    const idea2 = idea;
    const page = decode((await b.get(`/ideas/${idea2.id}/unendorse?back=my-organisation`).expect(200)).text);
    expect(page).to.include('Onze steun intrekken?').and.include('Een gedeeld afsprakenloket').and.include('beëindigt het contact');
    expect(page).to.match(new RegExp(`<form method="post" action="/ideas/${idea2.id}/unendorse"`));
    expect(page).to.include('name="back" value="my-organisation"');
    expect(page).to.match(/<a class="button" href="\/my-organisation">Nee, terug<\/a>/);
    expect(page).to.match(/class="button button-secondary button-destructive"[^>]*>Ja, onze steun intrekken</);
    expect(await app.store.listEndorsements({ ideaId: idea2.id }), 'opening the page changes nothing').to.have.length(1);
    const res = await b.post(`/ideas/${idea2.id}/unendorse`).type('form').send({ _csrf: csrfFrom(page), back: 'my-organisation' }).expect(303);
    expect(res.headers.location).to.equal('/my-organisation');
    expect(await app.store.listEndorsements({ ideaId: idea2.id })).to.have.length(0);
  });

  it('when there is no endorsement to take back, then the confirmation page sends back to the idea; the programme team gets 403', async () => {
    const res = await b.get(`/ideas/${idea.id}/unendorse`).expect(303);
    expect(res.headers.location).to.equal(`/ideas/${idea.id}#endorse`);
    await p.get(`/ideas/${idea.id}/unendorse`).expect(403);
    await a.get('/ideas/00000000-0000-4000-8000-000000000000/unendorse').expect(404);
  });

  it('when the programme team deactivates a user, then a page asks first and names the person; members get 403', async () => {
    const list = (await p.get('/admin/users').expect(200)).text;
    expect(list).to.include(`href="/admin/users/${memberB.id}/deactivate"`).and.not.include(`action="/admin/users/${memberB.id}/deactivate"`);
    const page = decode((await p.get(`/admin/users/${memberB.id}/deactivate`).expect(200)).text);
    expect(page).to.include(`${memberB.name} deactiveren?`).and.include(memberB.email);
    expect(page).to.match(new RegExp(`<form method="post" action="/admin/users/${memberB.id}/deactivate"`));
    expect((await app.store.getUser(memberB.id))!.active, 'opening the page changes nothing').to.equal(true);
    await p.post(`/admin/users/${memberB.id}/deactivate`).type('form').send({ _csrf: csrfFrom(page) }).expect(303);
    expect((await app.store.getUser(memberB.id))!.active).to.equal(false);
    await a.get(`/admin/users/${memberB.id}/deactivate`).expect(403);
    await p.get('/admin/users/00000000-0000-4000-8000-000000000000/deactivate').expect(404);
  });

  it('when the programme team revokes an invitation, then a page asks first, and its form revokes it', async () => {
    const { invitation } = await app.services.accounts.invite(actorOf(programme), { name: 'Nieuwe Collega', email: 'nieuw@b.test', role: 'member', organisationId: memberB.organisationId });
    const page = decode((await p.get(`/admin/invitations/${invitation.id}/revoke`).expect(200)).text);
    expect(page).to.include('Uitnodiging voor Nieuwe Collega intrekken?').and.include('nieuw@b.test');
    expect((await app.store.getInvitation(invitation.id))!.revokedAt).to.equal(null);
    await p.post(`/admin/invitations/${invitation.id}/revoke`).type('form').send({ _csrf: csrfFrom(page) }).expect(303);
    expect((await app.store.getInvitation(invitation.id))!.revokedAt).to.be.a('string');
  });
});
