/**
 * Partnerships over HTTP and sockets: who may take which step, consent before anyone is added,
 * contacts only among members, the call's limits when submitting, one notification per user per step,
 * 409 for a repeated or conflicting step and 400 naming the field.
 */
import { expect } from 'chai';
import { io as connectClient, type Socket } from 'socket.io-client';
import request, { type Agent } from 'supertest';
import type { Clock } from '../../server/domain/clock.js';
import type { DomainEvents } from '../../server/domain/events.js';
import type { Organisation, User } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { sessionCookie, signIn, startTestApp, type TestApp } from '../support/start-test-app.js';
import { waitFor } from '../support/wait-for.js';

/** Monday 7 December 2026, 10:00 in Brussels; timers run for real. */
const NOW = new Date('2026-12-07T10:00:00+01:00');
const clock: Clock = { now: () => new Date(NOW), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

const TOWNS = ['lier', 'geel', 'mol', 'mechelen', 'hasselt'] as const;
type Town = (typeof TOWNS)[number];

describe('partnerships: API, rules and notifications', () => {
  let app: TestApp;
  const orgs = {} as Record<Town, Organisation>;
  const members = {} as Record<Town, User>;
  const agents = new Map<string, { agent: Agent; csrf: string }>();
  let lierColleague: User;
  let geelColleague: User;
  let programme: User;
  let openCall: string;
  let tinyCall: string;
  let closedCall: string;
  const changes: DomainEvents['partnership:changed'][0][] = [];

  const as = async (user: User) => {
    if (!agents.has(user.id)) {
      const agent = request.agent(app.baseUrl);
      agents.set(user.id, { agent, csrf: await signIn(agent, user.email) });
    }
    return agents.get(user.id)!;
  };
  const post = async (user: User | null, path: string, body: object = {}) => {
    if (!user) return request(app.baseUrl).post(path).send(body);
    const { agent, csrf } = await as(user);
    return agent.post(path).set('X-CSRF-Token', csrf).send(body);
  };
  const patch = async (user: User, path: string, body: object) => {
    const { agent, csrf } = await as(user);
    return agent.patch(path).set('X-CSRF-Token', csrf).send(body);
  };
  const get = async (user: User | null, path: string) => (user ? (await as(user)).agent.get(path) : request(app.baseUrl).get(path));
  const ideaOf = async (town: Town, title = `Een digitaal loket voor ${town} ${Math.random().toString(36).slice(2, 7)}`) => {
    const idea = makeIdea(orgs[town].id, members[town].id, { title });
    await app.store.createIdea(idea);
    return idea;
  };
  /** Lier opens a partnership for a new idea of its own; returns its id. */
  const opened = async (callId?: string): Promise<string> => {
    const res = await post(members.lier, '/api/partnerships', { ideaId: (await ideaOf('lier')).id, ...(callId ? { callId } : {}) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  const ok = async (res: Promise<request.Response> | request.Response, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).to.equal(status);
    return r.body;
  };
  /** Lier's partnership with the towns given as partners (invited by Lier, accepted by their member). */
  const withPartners = async (towns: Town[], callId?: string): Promise<string> => {
    const id = await opened(callId);
    for (const town of towns) {
      await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs[town].id }), 201);
      await ok(post(members[town], `/api/partnerships/${id}/invitations/${orgs[town].id}/accept`));
    }
    return id;
  };
  const noticesOf = async (user: User, link: string) => (await app.store.listNotifications(user.id, { limit: 100 })).filter((n) => n.link === link);

  before(async function () {
    this.timeout(60_000);
    app = await startTestApp({ clock });
    for (const town of TOWNS) {
      orgs[town] = await app.createOrganisation({ name: `${town[0]!.toUpperCase()}${town.slice(1)} ${Math.random().toString(36).slice(2, 6)}` });
      members[town] = await app.createMember(orgs[town].id);
    }
    lierColleague = await app.createMember(orgs.lier.id);
    geelColleague = await app.createMember(orgs.geel.id);
    programme = await app.createProgramme();
    const base = { type: 'concept', themes: null, description: 'Samen een digitaal concept uitwerken.' };
    openCall = (await ok(post(programme, '/api/calls', { ...base, number: 31, name: 'Oproep 31', opensAt: '2026-11-02T00:00:00+01:00', closesAt: '2026-12-19T23:59:59+01:00', rules: { minPartners: 2, maxPartners: 16 } }), 201)).id;
    tinyCall = (await ok(post(programme, '/api/calls', { ...base, number: 32, name: 'Oproep 32', opensAt: '2026-11-02T00:00:00+01:00', closesAt: '2026-12-19T23:59:59+01:00', rules: { minPartners: 2, maxPartners: 2 } }), 201)).id;
    closedCall = (await ok(post(programme, '/api/calls', { ...base, number: 33, name: 'Oproep 33', opensAt: '2026-01-05T00:00:00+01:00', closesAt: '2026-03-01T23:59:59+01:00' }), 201)).id;
    app.services.bus.on('partnership:changed', (e) => changes.push(e));
  });
  after(() => app?.close());

  describe('opening', () => {
    it("when a member opens a partnership for an idea of its local government, then 201 with it as lead and only member, forming, audited", async () => {
      const idea = await ideaOf('lier');
      const body = await ok(post(members.lier, '/api/partnerships', { ideaId: idea.id, callId: openCall }), 201);
      expect(body).to.include({ status: 'forming', title: idea.title });
      expect(body.lead).to.deep.equal({ id: orgs.lier.id, name: orgs.lier.name });
      expect(body.members.map((m: { id: string }) => m.id)).to.deep.equal([orgs.lier.id]);
      expect(body.call).to.include({ id: openCall, status: 'open' });
      expect(body.members[0].contact).to.include({ email: members.lier.email });
      const audit = await app.store.listAudit({ limit: 5, targetType: 'partnership', targetId: body.id });
      expect(audit.map((e) => e.action)).to.deep.equal(['partnership.opened']);
      expect(changes.at(-1)).to.deep.include({ step: 'opened', previousStatus: null });
      // Lier's colleague is told once; the opener is not told of their own step.
      expect((await noticesOf(lierColleague, `/partnerships/${body.id}`)).map((n) => n.kind)).to.deep.equal(['partnership_status']);
      expect(await noticesOf(members.lier, `/partnerships/${body.id}`)).to.deep.equal([]);
    });

    it('when the idea already has a partnership, then 409; a visitor 401; the programme team and another local government 403', async () => {
      const idea = await ideaOf('lier');
      await ok(post(members.lier, '/api/partnerships', { ideaId: idea.id }), 201);
      expect((await post(members.lier, '/api/partnerships', { ideaId: idea.id })).status).to.equal(409);
      expect((await post(null, '/api/partnerships', { ideaId: idea.id })).status).to.equal(401);
      expect((await post(programme, '/api/partnerships', { ideaId: (await ideaOf('lier')).id })).status).to.equal(403);
      expect((await post(members.geel, '/api/partnerships', { ideaId: (await ideaOf('lier')).id })).status).to.equal(403);
      expect((await post(members.lier, '/api/partnerships', { ideaId: 'geen-idee' })).status).to.equal(404);
    });

    it('when a field is missing, unknown or names a call that is closed or does not exist, then 400 naming the field', async () => {
      const idea = await ideaOf('lier');
      const missing = await post(members.lier, '/api/partnerships', {});
      expect(missing.status).to.equal(400);
      expect(missing.body.error.fields).to.have.key('ideaId');
      const closed = await post(members.lier, '/api/partnerships', { ideaId: idea.id, callId: closedCall });
      expect(closed.status).to.equal(400);
      expect(closed.body.error.fields).to.have.key('callId');
      expect(closed.body.error.fields.callId.message).to.include('Oproep 33');
      const unknown = await post(members.lier, '/api/partnerships', { ideaId: idea.id, callId: 'geen-oproep' });
      expect(unknown.body.error.fields).to.have.key('callId');
      const extra = await post(members.lier, '/api/partnerships', { ideaId: idea.id, lead: orgs.geel.id });
      expect(extra.status).to.equal(400);
    });
  });

  describe('invitations and consent', () => {
    it('when the lead invites a local government, then 201; each of its members is told once, live and by mail, and nobody is added yet', async () => {
      const id = await opened();
      const body = await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.geel.id }), 201);
      expect(body.members.map((m: { id: string }) => m.id)).to.deep.equal([orgs.lier.id]);
      expect(body.invitations.map((i: { id: string }) => i.id)).to.deep.equal([orgs.geel.id]);
      for (const user of [members.geel, geelColleague]) {
        const notices = await noticesOf(user, `/partnerships/${id}`);
        expect(notices.map((n) => n.kind)).to.deep.equal(['partnership_invited']);
        expect(notices[0]!.params).to.include({ organisation: orgs.lier.name });
      }
      expect(await noticesOf(members.mol, `/partnerships/${id}`)).to.deep.equal([]);
      const owed = await app.store.listOutbox({ userId: members.geel.id, limit: 100 });
      expect(owed.filter((m) => m.kind === 'partnership_invited' && m.link === `/partnerships/${id}`)).to.have.length(1);
    });

    it('when the invitation is repeated, or sent by anyone but the lead, then 409 and 403; an unknown local government 400 naming organisationId', async () => {
      const id = await opened();
      await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.geel.id }), 201);
      expect((await post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.geel.id })).status).to.equal(409);
      expect((await post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.lier.id })).status).to.equal(409);
      expect((await post(members.geel, `/api/partnerships/${id}/invitations`, { organisationId: orgs.mol.id })).status).to.equal(403);
      expect((await post(programme, `/api/partnerships/${id}/invitations`, { organisationId: orgs.mol.id })).status).to.equal(403);
      const unknown = await post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: 'geen-bestuur' });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.error.fields).to.have.key('organisationId');
      const empty = await post(members.lier, `/api/partnerships/${id}/invitations`, {});
      expect(empty.body.error.fields).to.have.key('organisationId');
      expect((await post(members.lier, '/api/partnerships/geen-partnerschap/invitations', { organisationId: orgs.geel.id })).status).to.equal(404);
    });

    it('when someone of another local government answers the invitation, then 403; a local government not invited 404; answered twice 409', async () => {
      const id = await opened();
      await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.geel.id }), 201);
      expect((await post(members.mol, `/api/partnerships/${id}/invitations/${orgs.geel.id}/accept`)).status).to.equal(403);
      expect((await post(members.lier, `/api/partnerships/${id}/invitations/${orgs.geel.id}/accept`)).status).to.equal(403);
      expect((await post(programme, `/api/partnerships/${id}/invitations/${orgs.geel.id}/accept`)).status).to.equal(403);
      expect((await post(members.mol, `/api/partnerships/${id}/invitations/${orgs.mol.id}/accept`)).status).to.equal(404);
      const body = await ok(post(members.geel, `/api/partnerships/${id}/invitations/${orgs.geel.id}/accept`));
      expect(body.members.map((m: { id: string }) => m.id)).to.deep.equal([orgs.lier.id, orgs.geel.id]);
      expect((await post(geelColleague, `/api/partnerships/${id}/invitations/${orgs.geel.id}/accept`)).status).to.equal(409);
      expect((await post(geelColleague, `/api/partnerships/${id}/invitations/${orgs.geel.id}/decline`)).status).to.equal(409);
      // The lead is told who accepted (one notice each), and the accepting colleague hears it joined.
      expect((await noticesOf(members.lier, `/partnerships/${id}`)).map((n) => `${n.kind}:${n.params.variant}`)).to.deep.equal(['partnership_invitation_answered:accepted']);
      expect((await noticesOf(geelColleague, `/partnerships/${id}`)).map((n) => n.kind)).to.have.members(['partnership_invited', 'partnership_member_joined']);
    });

    it('when the invited local government declines, then it is not added and the lead is told it declined', async () => {
      const id = await opened();
      await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.mol.id }), 201);
      const body = await ok(post(members.mol, `/api/partnerships/${id}/invitations/${orgs.mol.id}/decline`));
      expect(body.members.map((m: { id: string }) => m.id)).to.deep.equal([orgs.lier.id]);
      expect(body.you.state).to.equal('declined');
      const [notice] = await noticesOf(members.lier, `/partnerships/${id}`);
      expect(notice).to.deep.include({ kind: 'partnership_invitation_answered' });
      expect(notice!.params.variant).to.equal('declined');
    });
  });

  describe('asking to join', () => {
    it('when another local government asks, then 201 and the lead is told; asked again 409; only the lead answers', async () => {
      const id = await opened();
      const asked = await ok(post(members.mechelen, `/api/partnerships/${id}/join-requests`), 201);
      expect(asked.you.state).to.equal('requested');
      expect(asked.requests).to.equal(null); // the asker is no member: it does not see the partnership's private side
      expect((await post(members.mechelen, `/api/partnerships/${id}/join-requests`)).status).to.equal(409);
      expect((await post(members.lier, `/api/partnerships/${id}/join-requests`)).status).to.equal(409);
      expect((await post(programme, `/api/partnerships/${id}/join-requests`)).status).to.equal(403);
      for (const user of [members.lier, lierColleague]) {
        expect((await noticesOf(user, `/partnerships/${id}`)).filter((n) => n.kind === 'partnership_join_requested')).to.have.length(1);
      }
      expect((await post(members.mechelen, `/api/partnerships/${id}/join-requests/${orgs.mechelen.id}/accept`)).status).to.equal(403);
      expect((await post(members.lier, `/api/partnerships/${id}/join-requests/${orgs.geel.id}/accept`)).status).to.equal(404);
      const body = await ok(post(members.lier, `/api/partnerships/${id}/join-requests/${orgs.mechelen.id}/accept`));
      expect(body.members.map((m: { id: string }) => m.id)).to.deep.equal([orgs.lier.id, orgs.mechelen.id]);
      expect((await post(members.lier, `/api/partnerships/${id}/join-requests/${orgs.mechelen.id}/decline`)).status).to.equal(409);
      const told = await noticesOf(members.mechelen, `/partnerships/${id}`);
      expect(told.map((n) => `${n.kind}:${n.params.variant}`)).to.deep.equal(['partnership_join_answered:accepted']);
    });

    it('when a local government that is invited asks to join, then 409: it answers the invitation instead', async () => {
      const id = await opened();
      await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.hasselt.id }), 201);
      expect((await post(members.hasselt, `/api/partnerships/${id}/join-requests`)).status).to.equal(409);
    });
  });

  describe('what each viewer sees', () => {
    it("when members read it, they see each other's contact person and who is invited; visitors, others and the invited do not", async () => {
      const id = await withPartners(['geel']);
      await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.hasselt.id }), 201);
      await ok(post(members.mechelen, `/api/partnerships/${id}/join-requests`), 201);

      const asGeel = await ok(get(members.geel, `/api/partnerships/${id}`));
      const contactOf = (body: { members: { id: string; contact: { email: string } | null }[] }, org: Organisation) => body.members.find((m) => m.id === org.id)!.contact;
      expect(contactOf(asGeel, orgs.lier)).to.include({ email: members.lier.email });
      expect(contactOf(asGeel, orgs.geel)).to.include({ email: members.geel.email });
      expect(asGeel.invitations.map((i: { id: string }) => i.id)).to.deep.equal([orgs.hasselt.id]);
      expect(asGeel.requests.map((i: { id: string }) => i.id)).to.deep.equal([orgs.mechelen.id]);

      for (const viewer of [null, members.mol, members.hasselt, members.mechelen]) {
        const body = await ok(get(viewer, `/api/partnerships/${id}`));
        expect(body.members.map((m: { contact: unknown }) => m.contact)).to.deep.equal([null, null]);
        expect(body.invitations).to.equal(null);
        expect(body.requests).to.equal(null);
        expect(body.members.map((m: { name: string }) => m.name)).to.deep.equal([orgs.lier.name, orgs.geel.name]);
      }
      const page = await request(app.baseUrl).get(`/partnerships/${id}`).expect(200);
      expect(page.text).to.include(orgs.geel.name).and.not.include(members.lier.email).and.not.include(orgs.hasselt.name);
      const list = await ok(get(null, '/api/partnerships'));
      expect(JSON.stringify(list)).not.to.include(members.lier.email).and.not.to.include(orgs.hasselt.name);
      // Asked about Hasselt (only invited), the public list does not reveal the invitation; Hasselt's own members see it.
      const hasselts = await ok(get(null, `/api/partnerships?organisationId=${orgs.hasselt.id}`));
      expect(hasselts.items.map((p: { id: string }) => p.id)).not.to.include(id);
      const own = await ok(get(members.hasselt, `/api/partnerships?organisationId=${orgs.hasselt.id}`));
      expect(own.items.map((p: { id: string }) => p.id)).to.include(id);
      expect((await get(null, '/api/partnerships?status=bijna')).status).to.equal(400);
    });

    it('when the list is filtered by call and status, then only those come back', async () => {
      const id = await opened(tinyCall);
      const byCall = await ok(get(null, `/api/partnerships?callId=${tinyCall}&status=forming`));
      expect(byCall.items.map((p: { id: string }) => p.id)).to.include(id);
      expect(byCall.items.every((p: { call: { id: string } }) => p.call.id === tinyCall)).to.equal(true);
      const submitted = await ok(get(null, `/api/partnerships?callId=${tinyCall}&status=submitted`));
      expect(submitted.items.map((p: { id: string }) => p.id)).not.to.include(id);
    });
  });

  describe('the lead role', () => {
    it('when the lead hands over to a partner who accepts, then that partner leads and the old lead stays a partner; everyone is told once', async () => {
      const id = await withPartners(['geel', 'mol']);
      expect((await post(members.lier, `/api/partnerships/${id}/lead`, { organisationId: orgs.hasselt.id })).status).to.equal(400);
      expect((await post(members.geel, `/api/partnerships/${id}/lead`, { organisationId: orgs.mol.id })).status).to.equal(403);
      await ok(post(members.lier, `/api/partnerships/${id}/lead`, { organisationId: orgs.geel.id }));
      expect((await post(members.lier, `/api/partnerships/${id}/lead`, { organisationId: orgs.mol.id })).status).to.equal(409);
      expect((await post(members.mol, `/api/partnerships/${id}/lead/accept`)).status).to.equal(403);
      expect((await noticesOf(geelColleague, `/partnerships/${id}`)).filter((n) => n.kind === 'partnership_lead_offered')).to.have.length(1);
      const body = await ok(post(geelColleague, `/api/partnerships/${id}/lead/accept`));
      expect(body.lead.id).to.equal(orgs.geel.id);
      const roles = body.members.map((m: { id: string; lead: boolean }) => `${m.id === orgs.geel.id ? 'geel' : m.id === orgs.lier.id ? 'lier' : 'mol'}:${m.lead}`);
      expect(roles[0]).to.equal('geel:true');
      expect(roles).to.have.members(['geel:true', 'lier:false', 'mol:false']);
      expect(body.leadOfferedTo).to.equal(null);
      expect((await post(geelColleague, `/api/partnerships/${id}/lead/accept`)).status).to.equal(409);
      for (const user of [members.lier, lierColleague, members.mol, members.geel]) {
        expect((await noticesOf(user, `/partnerships/${id}`)).filter((n) => n.kind === 'partnership_lead_changed'), user.email).to.have.length(1);
      }
      // The new lead invites; the old one may not any more.
      expect((await post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.hasselt.id })).status).to.equal(403);
      await ok(post(members.geel, `/api/partnerships/${id}/invitations`, { organisationId: orgs.hasselt.id }), 201);
    });

    it('when the lead takes its offer back, or the partner declines, then nothing changes but the offer', async () => {
      const id = await withPartners(['geel']);
      await ok(post(members.lier, `/api/partnerships/${id}/lead`, { organisationId: orgs.geel.id }));
      const back = await ok(post(members.lier, `/api/partnerships/${id}/lead/withdraw`));
      expect(back.leadOfferedTo).to.equal(null);
      expect((await post(members.lier, `/api/partnerships/${id}/lead/withdraw`)).status).to.equal(409);
      expect((await post(members.geel, `/api/partnerships/${id}/lead/accept`)).status).to.equal(409);
      await ok(post(members.lier, `/api/partnerships/${id}/lead`, { organisationId: orgs.geel.id }));
      const declined = await ok(post(members.geel, `/api/partnerships/${id}/lead/decline`));
      expect(declined.lead.id).to.equal(orgs.lier.id);
    });

    it('when the lead tries to leave, then 409 (hand over first); a partner leaves while forming; a stranger 403', async () => {
      const id = await withPartners(['geel']);
      expect((await post(members.lier, `/api/partnerships/${id}/leave`)).status).to.equal(409);
      expect((await post(members.mol, `/api/partnerships/${id}/leave`)).status).to.equal(403);
      const body = await ok(post(members.geel, `/api/partnerships/${id}/leave`));
      expect(body.members.map((m: { id: string }) => m.id)).to.deep.equal([orgs.lier.id]);
      expect(body.you.state).to.equal('left');
      expect((await post(members.geel, `/api/partnerships/${id}/leave`)).status).to.equal(403);
      const told = (await noticesOf(members.lier, `/partnerships/${id}`)).filter((n) => n.params.variant === 'left');
      expect(told).to.have.length(1);
    });
  });

  describe('status and the call', () => {
    it('when the lead submits without a call, then 409; after choosing one (PATCH), the call rules decide', async () => {
      const id = await withPartners(['geel']);
      const none = await post(members.lier, `/api/partnerships/${id}/status`, { status: 'submitted' });
      expect(none.status).to.equal(409);
      expect(none.body.error.message).to.match(/oproep/i);
      const closed = await patch(members.lier, `/api/partnerships/${id}`, { callId: closedCall });
      expect(closed.status).to.equal(400);
      expect(closed.body.error.fields).to.have.key('callId');
      await ok(patch(members.lier, `/api/partnerships/${id}`, { callId: openCall }));
      await ok(post(members.lier, `/api/partnerships/${id}/status`, { status: 'submitted' }));
    });

    it("when the partnership is over the call's maximum or under its minimum, then 409 naming the rule and the numbers", async () => {
      const over = await withPartners(['geel', 'mol'], tinyCall);
      const res = await post(members.lier, `/api/partnerships/${over}/status`, { status: 'submitted' });
      expect(res.status).to.equal(409);
      expect(res.body.error.fields).to.have.key('too_many_partners');
      expect(res.body.error.message).to.include('3').and.include('2').and.include('Oproep 32');
      const under = await opened(tinyCall);
      const res2 = await post(members.lier, `/api/partnerships/${under}/status`, { status: 'submitted' });
      expect(res2.body.error.fields).to.have.key('too_few_partners');
      expect(res2.body.error.fields.too_few_partners.message).to.include('1').and.include('2');
      expect((await ok(get(members.lier, `/api/partnerships/${over}`))).status).to.equal('forming');
    });

    it('when the lead submits, the programme team is told; it decides; the wrong role 403, a repeated step 409, a bad status 400', async () => {
      const id = await withPartners(['geel'], openCall);
      expect((await post(members.geel, `/api/partnerships/${id}/status`, { status: 'submitted' })).status).to.equal(403);
      expect((await post(programme, `/api/partnerships/${id}/status`, { status: 'submitted' })).status).to.equal(403);
      const bad = await post(members.lier, `/api/partnerships/${id}/status`, { status: 'klaar' });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.fields).to.have.key('status');
      const submitted = await ok(post(members.lier, `/api/partnerships/${id}/status`, { status: 'submitted' }));
      expect(submitted.status).to.equal('submitted');
      expect(submitted.submittedAt).to.be.a('string');
      expect((await post(members.lier, `/api/partnerships/${id}/status`, { status: 'submitted' })).status).to.equal(409);
      expect((await post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.mol.id })).status).to.equal(409);
      expect((await noticesOf(programme, `/partnerships/${id}`)).map((n) => `${n.kind}:${n.params.variant}`)).to.deep.equal(['partnership_status:submitted']);
      expect((await noticesOf(geelColleague, `/partnerships/${id}`)).filter((n) => n.kind === 'partnership_status')).to.have.length(1);

      expect((await post(members.lier, `/api/partnerships/${id}/status`, { status: 'approved' })).status).to.equal(403);
      const approved = await ok(post(programme, `/api/partnerships/${id}/status`, { status: 'approved' }));
      expect(approved.status).to.equal('approved');
      expect(approved.members[0].contact).to.not.equal(null); // the programme team sees contacts
      expect(changes.at(-1)).to.deep.include({ step: 'status_changed', previousStatus: 'submitted' });
      expect(changes.at(-1)!.partnership).to.include({ id, status: 'approved' });
      expect((await post(programme, `/api/partnerships/${id}/status`, { status: 'approved' })).status).to.equal(409);
      await ok(post(members.lier, `/api/partnerships/${id}/status`, { status: 'running' }));
      await ok(post(programme, `/api/partnerships/${id}/status`, { status: 'ended' }));
      const audit = await app.store.listAudit({ limit: 20, targetType: 'partnership', targetId: id });
      expect(audit.filter((e) => e.action === 'partnership.status_changed')).to.have.length(4);
    });

    it('when the programme team does not approve, then the lead may reopen it and it forms again', async () => {
      const id = await withPartners(['geel'], openCall);
      await ok(post(members.lier, `/api/partnerships/${id}/status`, { status: 'submitted' }));
      await ok(post(programme, `/api/partnerships/${id}/status`, { status: 'not_approved' }));
      expect((await post(programme, `/api/partnerships/${id}/status`, { status: 'forming' })).status).to.equal(403);
      const reopened = await ok(post(members.lier, `/api/partnerships/${id}/status`, { status: 'forming' }));
      expect(reopened).to.include({ status: 'forming', submittedAt: null, decidedAt: null });
    });

    it('when the programme team exports the partnerships, then every one is in the CSV and JSON; members may not', async () => {
      const id = await withPartners(['geel']);
      const json = await ok(get(programme, '/api/exports/partnerships.json'));
      const row = json.items.find((p: { id: string }) => p.id === id);
      expect(row).to.include({ lead: orgs.lier.name, partnerCount: 2, status: 'forming' });
      const csv = await get(programme, '/api/exports/partnerships.csv');
      expect(csv.status).to.equal(200);
      expect(csv.text).to.include(id);
      expect((await get(members.lier, '/api/exports/partnerships.json')).status).to.equal(403);
    });
  });

  describe('suggestions', () => {
    it('when the lead asks whom to invite, then its connections come with their reason, a search finds by name, and the others get 403', async () => {
      const id = await opened();
      const mine = (await app.store.listPartnerships()).find((p) => p.id === id)!;
      const molIdea = await ideaOf('mol');
      await app.store.createConnection({ id: `c-${id}`, ideaId: molIdea.id, organisationA: [orgs.lier.id, orgs.mol.id].sort()[0]!, organisationB: [orgs.lier.id, orgs.mol.id].sort()[1]!, via: 'introduction', createdAt: NOW.toISOString() });
      const body = await ok(get(members.lier, `/api/partnerships/${mine.id}/suggestions?q=${encodeURIComponent(orgs.hasselt.name.slice(0, 7))}`));
      expect(body.suggestions.find((s: { organisation: { id: string } }) => s.organisation.id === orgs.mol.id).reasons).to.include('connection');
      expect(body.found.map((o: { id: string }) => o.id)).to.include(orgs.hasselt.id);
      expect((await get(members.geel, `/api/partnerships/${id}/suggestions`)).status).to.equal(403);
      expect((await get(null, `/api/partnerships/${id}/suggestions`)).status).to.equal(401);
    });
  });

  describe('pages', () => {
    const form = async (user: User, path: string, fields: Record<string, string> = {}) => {
      const { agent, csrf } = await as(user);
      return agent.post(path).type('form').send({ _csrf: csrf, ...fields });
    };

    it('when a member of the idea\'s local government opens its page, then it offers "Partnerschap starten"; others do not; the form starts it', async () => {
      const idea = await ideaOf('lier');
      expect((await get(members.lier, `/ideas/${idea.id}`)).text).to.include('Partnerschap starten');
      expect((await get(members.geel, `/ideas/${idea.id}`)).text).not.to.include('Partnerschap starten');
      expect((await get(null, `/ideas/${idea.id}`)).text).not.to.include('Partnerschap starten');
      const { agent } = await as(members.lier);
      expect((await agent.post(`/ideas/${idea.id}/partnership`).type('form').send({ callId: openCall })).status).to.equal(403); // no CSRF token
      const res = await form(members.lier, `/ideas/${idea.id}/partnership`, { callId: openCall });
      expect(res.status).to.equal(303);
      const href = String(res.headers.location);
      expect(href).to.match(/^\/partnerships\//);
      const page = (await get(members.lier, `/ideas/${idea.id}`)).text;
      expect(page).not.to.include('Partnerschap starten');
      expect(page).to.include(`href="${href}"`);
      const show = (await get(members.lier, href)).text;
      expect(show).to.include('Besturen uitnodigen').and.include('Te weinig besturen: 1');
      expect((await get(members.lier, '/my-organisation')).text).to.include(idea.title);
    });

    it('when the invited member opens the page, then it can accept there; a refused step shows the reason with its status', async () => {
      const id = await opened(openCall);
      expect((await form(members.lier, `/partnerships/${id}/invite`, { organisationId: orgs.geel.id })).status).to.equal(303);
      const invited = (await get(members.geel, `/partnerships/${id}`)).text;
      expect(invited).to.include('Uitnodiging voor je bestuur').and.not.include(members.lier.email);
      const again = await form(members.lier, `/partnerships/${id}/invite`, { organisationId: orgs.geel.id });
      expect(again.status).to.equal(409);
      expect(again.text).to.include('is al uitgenodigd');
      expect((await form(members.geel, `/partnerships/${id}/invitations/${orgs.geel.id}/accept`)).status).to.equal(303);
      const member = (await get(members.geel, `/partnerships/${id}`)).text;
      expect(member).to.include(members.lier.email).and.include('Partnerschap verlaten');
      const lead = (await get(members.lier, `/partnerships/${id}`)).text;
      expect(lead).to.include('voldoet aan de regels van Oproep 31').and.include('Indienen');
      expect((await get(null, '/partnerships')).text).to.include(orgs.geel.name);
      expect((await get(null, `/partnerships?status=forming&callId=${openCall}`)).status).to.equal(200);
    });
  });

  describe('live', () => {
    it("when the lead invites a local government, then its member's open socket gets the notification at once, and nobody else's", async () => {
      const id = await opened();
      const sockets: Socket[] = [];
      const online = async (user: User) => {
        const socket = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: await sessionCookie(app.baseUrl, user.email) } });
        sockets.push(socket);
        const got: { kind: string; link: string; text: string }[] = [];
        socket.on('notification:created', (n) => got.push(n));
        await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
        return got;
      };
      try {
        const [geel, mol] = await Promise.all([online(members.geel), online(members.mol)]);
        await ok(post(members.lier, `/api/partnerships/${id}/invitations`, { organisationId: orgs.geel.id }), 201);
        const n = await waitFor(() => geel.find((x) => x.kind === 'partnership_invited' && x.link === `/partnerships/${id}`), { within: 2000, what: 'the live invitation' });
        expect(n.text).to.include(orgs.lier.name);
        expect(mol.filter((x) => x.link === `/partnerships/${id}`)).to.deep.equal([]);
      } finally {
        for (const s of sockets) s.close();
      }
    });
  });
});
