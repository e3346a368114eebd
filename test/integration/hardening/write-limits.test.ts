import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request, { type Agent } from 'supertest';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../../server/realtime/events.js';
import { sessionCookie, signIn, startTestApp, type TestApp } from '../../support/start-test-app.js';

const idea = (n: number) => ({ title: `Een idee nummer ${n} voor de limiet`, description: 'Een beschrijving die lang genoeg is voor de regels.', theme: 'services' });

describe('hardening: write limits per user and per socket (issue 15.5)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { LIMIT_IDEAS_PER_HOUR: '3', LIMIT_ENDORSEMENTS_PER_HOUR: '30', LIMIT_WRITES_PER_MINUTE: '60', LIMIT_SOCKET_REQUESTS_PER_MINUTE: '5' } });
  });
  after(() => app.close());

  async function member(orgId?: string): Promise<{ agent: Agent; csrf: string; email: string; id: string; orgId: string }> {
    const org = orgId ?? (await app.createOrganisation()).id;
    const user = await app.createMember(org);
    const agent = request.agent(app.baseUrl);
    return { agent, csrf: await signIn(agent, user.email), email: user.email, id: user.id, orgId: org };
  }

  it('when one user posts more ideas than the hourly limit, the next answers 429 with Retry-After and a message; another user still posts', async () => {
    const a = await member();
    for (let i = 0; i < 3; i++) expect((await a.agent.post('/api/ideas').set('X-CSRF-Token', a.csrf).send(idea(i))).status).to.equal(201);
    const refused = await a.agent.post('/api/ideas').set('X-CSRF-Token', a.csrf).send(idea(4));
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers['retry-after'])).to.be.greaterThan(0);
    expect(refused.body.error.message).to.match(/Wacht even/);
    const b = await member(a.orgId);
    expect((await b.agent.post('/api/ideas').set('X-CSRF-Token', b.csrf).send(idea(5))).status).to.equal(201);
  });

  it('when an organisation endorses and takes back ten times in a row, the idea’s owner is told once (endorsed, connected), not twenty times', async () => {
    const owner = await member();
    const posted = await owner.agent.post('/api/ideas').set('X-CSRF-Token', owner.csrf).send(idea(10));
    const endorser = await member();
    for (let i = 0; i < 10; i++) {
      expect((await endorser.agent.post(`/api/ideas/${posted.body.id}/endorsements`).set('X-CSRF-Token', endorser.csrf).send({})).status).to.equal(201);
      expect((await endorser.agent.delete(`/api/ideas/${posted.body.id}/endorsements/mine`).set('X-CSRF-Token', endorser.csrf)).status).to.be.oneOf([200, 204]);
    }
    const told = await app.store.listNotifications(owner.id, { limit: 100 });
    expect(told.map((n) => n.kind).sort()).to.deep.equal(['endorsed']);
    const endorserTold = await app.store.listNotifications(endorser.id, { limit: 100 });
    expect(endorserTold.map((n) => n.kind)).to.deep.equal(['connected']);
  });

  it('when one user flips endorsements beyond the hourly limit, the next answers 429', async () => {
    const owner = await member();
    const posted = await owner.agent.post('/api/ideas').set('X-CSRF-Token', owner.csrf).send(idea(20));
    const endorser = await member();
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      statuses.push((await endorser.agent.post(`/api/ideas/${posted.body.id}/endorsements`).set('X-CSRF-Token', endorser.csrf).send({})).status);
      statuses.push((await endorser.agent.delete(`/api/ideas/${posted.body.id}/endorsements/mine`).set('X-CSRF-Token', endorser.csrf)).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 201 || s === 200 || s === 204)).to.equal(true);
    expect(statuses.slice(30)).to.deep.equal([429, 429]);
  });

  it('when a socket sends more requests than its limit, the extra ones are answered rate_limited with retryAfter and not run', async () => {
    const m = await member();
    const cookie = await sessionCookie(app.baseUrl, m.email);
    const socket: ClientSocket<ServerToClientEvents, ClientToServerEvents> = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    try {
      await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
      const ask = () => new Promise<Result<unknown>>((resolve) => (socket.emit as (e: string, p: unknown, a: (r: Result<unknown>) => void) => void)('notifications:read', { all: true }, resolve));
      const answers = await Promise.all(Array.from({ length: 8 }, ask));
      expect(answers.filter((a) => a.ok)).to.have.length(5);
      const refused = answers.filter((a) => !a.ok) as { ok: false; error: { code: string; retryAfter?: number } }[];
      expect(refused).to.have.length(3);
      for (const r of refused) {
        expect(r.error.code).to.equal('rate_limited');
        expect(r.error.retryAfter).to.be.greaterThan(0);
      }
    } finally {
      socket.disconnect();
    }
  });
});

describe('hardening: any write per user per minute', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp({ env: { LIMIT_WRITES_PER_MINUTE: '5' } }); });
  after(() => app.close());

  it('when a user marks notifications read more often than the limit, the next answers 429', async () => {
    const user = await app.createMember((await app.createOrganisation()).id);
    const agent = request.agent(app.baseUrl);
    const csrf = await signIn(agent, user.email);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await agent.post('/api/notifications/read').set('X-CSRF-Token', csrf).send({ all: true })).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 429]);
  });
});
