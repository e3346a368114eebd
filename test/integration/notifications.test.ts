import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { newId } from '../../server/store/ids.js';
import { DEFAULT_NOTIFICATION_SETTINGS, type Notification, type Organisation, type User } from '../../server/store/store.js';
import { csrfFrom, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

describe('notifications: inbox, badge, settings and API', () => {
  let app: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;

  before(async () => {
    app = await startTestApp({ env: { DIGEST_HOUR: '6' } });
    orgA = await app.createOrganisation();
    orgB = await app.createOrganisation();
  });
  after(() => app?.close());

  let seq = 0;
  /** Stores `n` notifications for `user`, one second apart, the last one newest. */
  async function notify(user: User, n = 1, over: Partial<Notification> = {}): Promise<Notification[]> {
    const base = Date.now() - 60_000 + (seq += n) * 1000;
    const list = Array.from({ length: n }, (_, i): Notification => ({
      id: newId(), userId: user.id, kind: 'endorsed', link: `/ideas/idee-${seq}-${i}`, readAt: null,
      createdAt: new Date(base + i * 1000).toISOString(),
      params: { organisation: orgB.name, idea: `Idee ${seq}-${i}` },
      ...over,
    }));
    await app.store.createNotifications(list);
    return list;
  }

  /** A fresh member of A, signed in; returns the agent and its CSRF token. */
  async function member(org: Organisation = orgA): Promise<{ user: User; agent: Agent; csrf: string }> {
    const user = await app.createMember(org.id);
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, user.email);
    return { user, agent, csrf };
  }

  describe('the inbox page', () => {
    it('when a visitor opens the inbox, then they are sent to sign in and back', async () => {
      const res = await request(app.baseUrl).get('/notifications').expect(303);
      expect(res.headers.location).to.equal('/signin?next=%2Fnotifications');
    });

    it('when a member opens the inbox, then it lists their own notifications newest first with text, link and unread mark', async () => {
      const { user, agent } = await member();
      const [older, newer] = await notify(user, 2);
      const someoneElse = (await member()).user;
      await notify(someoneElse, 1, { params: { organisation: 'Niet voor jou', idea: 'Geheim' } });
      await app.store.markRead(user.id, [older!.id], new Date().toISOString());

      const html = (await agent.get('/notifications').expect(200)).text;
      expect(html).to.include(`${orgB.name} vindt je idee ‘${newer!.params.idea}’ ook waardevol.`);
      expect(html.indexOf(newer!.params.idea!)).to.be.below(html.indexOf(older!.params.idea!));
      expect(html).to.include(`href="${newer!.link}"`);
      expect(html).not.to.include('Niet voor jou');
      expect(html.match(/inbox-item-unread/g)).to.have.length(1);
      expect(html).to.include(`name="id" value="${newer!.id}"`);
      expect(html).not.to.include(`name="id" value="${older!.id}"`); // already read: no button
      expect(html).to.include('Ongelezen: 1');
    });

    it('when the member has none, then the inbox says so', async () => {
      const { agent } = await member();
      expect((await agent.get('/notifications').expect(200)).text).to.include('Je hebt nog geen meldingen.');
    });

    it('when the language is English, then the texts are English', async () => {
      const { user, agent } = await member();
      await notify(user);
      const html = (await agent.get('/notifications').set('Cookie', 'lang=en').expect(200)).text;
      expect(html).to.include('Mark all as read');
      expect(html).to.include(orgB.name);
    });
  });

  describe('marking as read on the page', () => {
    it('when one is marked read with the form, then only that one is read and the page says so', async () => {
      const { user, agent } = await member();
      const [one, two] = await notify(user, 2);
      const csrf = csrfFrom((await agent.get('/notifications').expect(200)).text);
      const res = await agent.post('/notifications/read').type('form').send({ _csrf: csrf, id: one!.id }).expect(303);
      expect(res.headers.location).to.equal('/notifications');
      const after = await app.store.listNotifications(user.id, { limit: 10 });
      expect(after.find((n) => n.id === one!.id)?.readAt).to.be.a('string');
      expect(after.find((n) => n.id === two!.id)?.readAt).to.equal(null);
      expect((await agent.get('/notifications').expect(200)).text).to.include('De melding is als gelezen gemarkeerd.');
    });

    it('when all are marked read with the form, then the count is zero', async () => {
      const { user, agent } = await member();
      await notify(user, 3);
      const csrf = csrfFrom((await agent.get('/notifications').expect(200)).text);
      await agent.post('/notifications/read').type('form').send({ _csrf: csrf, all: '1' }).expect(303);
      expect(await app.store.countUnread(user.id)).to.equal(0);
    });

    it('when the form has no CSRF token, then 403 and nothing changes', async () => {
      const { user, agent } = await member();
      await notify(user, 2);
      await agent.post('/notifications/read').type('form').send({ all: '1' }).expect(403);
      expect(await app.store.countUnread(user.id)).to.equal(2);
    });

    it("when a member posts another user's notification id, then nothing of theirs changes", async () => {
      const { agent } = await member();
      const victim = (await member(orgB)).user;
      const [theirs] = await notify(victim);
      const csrf = csrfFrom((await agent.get('/notifications').expect(200)).text);
      await agent.post('/notifications/read').type('form').send({ _csrf: csrf, id: theirs!.id }).expect(303);
      expect(await app.store.countUnread(victim.id)).to.equal(1);
    });

    it('when the form names nothing to mark, then 400', async () => {
      const { agent, csrf } = await member();
      await agent.post('/notifications/read').type('form').send({ _csrf: csrf }).expect(400);
    });
  });

  describe('the badge', () => {
    it('when a member has unread notifications, then the header shows the count with an accessible label, and the live script is included', async () => {
      const { user, agent } = await member();
      await notify(user, 3);
      const html = (await agent.get('/ideas').expect(200)).text;
      expect(html).to.match(/aria-label="Meldingen, 3 ongelezen">Meldingen<span class="unread-count" data-unread-count> \(3\)<\/span>/);
      expect(html).to.include('<script src="/static/js/live.js" defer></script>');
      expect(html).to.include('aria-live="polite"');
    });

    it('when everything is read, then the count is hidden', async () => {
      const { agent } = await member();
      const html = (await agent.get('/').expect(200)).text;
      expect(html).to.include('aria-label="Meldingen, geen ongelezen"');
      expect(html).to.match(/data-unread-count hidden>/);
    });

    it('when a visitor views a page, then there is no badge and no live script', async () => {
      const html = (await request(app.baseUrl).get('/').expect(200)).text;
      expect(html).not.to.include('data-unread-count');
      expect(html).not.to.include('live.js');
      expect(html).not.to.include('socket.io');
    });
  });

  describe('the API', () => {
    it('when listing, then only own notifications come, newest first, with the unread count; unread and since filter', async () => {
      const { user, agent } = await member();
      const [first, second, third] = await notify(user, 3);
      await notify((await member()).user, 2);
      await app.store.markRead(user.id, [first!.id], new Date().toISOString());

      const all = await agent.get('/api/notifications').expect(200);
      expect(all.body.unread).to.equal(2);
      expect(all.body.items.map((n: { id: string }) => n.id)).to.deep.equal([third!.id, second!.id, first!.id]);
      expect(all.body.items[0]).to.include({ kind: 'endorsed', link: third!.link, unread: true, readAt: null });
      expect(all.body.items[0].text).to.include(orgB.name);
      expect(all.body.items[0]).not.to.have.property('userId');

      const unread = await agent.get('/api/notifications').query({ unread: 'true' }).expect(200);
      expect(unread.body.items.map((n: { id: string }) => n.id)).to.deep.equal([third!.id, second!.id]);
      const since = await agent.get('/api/notifications').query({ since: second!.createdAt }).expect(200);
      expect(since.body.items.map((n: { id: string }) => n.id)).to.deep.equal([third!.id]);
    });

    it('when a query parameter is bad, then 400 names it', async () => {
      const { agent } = await member();
      const res = await agent.get('/api/notifications').query({ unread: 'maybe', since: 'gisteren' }).expect(400);
      expect(res.body.error.fields).to.have.property('unread');
      const since = await agent.get('/api/notifications').query({ since: 'gisteren' }).expect(400);
      expect(since.body.error.fields).to.have.property('since');
      const unknown = await agent.get('/api/notifications').query({ page: '2' }).expect(400);
      expect(unknown.body.error.fields).to.have.property('page');
    });

    it('when a visitor calls the API, then 401', async () => {
      await request(app.baseUrl).get('/api/notifications').expect(401);
      await request(app.baseUrl).post('/api/notifications/read').send({ all: true }).expect(401);
      await request(app.baseUrl).get('/api/settings/notifications').expect(401);
    });

    it('when marking by ids, then only own ones change and the answer says how many are left', async () => {
      const { user, agent, csrf } = await member();
      const [one, two] = await notify(user, 2);
      const [theirs] = await notify((await member()).user);
      const res = await agent.post('/api/notifications/read').set('X-CSRF-Token', csrf).send({ ids: [one!.id, theirs!.id] }).expect(200);
      expect(res.body).to.deep.equal({ changed: 1, unread: 1 });
      expect(await app.store.countUnread(theirs!.userId)).to.equal(1);
      const all = await agent.post('/api/notifications/read').set('X-CSRF-Token', csrf).send({ all: true }).expect(200);
      expect(all.body).to.deep.equal({ changed: 1, unread: 0 });
      void two;
    });

    it('when marking without the CSRF token or with a bad body, then 403 or 400 and nothing changes', async () => {
      const { user, agent, csrf } = await member();
      await notify(user, 2);
      await agent.post('/api/notifications/read').send({ all: true }).expect(403);
      const bad = await agent.post('/api/notifications/read').set('X-CSRF-Token', csrf).send({ ids: [] }).expect(400);
      expect(bad.body.error.code).to.equal('validation_failed');
      await agent.post('/api/notifications/read').set('X-CSRF-Token', csrf).send({ all: false }).expect(400);
      expect(await app.store.countUnread(user.id)).to.equal(2);
    });
  });

  describe('settings', () => {
    it('when the settings page is opened, then the current choice is checked and the digest hour is shown', async () => {
      const { agent } = await member();
      const html = (await agent.get('/settings/notifications').expect(200)).text;
      expect(html).to.match(/value="immediate" checked/);
      expect(html).to.include('om 6 uur');
    });

    it('when a choice is saved with the form, then it is kept and the page says so', async () => {
      const { user, agent } = await member();
      const csrf = csrfFrom((await agent.get('/settings/notifications').expect(200)).text);
      const res = await agent.post('/settings/notifications').type('form').send({ _csrf: csrf, clusterJoined: 'daily' }).expect(303);
      expect(res.headers.location).to.equal('/settings/notifications');
      expect(await app.store.getNotificationSettings(user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'daily' });
      const html = (await agent.get('/settings/notifications').expect(200)).text;
      expect(html).to.match(/value="daily" checked/);
      expect(html).to.include('Je instellingen voor meldingen zijn bewaard.');
    });

    it('when the form sends a bad value, then 400 names the field and nothing changes', async () => {
      const { user, agent } = await member();
      const csrf = csrfFrom((await agent.get('/settings/notifications').expect(200)).text);
      const res = await agent.post('/settings/notifications').type('form').send({ _csrf: csrf, clusterJoined: 'hourly' }).expect(400);
      expect(res.text).to.include('Kies een geldige waarde voor Meldingen over gelijkaardige ideeën.');
      expect(res.text).to.include('id="clusterJoined-error"');
      expect(res.text).to.include('href="#clusterJoined"');
      expect(await app.store.getNotificationSettings(user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'immediate' });
      await agent.post('/settings/notifications').type('form').send({ clusterJoined: 'never' }).expect(403);
    });

    it('when the API reads and changes the settings, then bad values answer 400 naming clusterJoined', async () => {
      const { user, agent, csrf } = await member();
      expect((await agent.get('/api/settings/notifications').expect(200)).body).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'immediate' });
      const ok = await agent.put('/api/settings/notifications').set('X-CSRF-Token', csrf).send({ clusterJoined: 'never' }).expect(200);
      expect(ok.body).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'never' });
      const bad = await agent.put('/api/settings/notifications').set('X-CSRF-Token', csrf).send({ clusterJoined: 'weekly' }).expect(400);
      expect(bad.body.error.fields.clusterJoined.code).to.equal('invalid_choice');
      const extra = await agent.put('/api/settings/notifications').set('X-CSRF-Token', csrf).send({ clusterJoined: 'daily', email: true }).expect(400);
      expect(extra.body.error.fields).to.have.property('_');
      await agent.put('/api/settings/notifications').send({ clusterJoined: 'daily' }).expect(403);
      expect(await app.store.getNotificationSettings(user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'never' });
    });
  });
});
