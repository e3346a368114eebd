import { expect } from 'chai';
import { MatchingEngine } from '../../../server/engine/engine.js';
import { RecomputeWorker } from '../../../server/engine/worker.js';
import { fixture } from './helpers.js';

const all = [...fixture('nl'), ...fixture('fr'), ...fixture('en')];

describe('engine state and worker', () => {
  it('when the state is restored in a new engine, cluster ids, labels, overrides and version carry over', () => {
    const a = new MatchingEngine({ seed: 4 });
    a.addMany(all);
    const first = a.recompute();
    const id = first.clusters[0]!.id;
    a.setLabel(id, 'Eigen naam');
    const saved = JSON.parse(JSON.stringify(a.state()));

    const b = new MatchingEngine({ seed: 4 });
    b.restore(saved);
    b.addMany(all);
    expect(b.clusters().find((c) => c.id === id)!.label).to.equal('Eigen naam');
    const placed = b.add({ id: 'new', title: 'Zwerfvuil melden met foto', description: 'melding van sluikstort', language: 'nl' });
    expect(placed!.clusterId).to.equal(first.items.find((i) => i.id === 'nl-6')!.clusterId);
    const second = b.recompute();
    expect(second.version).to.equal(first.version + 1);
    for (const item of first.items) expect(second.items.find((i) => i.id === item.id)!.clusterId).to.equal(item.clusterId);
    expect(second.clusters.find((c) => c.id === id)!.label).to.equal('Eigen naam');
  });

  it('when the worker is given the documents instead of a snapshot, it gives the same clusters', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const fromDocs = await worker.recompute(e.documents(), e.state());
      const fromSnapshot = await worker.recompute(e.snapshot(), e.state());
      expect(fromDocs.items).to.deep.equal(fromSnapshot.items);
    } finally {
      await worker.close();
    }
  });

  it('when the snapshot is handed over, its arrays move to the worker (empty here) and the result is the same as from a copy', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const copied = await worker.recompute(e.snapshot(), e.state());
      const snapshot = e.snapshot();
      expect(snapshot.raw.byteLength).to.be.greaterThan(0);
      const handed = await worker.recompute(snapshot, e.state(), { handOver: true });
      expect(snapshot.raw.byteLength, 'moved, not copied').to.equal(0);
      expect(snapshot.cols.byteLength).to.equal(0);
      expect(handed.items).to.deep.equal(copied.items);
      expect(handed.model?.points).to.deep.equal(copied.model?.points);
      expect(e.applyResult(handed)).to.equal(true);
    } finally {
      await worker.close();
    }
  });

  it('when the worker thread has exited or was closed, a recompute is refused at once instead of never answering', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const crashed = new RecomputeWorker({ seed: 4 });
    // The thread ends the way a crash ends it, without close(): the client only sees 'exit'.
    const exited = new Promise((resolve) => (crashed as unknown as { worker: import('node:worker_threads').Worker }).worker.once('exit', resolve));
    await (crashed as unknown as { worker: import('node:worker_threads').Worker }).worker.terminate();
    await exited;
    // "At once": settled before the event loop turns, not after the worker would have answered.
    const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'resolved', (err: Error) => err.message), new Promise((r) => setImmediate(() => r('still pending')))]);
    expect(await settled(crashed.recompute(e.snapshot(), e.state()))).to.match(/exited with code/);

    const closed = new RecomputeWorker({ seed: 4 });
    await closed.close();
    expect(await settled(closed.recompute(e.snapshot(), e.state()))).to.match(/closed|exited/);
  });

  it('when a result is older than the engine state, applyResult ignores it', () => {
    const e = new MatchingEngine();
    e.addMany(all);
    const old = e.recompute();
    e.recompute();
    expect(e.applyResult(old)).to.equal(false);
  });

  it('when placing a new idea live, it answers at once with a cluster and map coordinates', () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const r = e.recompute();
    const p = e.add({ id: 'live', title: 'Budget participatif', description: 'voter pour les propositions du quartier', language: 'fr' })!;
    expect(p.clusterId).to.equal(r.items.find((i) => i.id === 'fr-8')!.clusterId);
    expect(Number.isFinite(p.x) && Number.isFinite(p.y)).to.equal(true);
  });

  it('when an idea is edited while a worker computes, applying the result keeps the edited placement', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    e.recompute();
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const pending = worker.recompute(e.snapshot(), e.state());
      e.update({ id: 'nl-1', title: 'Zwerfvuil en sluikstort melden', description: 'melding van zwerfvuil met foto en locatie', organisationId: 'lier', language: 'nl' });
      expect(e.applyResult(await pending)).to.equal(true);
      expect(e.state().assignments['nl-1']).to.equal(e.state().assignments['nl-6']);
    } finally {
      await worker.close();
    }
  });

  it('when a result is adopted in slices, the ideas posted meanwhile are placed as applyResult places them, and one removed between slices is not', async () => {
    const posted = [
      { id: 'p1', title: 'Zwerfvuil melden met foto', description: 'melding van sluikstort in de straat', language: 'nl' },
      { id: 'p2', title: 'Budget participatif', description: 'voter pour les propositions du quartier', language: 'fr' },
      { id: 'p3', title: 'Online stemmen', description: 'stemmen over het burgerbudget', language: 'nl' },
      { id: 'p4', title: 'Report litter with a photo', description: 'litter and fly-tipping reports', language: 'en' },
    ];
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const engines = [new MatchingEngine({ seed: 4 }), new MatchingEngine({ seed: 4 })];
      const results = [];
      for (const e of engines) {
        e.addMany(all);
        e.recompute();
        const pending = worker.recompute(e.snapshot(), e.state());
        for (const d of posted) e.add(d);
        results.push(await pending);
      }
      const [once, sliced] = engines as [MatchingEngine, MatchingEngine];
      expect(once.applyResult(results[0]!)).to.equal(true);

      expect(sliced.adoptResult(results[1]!)).to.equal(true);
      for (const d of posted) expect(sliced.assignments()[d.id], `${d.id} waits`).to.equal(undefined);
      expect(sliced.placePending(0)).to.equal(false); // one idea a slice with no time to spare
      sliced.remove('p4');
      let slices = 1;
      while (!sliced.placePending(0)) slices++;
      expect(slices).to.be.within(2, posted.length);
      once.remove('p4');
      expect(sliced.state().assignments).to.deep.equal(once.state().assignments);
      expect(sliced.clusters().map((c) => [c.id, c.size])).to.deep.equal(once.clusters().map((c) => [c.id, c.size]));
      expect(sliced.assignments().p4).to.equal(undefined);
      expect(sliced.placePending(0), 'nothing left').to.equal(true);
      // The state as saved (stateJson) and as posted to a worker (stateNow) is the state, without the copy.
      expect(sliced.stateJson()).to.equal(JSON.stringify(sliced.state()));
      expect(sliced.stateNow()).to.deep.equal(sliced.state());
    } finally {
      await worker.close();
    }
  });

  it('when the recompute runs in a worker thread, it gives the same result as on the main thread', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const state = e.state();
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const result = await worker.recompute(e.snapshot(), state);
      const local = new MatchingEngine({ seed: 4 });
      local.addMany(all);
      expect(result.items).to.deep.equal(local.recompute().items);
      // The model's two large arrays arrive in shared memory, not as copies (docs/engine.md, "Memory").
      expect(result.model!.points.buffer).to.be.instanceOf(SharedArrayBuffer);
      expect(result.model!.basis.buffer).to.be.instanceOf(SharedArrayBuffer);
      expect(result.model!.points.length).to.equal(result.model!.ids.length * result.model!.dims);
      expect(e.applyResult(result)).to.equal(true);
      // Similar ideas are re-ranked with the shared vectors once the result is applied.
      expect(e.similarTo(all[0]!.id, { k: 1, minScore: 0 })).to.have.length(1);
      expect(e.state().version).to.equal(1);
      e.add({ id: 'after', title: 'Online stemmen', description: 'stemmen over het burgerbudget', language: 'nl' });
      expect(e.state().assignments.after).to.be.a('number');
    } finally {
      await worker.close();
    }
  });

  it('when placing by the saved centroids (after a restart, before a recompute), an idea that shares no clustered word is not placed', () => {
    const a = new MatchingEngine({ seed: 4 });
    a.addMany(all);
    a.recompute();
    const b = new MatchingEngine({ seed: 4 });
    b.restore(JSON.parse(JSON.stringify(a.state())));
    b.addMany(all);
    expect(b.add({ id: 'party', title: '🎉🎉', description: '' })).to.equal(null);
    expect(b.add({ id: 'odd', title: 'Xylofoon quasar', description: 'zwembroek', language: 'nl' })).to.equal(null);
    expect(b.state().assignments.odd).to.equal(undefined);
    expect(b.add({ id: 'real', title: 'Zwerfvuil melden met foto', description: 'melding van sluikstort', language: 'nl' })).to.not.equal(null);
  });

  it('when every idea was removed, a renamed cluster keeps its label but takes no new ideas until the next recompute', () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const r = e.recompute();
    const id = r.clusters[0]!.id;
    e.setLabel(id, 'Mijn label');
    for (const d of all) e.remove(d.id);
    e.recompute();
    expect(e.clusters()).to.deep.equal([]);
    expect(e.state().clusters.find((c) => c.id === id)!.override).to.equal('Mijn label');
    expect(e.add({ id: 'back', title: 'Zwerfvuil melden met foto', description: 'melding van sluikstort', language: 'nl' })).to.equal(null);
  });

  it('when ideas are placed live or removed, clusters() lists members and sizes as they are now', () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    e.recompute();
    const gone = all[0]!.id;
    e.remove(gone);
    const placed = e.add({ id: 'fresh', title: 'Zwerfvuil melden met foto', description: 'melding van sluikstort', language: 'nl' })!;
    const clusters = e.clusters();
    expect(clusters.flatMap((c) => c.members)).to.not.include(gone);
    const home = clusters.find((c) => c.id === placed.clusterId)!;
    expect(home.members).to.include('fresh');
    for (const c of clusters) expect(c.size, `cluster ${c.id}`).to.equal(c.members.length);
    expect(clusters.reduce((n, c) => n + c.size, 0)).to.equal(Object.keys(e.state().assignments).length);
  });

  it('when a saved state lacks fields (an older or hand-made state), restore fills them in, and refuses what is not a state', () => {
    const a = new MatchingEngine({ seed: 4 });
    a.addMany(all);
    a.recompute();
    const full = JSON.parse(JSON.stringify(a.state()));
    const { anchors: _a, nextClusterId: _n, kChosenAt: _k, ...partial } = full;
    partial.clusters = full.clusters.map(({ centroid: _c, ...c }: { centroid: unknown }) => c);
    const b = new MatchingEngine({ seed: 4 });
    b.restore(partial);
    b.addMany(all);
    const highest = Math.max(...full.clusters.map((c: { id: number }) => c.id));
    expect(b.state().nextClusterId).to.equal(highest + 1);
    expect(b.state().kChosenAt).to.equal(0);
    const r = b.recompute();
    expect(r.version).to.equal(full.version + 1);
    expect(r.clusters.every((c) => Number.isInteger(c.id))).to.equal(true);
    expect(() => new MatchingEngine().restore(null as never)).to.throw(/expected an object/);
    expect(() => new MatchingEngine().restore({ clusters: 'x' } as never)).to.throw(/clusters must be an array/);
    expect(() => new MatchingEngine().restore({ version: 'two' } as never)).to.throw(/version must be a number/);
  });

  it('when idea ids are names that plain objects carry ("constructor", "__proto__", "toString"), they are clustered and saved like any other', () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const docs = all.map((d, i) => (i < names.length ? { ...d, id: names[i]! } : d));
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(docs);
    const r = e.recompute();
    const saved = JSON.parse(JSON.stringify(e.state()));
    for (const name of names) {
      expect(r.items.find((i) => i.id === name)!.clusterId, name).to.be.a('number');
      expect(Object.prototype.hasOwnProperty.call(saved.assignments, name), name).to.equal(true);
    }
    const b = new MatchingEngine({ seed: 4 });
    b.restore(saved);
    b.addMany(docs);
    for (const name of names) expect(b.state().assignments[name], name).to.equal(saved.assignments[name]);
  });

  it('when similar ideas are asked for with k = 0 or a negative k, the answer is empty', () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    e.recompute();
    expect(e.similarTo(all[0]!.id, { k: 0 })).to.deep.equal([]);
    expect(e.similarTo(all[0]!.id, { k: -1 })).to.deep.equal([]);
  });
});

