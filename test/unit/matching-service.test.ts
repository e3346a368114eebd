import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { DomainBus } from '../../server/domain/events.js';
import type { ClusterHandle } from '../../server/domain/cluster-news.js';
import { createMatching } from '../../server/domain/matching.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Idea, Store } from '../../server/store/store.js';
import { systemClock } from '../../server/domain/clock.js';
import { T0, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';
import { FakeTimers } from '../support/fake-timers.js';
import { nextTurn, waitFor } from '../support/wait-for.js';

const clock = { ...systemClock, now: () => new Date(T0) };
const TEXTS = [
  ['Online afsprakensysteem voor burgerzaken', 'Inwoners boeken zelf een afspraak aan het loket burgerzaken via de website, met een sms als herinnering.'],
  ['Digitaal afspraken maken aan het loket', 'Burgers plannen online een afspraak voor identiteitskaart en rijbewijs bij de dienst burgerzaken.'],
  ['Sensoren in glascontainers', 'Sensoren meten de vulgraad van glasbollen zodat de ophaling van glas beter gepland wordt.'],
  ['Glasbollen met vulgraadmeting', 'De vulgraad van ondergrondse glascontainers doorgeven zodat de ophaling efficiënter verloopt.'],
  ['Burgerbudget met digitale stemming', 'Inwoners dienen voorstellen in voor hun wijk en stemmen digitaal over het budget.'],
  ['Digitale stemming over het wijkbudget', 'Een platform waarop inwoners stemmen over projecten en het budget van hun wijk.'],
] as const;

describe('matching service (debounce, one recompute at a time, saved state)', () => {
  let dir: string;
  let store: Store;
  const silent = pino({ level: 'silent' });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-matching-unit-'));
    store = createSqliteStore({ file: path.join(dir, 'test.sqlite') });
    await store.init();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function service(debounceMs: number, extra: { workerIdleMs?: number; timers?: FakeTimers } = {}) {
    const bus = new DomainBus();
    const told: { idea: string; members: string[] }[] = [];
    const clusterNews = { joined: (idea: Idea, cluster: ClusterHandle) => { told.push({ idea: idea.id, members: cluster.members().map((m) => m.id) }); } };
    const matching = createMatching({ store, clock, bus, clusterNews, logger: silent, options: { debounceMs, ...extra } });
    const runs: number[] = [];
    bus.on('clusters:recomputed', (e) => runs.push(e.version));
    return { bus, matching, told, runs };
  }
  const ideas = (orgs: string[]) => TEXTS.map(([title, description], i) => makeIdea(orgs[i % orgs.length]!, 'u', { title, description }));
  /** Resolves when the next recompute has ended (a cold worker can take seconds on a busy machine). */
  const recomputeEnded = (bus: DomainBus) => new Promise<void>((resolve) => {
    const on = (e: { running: boolean }) => { if (!e.running) { bus.off('clusters:recomputing', on); resolve(); } };
    bus.on('clusters:recomputing', on);
  });

  it('when many ideas arrive at once, then one recompute runs after the quiet time', async () => {
    const timers = new FakeTimers();
    const { bus, matching, runs } = service(40, { timers });
    await matching.start();
    try {
      const started: boolean[] = [];
      bus.on('clusters:recomputing', (e) => started.push(e.running));
      for (const idea of ideas(['a', 'b'])) bus.emit('idea:created', idea);
      expect(runs).to.deep.equal([]);
      timers.advance(39);
      expect(started, 'nothing before the quiet time is over').to.deep.equal([]);
      const ended = recomputeEnded(bus);
      timers.advance(1);
      await ended;
      await nextTurn(); // a second run, queued or due, would have started by now
      expect(runs).to.deep.equal([1]);
      expect(started).to.deep.equal([true, false]);
      expect(timers.size, 'no other run pending').to.equal(0);
    } finally {
      await matching.close();
    }
  });

  it('when the worker has been idle for its idle time, then it is ended, and the next recompute starts a new one', async () => {
    const timers = new FakeTimers();
    const { bus, matching, runs } = service(20, { workerIdleMs: 50, timers });
    await matching.start();
    try {
      const [first, ...rest] = ideas(['a', 'b']);
      for (const idea of rest) bus.emit('idea:created', idea);
      let ended = recomputeEnded(bus);
      timers.advance(20);
      await ended;
      expect(runs).to.have.length(1);
      expect(matching.workerRunning).to.equal(true);
      await waitFor(() => !matching.workerRunning, { what: 'the idle worker ended' });

      ended = recomputeEnded(bus);
      bus.emit('idea:created', first!);
      timers.advance(20);
      await ended;
      expect(runs).to.have.length(2);
      expect(matching.clusters().flatMap((x) => x.members)).to.include(first!.id);
    } finally {
      await matching.close();
    }
  });

  it('when a recompute is asked for while one runs, then exactly one more runs after it, with the newer ideas', async () => {
    const { bus, matching, runs } = service(60_000);
    await matching.start();
    try {
      const [first, ...rest] = ideas(['a', 'b']);
      for (const idea of rest) bus.emit('idea:created', idea);
      const a = matching.recomputeNow();
      bus.emit('idea:created', first!);
      const b = matching.recomputeNow();
      const c = matching.recomputeNow();
      await Promise.all([a, b, c]);
      expect(runs).to.deep.equal([1, 2]);
      expect(matching.clusterOf(first!.id)).not.to.equal(null);
      expect(matching.clusters().flatMap((x) => x.members)).to.include(first!.id);
    } finally {
      await matching.close();
    }
  });

  it('when an idea joins a cluster of another organisation, then they are told once, not again on every recompute', async () => {
    const { bus, matching, told } = service(60_000);
    await matching.start();
    try {
      for (const idea of ideas(['a', 'b', 'c'])) bus.emit('idea:created', idea);
      await matching.recomputeNow();
      told.length = 0;
      const late = makeIdea('d', 'u', { title: 'Afspraken online boeken bij burgerzaken', description: 'Een online agenda om een afspraak aan het loket burgerzaken te boeken, met sms-herinnering.' });
      bus.emit('idea:created', late); // placed and announced at once, before the next recompute
      expect(told.map((t) => t.idea)).to.deep.equal([late.id]);
      await matching.recomputeNow();
      await matching.recomputeNow();
      expect(told.filter((t) => t.idea === late.id)).to.have.length(1);
    } finally {
      await matching.close();
    }
  });

  it('when an idea is withdrawn, then it leaves the clusters and the similar ideas', async () => {
    const { bus, matching } = service(60_000);
    await matching.start();
    try {
      const list = ideas(['a', 'b']);
      for (const idea of list) bus.emit('idea:created', idea);
      await matching.recomputeNow();
      const target = list[1]!;
      const query = { title: TEXTS[0][0], description: TEXTS[0][1] };
      expect((await matching.similarToText(null, query)).map((s) => s.idea.id)).to.include(target.id);
      // The size each card shows is the cluster's member count, before and after the withdrawal.
      const sizes = () => list.map((i) => matching.clusterOf(i.id)).filter((c) => c !== null)
        .map((c) => [c.size, matching.clusters().find((x) => x.id === c.id)!.members.length]);
      const clusterOfTarget = matching.clusterOf(target.id);
      expect(sizes().every(([shown, counted]) => shown === counted)).to.equal(true);
      bus.emit('idea:updated', { ...target, status: 'withdrawn', version: 2 }, target);
      expect(matching.clusterOf(target.id)).to.equal(null);
      expect(sizes().every(([shown, counted]) => shown === counted)).to.equal(true);
      if (clusterOfTarget) {
        const sibling = list.find((i) => i.id !== target.id && matching.clusterOf(i.id)?.id === clusterOfTarget.id);
        if (sibling) expect(matching.clusterOf(sibling.id)!.size).to.equal(clusterOfTarget.size - 1);
      }
      expect((await matching.similarToText(null, query)).map((s) => s.idea.id)).not.to.include(target.id);
    } finally {
      await matching.close();
    }
  });

  it('when the service starts again on the same store, then cluster ids and a renamed label are back', async () => {
    const orgs = [makeOrganisation(), makeOrganisation(), makeOrganisation()];
    await store.upsertOrganisations(orgs);
    const author = makeUser(orgs[0]!.id);
    await store.createUser(author);
    const list = ideas(orgs.map((o) => o.id)).map((i) => ({ ...i, authorId: author.id }));
    for (const idea of list) await store.createIdea(idea);
    const one = service(60_000);
    await one.matching.start();
    await one.matching.recomputeNow();
    const before = list.map((i) => one.matching.clusterOf(i.id)?.id);
    const cluster = one.matching.clusterOf(list[0]!.id)!;
    expect(await one.matching.setLabel(cluster.id, 'Afspraken')).to.equal(true);
    await one.matching.close();
    const saved = await store.getClusterState();
    expect(saved?.version).to.equal(2); // the recompute, then the label

    const two = service(60_000);
    await two.matching.start();
    try {
      expect(list.map((i) => two.matching.clusterOf(i.id)?.id)).to.deep.equal(before);
      expect(two.matching.clusterOf(list[0]!.id)?.label).to.equal('Afspraken');
    } finally {
      await two.matching.close();
    }
  });
});
