/**
 * The board's batching and its wait for another instance's clusters run on the injected Clock: driven
 * here by fake timers over a real SQLite store, so no test waits the two seconds of that wait.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createBoard, type Board, type BoardPeers, type BoardUpdate } from '../../server/domain/board/index.js';
import { DomainBus } from '../../server/domain/events.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Idea, Store } from '../../server/store/store.js';
import { FakeTimers } from '../support/fake-timers.js';
import { makeIdea, makeOrganisation, makeUser, T0 } from '../support/factories.js';

describe('the board on a fake clock', () => {
  let dir: string;
  let store: Store;
  let timers: FakeTimers;
  let bus: DomainBus;
  let board: Board | undefined;
  let ideas: Idea[];
  let updates: BoardUpdate[];
  const matching = { clusters: () => [{ id: 1, label: 'afspraken', members: ideas.map((i) => i.id), representative: null }], version: 1, lastRecompute: null };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-board-clock-'));
    store = createSqliteStore({ file: path.join(dir, 'store.db') });
    await store.init();
    const org = makeOrganisation({ name: 'Lier' });
    await store.upsertOrganisations([org]);
    const user = makeUser(org.id);
    await store.createUser(user);
    ideas = [makeIdea(org.id, user.id), makeIdea(org.id, user.id)];
    for (const idea of ideas) await store.createIdea(idea);
    timers = new FakeTimers();
    bus = new DomainBus();
    updates = [];
    bus.on('board:updated', (u) => updates.push(u));
  });
  afterEach(async () => {
    await board?.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(peers?: BoardPeers): Promise<Board> {
    board = createBoard({ store, clock: timers.clock(Date.parse(T0)), bus, matching, logger: pino({ level: 'silent' }), batchMs: 25, ...(peers ? { peers } : {}) });
    await board.start();
    return board;
  }

  /** Lets the board's store calls and promise chains run (no time passes on the fake clock). */
  async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setImmediate(r));
    expect(condition()).to.equal(true);
  }
  /** Lets every store call and promise chain already started run to its end (the SQLite store answers within a turn). */
  async function idle(): Promise<void> {
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  }

  it('when ideas are placed within the batch time, then nothing goes out before it has passed, and then one update at the clock\'s time', async () => {
    await start();
    bus.emit('idea:placed', { ideaId: ideas[0]!.id, clusterId: 1, x: 0.1, y: 0.2, version: 1 });
    bus.emit('idea:placed', { ideaId: ideas[1]!.id, clusterId: 1, x: 0.3, y: 0.4, version: 1 });
    timers.advance(24);
    await idle();
    expect(updates).to.have.length(0);
    timers.advance(1);
    await until(() => updates.length === 1);
    // They were on the board already: only their positions and cluster go out, in short.
    expect(updates[0]!.changes.ideas).to.deep.equal([]);
    expect(updates[0]!.changes.moved).to.have.deep.members([[ideas[0]!.id, 0.1, 0.2, 1], [ideas[1]!.id, 0.3, 0.4, 1]]);
    expect(updates[0]!.events.map((e) => [e.kind, e.createdAt])).to.deep.equal([['refreshed', new Date(Date.parse(T0) + 25).toISOString()]]);
  });

  it('when another instance wrote events about clusters not here yet, then they are announced once the wait has passed', async () => {
    const told: number[] = [];
    await start({ written: ({ version }) => told.push(version) });
    const [written] = await store.appendBoardEvents([{ kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: T0 }]);
    bus.emit('board:elsewhere', { version: written!.seq, clusters: matching.version + 1 });
    timers.advance(1000);
    await idle();
    expect(updates, 'still waiting for the clusters').to.have.length(0);
    timers.advance(1025);
    await until(() => updates.length === 1);
    expect(updates[0]!.version).to.equal(written!.seq);
    expect(told, 'nothing written here').to.deep.equal([]);
  });
});
