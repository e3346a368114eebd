/**
 * The board per call over a real SQLite store with real partnerships: the snapshot's funnels and
 * partnerships, and the live updates that carry them when an idea aiming at a call is posted, endorsed or
 * connected, or a partnership takes a step; each update's per-call part equals a fresh snapshot's.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { actorOf } from '../../server/domain/actor.js';
import { createBoard, type Board, type BoardFunnel, type BoardUpdate } from '../../server/domain/board/index.js';
import { systemClock } from '../../server/domain/clock.js';
import { DomainBus } from '../../server/domain/events.js';
import { newId } from '../../server/store/ids.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import {
  orderedPair, type CallRecord, type Endorsement, type Idea, type Organisation, type Partnership, type PartnershipMembership, type PartnershipRecord, type Store, type User,
} from '../../server/store/store.js';
import { makeCall, makeIdea, makeOrganisation, makeUser, T0 } from '../support/factories.js';

const stepsOf = (f: BoardFunnel | undefined) => Object.fromEntries((f?.steps ?? []).map((s) => [s.step, s.count]));

describe('the board per call', () => {
  let dir: string;
  let store: Store;
  let calls: Map<string, number>;
  let bus: DomainBus;
  let board: Board;
  let orgs: Organisation[];
  let user: User;
  let programme: User;
  let call1: CallRecord;
  let call2: CallRecord;
  let updates: BoardUpdate[];
  const matching = { clusters: () => [], version: 1, lastRecompute: null };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-board-funnel-'));
    const real = createSqliteStore({ file: path.join(dir, 'store.db') });
    await real.init();
    calls = new Map();
    // Counts the store calls, to check an update re-reads only what changed.
    store = new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => { calls.set(String(key), (calls.get(String(key)) ?? 0) + 1); return (value as (...a: unknown[]) => unknown).apply(target, args); };
      },
    });
    orgs = [
      makeOrganisation({ name: 'Lier', code: '12021' }), makeOrganisation({ name: 'Mol', code: '13025' }),
      makeOrganisation({ name: 'Geel', code: '13008' }), makeOrganisation({ name: 'Tienen', code: '24107' }),
    ];
    await store.upsertOrganisations(orgs);
    user = makeUser(orgs[0]!.id);
    programme = makeUser(null, { role: 'programme' });
    await store.createUser(user);
    await store.createUser(programme);
    call1 = makeCall({ number: 1, name: 'Oproep 1' });
    call2 = makeCall({ number: 2, name: 'Oproep 2' });
    await store.createCall(call2);
    await store.createCall(call1);
    bus = new DomainBus();
    updates = [];
    bus.on('board:updated', (u) => updates.push(u));
    board = createBoard({ store, clock: systemClock, bus, matching, logger: pino({ level: 'silent' }), batchMs: 5 });
    await board.start();
  });
  afterEach(async () => {
    await board.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function post(org: Organisation, callId: string | null): Promise<Idea> {
    const idea = makeIdea(org.id, user.id, { callId });
    await store.createIdea(idea);
    bus.emit('idea:created', idea);
    return idea;
  }

  async function endorse(idea: Idea, by: Organisation): Promise<void> {
    const e: Endorsement = { id: newId(), ideaId: idea.id, organisationId: by.id, userId: user.id, message: null, createdAt: T0 };
    await store.createEndorsement(e);
    bus.emit('endorsement:created', e, { idea, connection: null, newlyConnected: false });
  }

  const membership = (partnershipId: string, organisationId: string, state: PartnershipMembership['state'] = 'member'): PartnershipMembership =>
    ({ partnershipId, organisationId, state, via: state === 'member' ? 'opened' : 'invitation', startedBy: user.id, answeredBy: null, createdAt: T0, answeredAt: null });

  /** A partnership for `idea` led by the idea's organisation, as the partnerships service would store and announce it. */
  async function open(idea: Idea, callId: string | null): Promise<PartnershipRecord> {
    const p: PartnershipRecord = {
      id: newId(), ideaId: idea.id, callId, title: idea.title, leadOrganisationId: idea.organisationId, status: 'forming',
      leadOfferedTo: null, createdAt: T0, updatedAt: T0, submittedAt: null, decidedAt: null, version: 1,
    };
    await store.createPartnership(p, membership(p.id, idea.organisationId), []);
    bus.emit('partnership:changed', { partnership: (await store.getPartnership(p.id))!, step: 'opened', previousStatus: null });
    return p;
  }

  async function step(p: PartnershipRecord, change: Partial<PartnershipRecord>, memberships: PartnershipMembership[] = []): Promise<PartnershipRecord> {
    const next = { ...p, ...change, version: p.version + 1 };
    expect(await store.savePartnershipStep({ partnership: next, expectedVersion: p.version, memberships, notifications: [] })).to.equal(true);
    bus.emit('partnership:changed', { partnership: (await store.getPartnership(p.id))!, step: change.status ? 'status_changed' : 'invitation_accepted', previousStatus: p.status });
    return next;
  }

  /** Settles the board; its last update carries the per-call part, equal to a fresh snapshot's. */
  async function settledLikeSnapshot() {
    await board.settled();
    const last = updates[updates.length - 1]!;
    const full = await board.snapshot(actorOf(programme));
    expect(last.changes.perCall, 'the update carries the board per call').to.not.equal(undefined);
    expect(last.changes.perCall).to.deep.equal(full.perCall);
    return full.perCall;
  }

  it('when ideas aim at calls and partnerships are in several statuses, then the snapshot has the whole programme first, then each call by number, counted as by hand', async () => {
    const [a, b, c] = [await post(orgs[0]!, call1.id), await post(orgs[1]!, call1.id), await post(orgs[2]!, call2.id)];
    await post(orgs[3]!, null);
    await endorse(a, orgs[1]!);
    await endorse(b, orgs[0]!);
    const [x, y] = orderedPair(orgs[0]!.id, orgs[1]!.id);
    await store.createConnection({ id: newId(), ideaId: a.id, organisationA: x, organisationB: y, via: 'endorsement', createdAt: T0 });
    const pa = await open(a, call1.id);
    await step(pa, { status: 'submitted' });
    const pc = await open(c, call2.id);
    await step(pc, { status: 'submitted' });
    await step({ ...pc, status: 'submitted', version: 2 }, { status: 'running' });
    await board.settled();

    const { perCall } = await board.snapshot(actorOf(programme));
    expect(perCall.calls.map((k) => k.name)).to.deep.equal(['Oproep 1', 'Oproep 2']);
    expect(perCall.funnels.map((f) => f.callId)).to.deep.equal([null, call1.id, call2.id]);
    expect(stepsOf(perCall.funnels[0])).to.deep.equal({ ideas: 4, endorsed: 2, connected: 1, forming: 2, submitted: 2, approved: 1 });
    expect(stepsOf(perCall.funnels[1])).to.deep.equal({ ideas: 2, endorsed: 2, connected: 1, forming: 1, submitted: 1, approved: 0 });
    expect(stepsOf(perCall.funnels[2])).to.deep.equal({ ideas: 1, endorsed: 0, connected: 0, forming: 1, submitted: 1, approved: 1 });
    expect(perCall.funnels[2]!.statuses.find((s) => s.status === 'running')!.count).to.equal(1);
  });

  it('when an idea aiming at a call is posted, endorsed and connected without an event, then each update carries the call\'s new numbers, equal to a snapshot\'s', async () => {
    const idea = await post(orgs[0]!, call1.id);
    expect(stepsOf((await settledLikeSnapshot()).funnels[1])).to.include({ ideas: 1, endorsed: 0, connected: 0 });

    await endorse(idea, orgs[1]!);
    expect(stepsOf((await settledLikeSnapshot()).funnels[1])).to.include({ ideas: 1, endorsed: 1, connected: 0 });

    // An introduction tells the bus nothing; the next update notices it in the totals.
    const [x, y] = orderedPair(orgs[2]!.id, orgs[3]!.id);
    await store.createConnection({ id: newId(), ideaId: idea.id, organisationA: x, organisationB: y, via: 'introduction', createdAt: T0 });
    bus.emit('idea:placed', { ideaId: idea.id, clusterId: null, x: 0.1, y: 0.2, version: 1 }); // an update that is not about the counts
    const perCall = await settledLikeSnapshot();
    expect(stepsOf(perCall.funnels[1])).to.include({ ideas: 1, endorsed: 1, connected: 1 });
    expect(stepsOf(perCall.funnels[0])).to.include({ ideas: 1, endorsed: 1, connected: 1 });
  });

  it('when a partnership opens, gains a member, is submitted and approved, then each step reaches the board live, with only its members, the lead first', async () => {
    const idea = await post(orgs[0]!, call1.id);
    await board.settled();
    let p = await open(idea, call1.id);
    let perCall = await settledLikeSnapshot();
    expect(stepsOf(perCall.funnels[1])).to.include({ forming: 1, submitted: 0, approved: 0 });
    expect(perCall.partnerships).to.deep.equal([{ id: p.id, title: idea.title, callId: call1.id, status: 'forming', members: [{ id: orgs[0]!.id, name: 'Lier', code: '12021', lead: true }] }]);

    p = await step(p, {}, [membership(p.id, orgs[2]!.id), membership(p.id, orgs[1]!.id), membership(p.id, orgs[3]!.id, 'invited')]);
    perCall = await settledLikeSnapshot();
    expect(perCall.partnerships[0]!.members.map((m) => [m.name, m.lead])).to.deep.equal([['Lier', true], ['Geel', false], ['Mol', false]]);

    p = await step(p, { status: 'submitted' });
    expect(stepsOf((await settledLikeSnapshot()).funnels[1])).to.include({ forming: 1, submitted: 1, approved: 0 });
    p = await step(p, { status: 'approved' });
    perCall = await settledLikeSnapshot();
    expect(stepsOf(perCall.funnels[1])).to.include({ forming: 1, submitted: 1, approved: 1 });
    expect(perCall.partnerships[0]!.status).to.equal('approved');
  });

  it('when only a partnership changed, then the update re-reads the partnerships but not the ideas\' counts; when nothing per call changed, then it carries no per-call part', async () => {
    const idea = await post(orgs[0]!, call1.id);
    await board.settled();
    calls.clear();
    await open(idea, call1.id);
    await board.settled();
    expect(calls.get('countIdeasByCall') ?? 0, 'countIdeasByCall').to.equal(0);
    expect(calls.get('countPartnershipsByCall'), 'countPartnershipsByCall').to.equal(1);

    calls.clear();
    const before = updates.length;
    bus.emit('idea:placed', { ideaId: idea.id, clusterId: null, x: 0.1, y: 0.2, version: 1 });
    await board.settled();
    expect(updates.length).to.equal(before + 1);
    expect(updates[updates.length - 1]!.changes.perCall).to.equal(undefined);
    expect(calls.get('countIdeasByCall') ?? 0).to.equal(0);
    expect(calls.get('listPartnerships') ?? 0).to.equal(0);
  });

  it('when the programme team adds a call, then the next update lists it, without re-reading any numbers', async () => {
    await post(orgs[0]!, call1.id);
    await board.settled();
    calls.clear();
    const call3 = makeCall({ number: 3, name: 'Oproep 3' });
    await store.createCall(call3);
    const before = updates.length;
    bus.emit('call:changed', { callId: call3.id });
    await board.settled();
    expect(updates.length).to.equal(before + 1);
    expect(calls.get('countIdeasByCall') ?? 0).to.equal(0);
    expect(calls.get('countPartnershipsByCall') ?? 0).to.equal(0);
    const perCall = await settledLikeSnapshot();
    expect(perCall.calls.map((c) => c.id)).to.include(call3.id);
  });
});