describe('engine snapshot in steps', () => {
  it('when ideas were stored in another order, a snapshot in steps (slot order) gives in the worker the clusters of the sorted one', async () => {
    const a = new MatchingEngine({ seed: 4 });
    a.addMany(all);
    const b = new MatchingEngine({ seed: 4 });
    for (const d of [...all].reverse()) b.add(d);
    const steps = b.snapshotSteps(0);
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect(step.value.ids).to.not.deep.equal([...step.value.ids].sort());
    expect(b.snapshot().ids, 'the snapshot at once is sorted').to.deep.equal([...step.value.ids].sort());
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const rb = await worker.recompute(step.value, b.state(), { handOver: true });
      const ra = a.recompute();
      expect(rb.items).to.deep.equal(ra.items);
      expect(rb.clusters.map((c) => c.label)).to.deep.equal(ra.clusters.map((c) => c.label));
    } finally {
      await worker.close();
    }
  });

  it('when ideas are posted and edited between the steps, the snapshot leaves them out and the result is adopted with them placed', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all.slice(0, all.length - 3));
    e.recompute();
    const edited = all[all.length - 4]!;
    const steps = e.snapshotSteps(0);
    let step = steps.next();
    let n = 0;
    while (!step.done) {
      if (++n === 3) e.add(all[all.length - 1]!); // posted meanwhile
      if (n === 5) e.update({ ...edited, title: 'Zwerfvuil melden met foto', description: 'melding van sluikstort in het park' });
      step = steps.next();
    }
    expect(step.value.ids).to.not.include(all[all.length - 1]!.id);
    expect(step.value.ids).to.not.include(edited.id); // stored last: its row was not copied yet at the fifth step
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const result = await worker.recompute(step.value, e.state(), { handOver: true });
      expect(e.applyResult(result)).to.equal(true);
      const assigned = e.assignments();
      expect(assigned[all[all.length - 1]!.id], 'posted meanwhile: placed').to.not.equal(undefined);
      expect(assigned[edited.id], 'edited meanwhile: placed').to.not.equal(undefined);
    } finally {
      await worker.close();
    }
  });
});

