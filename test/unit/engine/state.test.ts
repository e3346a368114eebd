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

  it('when the worker thread has exited or was closed, a recompute is refused at once instead of never answering', async () => {
    const e = new MatchingEngine({ seed: 4 });
    e.addMany(all);
    const crashed = new RecomputeWorker({ seed: 4 });
    // The thread ends the way a crash ends it, without close(): the client only sees 'exit'.
    const exited = new Promise((resolve) => (crashed as unknown as { worker: import('node:worker_threads').Worker }).worker.once('exit', resolve));
    await (crashed as unknown as { worker: import('node:worker_threads').Worker }).worker.terminate();
    await exited;
    const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'resolved', (err: Error) => err.message), new Promise((r) => setTimeout(() => r('still pending'), 2000))]);
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
});
