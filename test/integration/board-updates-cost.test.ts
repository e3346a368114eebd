/**
 * The board's live updates cost what changed: checked by counting the store calls a flush makes
 * through a real SQLite store wrapped in a counting proxy, and by comparing every update's cards and
 * numbers with a full snapshot (built from every idea, endorsement and connection) taken right after.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createBoard, type Board, type BoardSnapshot, type BoardUpdate } from '../../server/domain/board/index.js';
import { applyUpdate, createState } from '../../public/js/board-merge.js';
import { actorOf } from '../../server/domain/actor.js';
import { systemClock } from '../../server/domain/clock.js';
import { DomainBus } from '../../server/domain/events.js';
import { newId } from '../../server/store/ids.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import { orderedPair, type Endorsement, type Idea, type Organisation, type Store, type User } from '../../server/store/store.js';
import { makeIdea, makeOrganisation, makeUser, T0 } from '../support/factories.js';

describe('the board\'s live updates', () => {
  let dir: string;
  let real: Store;
  let store: Store;
  let calls: Map<string, number>;
  let bus: DomainBus;
  let board: Board;
  let orgs: Organisation[];
  let user: User;
  let programme: User;
  let ideas: Idea[];
  let clusters: { id: number; label: string; autoLabel: string; override: null; size: number; members: string[]; representative: string | null }[];
  let updates: BoardUpdate[];
  let initial: BoardSnapshot; // the board as a browser opens it; the updates are folded onto it as the browser does
  const matching = { clusters: () => clusters, version: 1, lastRecompute: null };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-board-cost-'));
    real = createSqliteStore({ file: path.join(dir, 'store.db') });
    await real.init();
    calls = new Map();
    store = new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => { calls.set(String(key), (calls.get(String(key)) ?? 0) + 1); return (value as (...a: unknown[]) => unknown).apply(target, args); };
      },
    });
    orgs = ['Lier', 'Mol', 'Geel', 'Tienen'].map((name, i) => makeOrganisation({ name, province: i < 2 ? 'Antwerpen' : 'Vlaams-Brabant' }));
    await real.upsertOrganisations(orgs);
    user = makeUser(orgs[0]!.id);
    programme = makeUser(null, { role: 'programme' });
    await real.createUser(user);
    await real.createUser(programme);
    ideas = orgs.flatMap((o, i) => [makeIdea(o.id, user.id, { theme: i % 2 ? 'democracy' : 'services' }), makeIdea(o.id, user.id, { theme: 'workplace' })]);
    for (const idea of ideas) await real.createIdea(idea);
    await endorse(ideas[0]!, orgs[1]!);
    clusters = [cluster(1, 'afspraken', [0, 1, 2]), cluster(2, 'glas', [3, 4, 6])];
    bus = new DomainBus();
    updates = [];
    bus.on('board:updated', (u) => updates.push(u));
    board = createBoard({ store, clock: systemClock, bus, matching, logger: pino({ level: 'silent' }), batchMs: 5 });
    await board.start();
    initial = await board.snapshot(actorOf(programme));
  });
  afterEach(async () => {
    await board.close();
    await real.close();
    await rm(dir, { recursive: true, force: true });
  });

  function cluster(id: number, label: string, members: number[]) {
    return { id, label, autoLabel: label, override: null, size: members.length, members: members.map((i) => ideas[i]!.id), representative: null };
  }

  async function endorse(idea: Idea, by: Organisation): Promise<Endorsement> {
    const e: Endorsement = { id: newId(), ideaId: idea.id, organisationId: by.id, userId: user.id, message: null, createdAt: T0 };
    await real.createEndorsement(e);
    return e;
  }

  /** Settles the board and checks that its last update has the cards and numbers of a full snapshot; returns the flush's store calls. */
  async function settledLikeSnapshot(): Promise<Map<string, number>> {
    await board.settled();
    const made = new Map(calls);
    const last = updates[updates.length - 1]!;
    const full = await board.snapshot(actorOf(programme));
    const browser = createState(initial);
    for (const u of updates) expect(applyUpdate(browser, u).applied).to.equal(true);
    expect(browser.clusters).to.deep.equal(full.clusters);
    expect(last.changes.numbers).to.deep.equal(full.numbers);
    return made;
  }

  it('when ideas are endorsed and unendorsed, then each update lists neither every endorsement nor every connection, and its cards and numbers are the snapshot\'s', async () => {
    for (const [i, by] of [[0, 2], [3, 0], [7, 1]] as const) {
      calls.clear();
      const e = await endorse(ideas[i]!, orgs[by]!);
      bus.emit('endorsement:created', e, { idea: ideas[i]!, connection: null, newlyConnected: false });
      const made = await settledLikeSnapshot();
      expect(made.get('listEndorsements') ?? 0, 'listEndorsements').to.equal(0);
      expect(made.get('listConnections') ?? 0, 'listConnections').to.equal(0);
      expect(made.get('allOpenIdeas') ?? 0, 'allOpenIdeas').to.equal(0);
      expect(made.get('countPerIdea'), 'countPerIdea (one idea)').to.equal(1);
      expect(updates[updates.length - 1]!.changes.ideas, 'no idea changed on the map').to.deep.equal([]);
      const inCluster = clusters.find((c) => c.members.includes(ideas[i]!.id))?.id;
      expect(updates[updates.length - 1]!.changes.cards!.map((c) => c.id), 'only the card of the endorsed idea\'s cluster, if any').to.deep.equal(inCluster === undefined ? [] : [inCluster]);
    }
    calls.clear();
    const gone = await real.unendorse({ ideaId: ideas[3]!.id, organisationId: orgs[0]!.id, dropConnection: false, notifications: [] });
    bus.emit('endorsement:withdrawn', gone!, { idea: ideas[3]!, connectionEnded: false });
    const made = await settledLikeSnapshot();
    expect(made.get('listEndorsements') ?? 0).to.equal(0);
    expect(updates[updates.length - 1]!.changes.numbers.endorsements).to.equal(3);
  });

  it('when a connection is made without an event (an introduction), then the next update counts it all the same', async () => {
    const [a, b] = orderedPair(orgs[2]!.id, orgs[3]!.id);
    await real.createConnection({ id: newId(), ideaId: ideas[4]!.id, organisationA: a, organisationB: b, via: 'introduction', createdAt: T0 });
    const e = await endorse(ideas[1]!, orgs[3]!);
    bus.emit('endorsement:created', e, { idea: ideas[1]!, connection: null, newlyConnected: false });
    await settledLikeSnapshot();
    expect(updates[updates.length - 1]!.changes.numbers.connections).to.equal(1);
    expect((await board.snapshot(actorOf(programme))).clusters.find((c) => c.id === 2)!.connections).to.equal(1);
  });

  it('when ideas are placed, posted and withdrawn, then the update names just those ideas, and its cards and numbers are the snapshot\'s', async () => {
    const posted = makeIdea(orgs[3]!.id, user.id, { theme: 'democracy' });
    await real.createIdea(posted);
    ideas.push(posted);
    bus.emit('idea:created', posted);
    clusters = [cluster(1, 'afspraken', [0, 1, 2, 8]), cluster(2, 'glas', [3, 4, 6])];
    bus.emit('idea:placed', { ideaId: posted.id, clusterId: 1, x: 0.5, y: -0.5, version: 1 });
    await settledLikeSnapshot();
    expect(updates[updates.length - 1]!.changes.ideas.map((i) => i.id)).to.deep.equal([posted.id]);

    const withdrawn = { ...ideas[3]!, status: 'withdrawn' as const, version: 2 };
    await real.updateIdea(withdrawn.id, { status: 'withdrawn' }, 1, T0);
    clusters = [cluster(1, 'afspraken', [0, 1, 2, 8]), cluster(2, 'glas', [4, 6])];
    bus.emit('idea:updated', withdrawn, ideas[3]!);
    await settledLikeSnapshot();
    const last = updates[updates.length - 1]!;
    expect(last.changes.removed).to.deep.equal([withdrawn.id]);
    expect(last.changes.ideas).to.deep.equal([]);
    expect(last.changes.numbers.ideas).to.equal(8);
  });
});