describe('engine adopting a result it owns', () => {
  it('when the result is handed over (owned), the engine ends as one that adopted a copy', async () => {
    // Ids that a plain object carries too: the owned assignments must hold them as ordinary keys.
    const odd = ['__proto__', 'constructor'].map((id, i) => ({ ...all[i]!, id }));
    const make = () => { const e = new MatchingEngine({ seed: 4 }); e.addMany([...all.slice(0, 20), ...odd]); return e; };
    const copying = make();
    const owning = make();
    const worker = new RecomputeWorker({ seed: 4 });
    try {
      const result = await worker.recompute(copying.snapshot(), copying.state());
      owning.snapshot(); // as the app does: the result answers this engine's own snapshot
      for (const e of [copying, owning]) e.add(all[20]!); // posted while the worker ran
      const handed = structuredClone(result);
      expect(copying.applyResult(result)).to.equal(true);
      expect(owning.adoptResult(handed, { owned: true })).to.equal(true);
      while (!owning.placePending(1)) { /* in slices */ }
      expect(owning.state()).to.deep.equal(copying.state());
      expect(owning.clusters()).to.deep.equal(copying.clusters());
      expect(owning.assignments()[all[20]!.id]).to.not.equal(undefined);
      for (const { id } of odd) expect(Object.prototype.hasOwnProperty.call(owning.assignments(), id), id).to.equal(true);
      expect(owning.assignments()['__proto__']).to.equal(copying.assignments()['__proto__']);
      expect(typeof owning.assignments()['__proto__']).to.equal('number');
    } finally {
      await worker.close();
    }
  });
});
