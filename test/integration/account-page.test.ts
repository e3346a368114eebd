import { expect } from 'chai';
import request from 'supertest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../server/store/store.js';
import { csrfFrom, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

/** The account page (issue 16.6): name, phone, language and the notification settings per kind, in one place. */
describe('the account page: details, language and notification settings', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp(); });
  after(() => app?.close());

  async function member() {
    const org = await app.createOrganisation();
    const user = await app.createMember(org.id, { name: 'Greet Goossens', phone: '+32 3 444 55 66' });
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, user.email);
    return { user, agent, csrf };
  }

  it('when a visitor opens it, then they sign in first and come back', async () => {
    await request(app.baseUrl).get('/account').expect(303).expect('Location', '/signin?next=%2Faccount');
  });

  it('when a member opens it, then it shows their details, every notification kind with its choice, and the way to change the password', async () => {
    const { user, agent } = await member();
    await app.store.setNotificationSettings(user.id, { connected: 'app', clusterJoined: 'daily' });
    const page = await agent.get('/account').expect(200);
    expect(page.text).to.include('value="Greet Goossens"').and.include('value="+32 3 444 55 66"').and.include(user.email);
    expect(page.text).to.match(/name="locale" value="nl" checked/);
    expect(page.text).to.match(/name="endorsed" value="mail" checked/);
    expect(page.text).to.match(/name="connected" value="app" checked/);
    expect(page.text).to.match(/name="clusterJoined" value="daily" checked/);
    for (const kind of ['introduced', 'digest', 'hidden']) expect(page.text).to.match(new RegExp(`name="${kind}" value="never"`));
    expect(page.text).to.include('href="/account/password"');
  });

  it('when the details are invalid, then 400 names the field, keeps what was typed and changes nothing', async () => {
    const { user, agent } = await member();
    const csrf = csrfFrom((await agent.get('/account').expect(200)).text);
    const res = await agent.post('/account/profile').type('form').send({ _csrf: csrf, name: 'Greet G.', phone: 'bel me maar', locale: 'en' }).expect(400);
    expect(res.text).to.include('phone-error').and.include('value="bel me maar"').and.include('value="Greet G."');
    expect(res.text).to.match(/name="locale" value="en" checked/);
    expect(await app.store.getUser(user.id)).to.include({ name: 'Greet Goossens', phone: '+32 3 444 55 66', locale: 'nl' });
  });

  it('when the details are saved with English, then they are kept, the interface switches and the mails will be English', async () => {
    const { user, agent } = await member();
    const csrf = csrfFrom((await agent.get('/account').expect(200)).text);
    const res = await agent.post('/account/profile').type('form').send({ _csrf: csrf, name: 'Greet Goossens-Peeters', phone: '', locale: 'en' })
      .expect(303).expect('Location', '/account');
    expect(String(res.headers['set-cookie'])).to.match(/lang=en/);
    expect(await app.store.getUser(user.id)).to.include({ name: 'Greet Goossens-Peeters', phone: null, locale: 'en' });
    const page = await agent.get('/account').expect(200);
    expect(page.text).to.include('My account').and.include('Your details are saved.');
  });

  it('when a notification choice is not one of the options, then 400 names it, keeps the choices and changes nothing', async () => {
    const { user, agent } = await member();
    const csrf = csrfFrom((await agent.get('/account').expect(200)).text);
    const res = await agent.post('/account/notifications').type('form')
      .send({ _csrf: csrf, endorsed: 'app', connected: 'pigeon', introduced: 'mail', digest: 'mail', hidden: 'never', clusterJoined: 'daily' }).expect(400);
    expect(res.text).to.include('connected-error');
    expect(res.text).to.match(/name="endorsed" value="app" checked/).and.match(/name="hidden" value="never" checked/);
    expect(await app.store.getNotificationSettings(user.id)).to.deep.equal(DEFAULT_NOTIFICATION_SETTINGS);
  });

  it('when the notification choices are saved, then each kind is kept', async () => {
    const { user, agent } = await member();
    const csrf = csrfFrom((await agent.get('/account').expect(200)).text);
    await agent.post('/account/notifications').type('form')
      .send({ _csrf: csrf, endorsed: 'app', connected: 'mail', introduced: 'never', digest: 'app', hidden: 'mail', partnerships: 'app', checkIns: 'never', clusterJoined: 'daily' })
      .expect(303).expect('Location', '/account#notification-settings');
    expect(await app.store.getNotificationSettings(user.id)).to.deep.equal({
      clusterJoined: 'daily', endorsed: 'app', connected: 'mail', introduced: 'never', digest: 'app', hidden: 'mail', partnerships: 'app', checkIns: 'never',
    });
  });

  it('when the API changes one kind, then the others stay, and a bad value answers 400 naming the field', async () => {
    const { user, agent, csrf } = await member();
    const ok = await agent.put('/api/settings/notifications').set('X-CSRF-Token', csrf).send({ introduced: 'app' }).expect(200);
    expect(ok.body).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, introduced: 'app' });
    const bad = await agent.put('/api/settings/notifications').set('X-CSRF-Token', csrf).send({ digest: 'weekly' }).expect(400);
    expect(bad.body.error.fields).to.have.property('digest');
    expect((await app.store.getNotificationSettings(user.id)).digest).to.equal('mail');
  });
});
