import { expect } from 'chai';
import { TextPipeline } from '../../../server/engine/text.js';
import { SparseTfIdf } from '../../../server/engine/tfidf.js';
import { InvertedIndex, RowArena } from '../../../server/engine/postings.js';
import { fixture } from './helpers.js';

// The index keeps every idea's terms and weights in shared arrays that grow and are compacted on
// refresh; these tests hold it to what a fresh index built from the surviving ideas would say.

const text = new TextPipeline({});
const ideas = [...fixture('nl'), ...fixture('fr'), ...fixture('en')];

function add(index: SparseTfIdf, id: string, title: string, description: string, language: string): void {
  index.add(id, text.analyse(title, language), text.analyse(description, language));
}

/** A vector by term string, so that indexes that numbered their terms differently compare. */
function byTerm(index: SparseTfIdf, id: string): Map<string, number> {
  const v = index.vectorOf(id);
  expect(v, id).to.not.equal(null);
  return new Map(Array.from(v!.ids, (t, i) => [index.terms[t]!, v!.w[i]!]));
}

/** Enough ideas (variants of the fixtures) to outgrow the first arena several times. */
function variants(n: number): { id: string; title: string; description: string; language: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const idea = ideas[i % ideas.length]!;
    return { id: `v${i}`, title: idea.title, description: `${idea.description} variant${i % 7}`, language: idea.language ?? 'nl' };
  });
}

/** The inverted index: per term, the live ideas and their weights. */
function postingsOf(x: SparseTfIdf): Map<string, string> {
  return new Map(x.terms.map((term, t) => {
    const pairs: string[] = [];
    for (const p of x.postings(t)) {
      for (let j = 0; j < p.docs.length; j++) {
        const id = x.idAt(p.docs[j]!);
        if (id !== null) pairs.push(`${id}:${p.w[j]!.toFixed(6)}`);
      }
    }
    return [term, pairs.sort().join(' ')] as const;
  }).filter(([, pairs]) => pairs !== ''));
}

/** Every idea's vector (by term) and the inverted index equal those of a fresh index of `docs`. */
function expectSameAsFresh(index: SparseTfIdf, docs: Iterable<{ id: string; title: string; description: string; language: string }>): SparseTfIdf {
  const fresh = new SparseTfIdf();
  for (const v of docs) add(fresh, v.id, v.title, v.description, v.language);
  fresh.refresh();
  expect(index.size).to.equal(fresh.size);
  for (let slot = 0; slot < fresh.slotCount; slot++) {
    const id = fresh.idAt(slot)!;
    const a = byTerm(index, id);
    const b = byTerm(fresh, id);
    expect([...a.keys()].sort(), id).to.deep.equal([...b.keys()].sort());
    for (const [term, w] of a) expect(w, `${id} ${term}`).to.be.closeTo(b.get(term)!, 1e-6);
  }
  expect(postingsOf(index)).to.deep.equal(postingsOf(fresh));
  return fresh;
}

describe('engine TF-IDF index', () => {
  it('when the arena grows, earlier ideas keep exactly the vectors they had, and a refresh without removals matches a fresh index', () => {
    const index = new SparseTfIdf({ autoRefreshRatio: 1e9 }); // no refresh: weights stay as first computed
    const first = ideas[0]!;
    add(index, 'first', first.title, first.description, first.language ?? 'nl');
    const before = byTerm(index, 'first');
    for (const v of variants(600)) add(index, v.id, v.title, v.description, v.language);
    expect(index.size).to.equal(601);
    expect(byTerm(index, 'first')).to.deep.equal(before);
    // A refresh without removals keeps every slot and recomputes every weight and posting.
    index.refresh();
    expectSameAsFresh(index, [{ id: 'first', title: first.title, description: first.description, language: first.language ?? 'nl' }, ...variants(600)]);
  });

  it('after adds, edits and removals, every vector, posting, df and export equal those of a fresh index of the survivors', () => {
    const index = new SparseTfIdf(); // refreshes on its own as the collection drifts
    const all = variants(900);
    for (const v of all) add(index, v.id, v.title, v.description, v.language);
    // Edit every third idea (new text under the same id) and remove every fifth.
    const survivors = new Map(all.map((v) => [v.id, v]));
    all.forEach((v, i) => {
      if (i % 3 === 0) {
        const edited = { ...v, description: `${v.description} herwerkt fietsenstalling` };
        add(index, v.id, edited.title, edited.description, edited.language);
        survivors.set(v.id, edited);
      }
      if (i % 5 === 0) {
        expect(index.remove(v.id)).to.equal(true);
        survivors.delete(v.id);
      }
    });
    expect(index.remove('v0')).to.equal(false);
    index.refresh();

    const fresh = expectSameAsFresh(index, survivors.values());
    const dfOf = (x: SparseTfIdf) => new Map(x.terms.map((t, i) => [t, x.df[i]!] as const).filter(([, d]) => d !== 0));
    expect(dfOf(index)).to.deep.equal(dfOf(fresh));
    for (const id of ['v1', 'v2', 'v4']) expect(index.vectorOf(id)).to.not.equal(null);
    expect(index.vectorOf('v5')).to.equal(null);

    // Ideas added after a refresh are found too.
    add(index, 'late', 'Fietsenstalling herwerkt', 'een late fietsenstalling', 'nl');
    const late = index.vectorOf('late')!;
    for (const t of late.ids) expect([...index.postings(t)].some((p) => Array.from(p.docs).some((d) => index.idAt(d) === 'late'))).to.equal(true);

    const exported = (x: SparseTfIdf) => {
      const e = exportAll(x);
      return e.ids.map((id, i) => [id, Array.from(e.cols.subarray(e.offsets[i]!, e.offsets[i + 1]!), (t, j) => `${e.terms[t]}:${e.raw[e.offsets[i]! + j]!.toFixed(5)}`).sort()] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    };
    add(fresh, 'late', 'Fietsenstalling herwerkt', 'een late fietsenstalling', 'nl');
    expect(exported(index)).to.deep.equal(exported(fresh));
  });

  it('when the refresh runs in steps while ideas are added, edited and removed, it ends where a refresh before those changes would have', () => {
    const all = variants(700);
    const build = () => {
      const x = new SparseTfIdf({ autoRefreshRatio: 1e9 });
      for (const v of all) add(x, v.id, v.title, v.description, v.language);
      x.refresh();
      for (let i = 0; i < 700; i += 9) x.remove(`v${i}`); // dead slots: the refresh renumbers
      for (const v of variants(760).slice(700)) add(x, v.id, v.title, v.description, v.language);
      return x;
    };
    // Meanwhile: a new idea, an edited one (removed and added again) and a removed one, in words the collection has.
    const meanwhile = (x: SparseTfIdf) => {
      add(x, 'new', all[3]!.title, `${all[4]!.description} variant2`, all[3]!.language);
      add(x, 'v10', all[10]!.title, `${all[11]!.description} variant5`, all[10]!.language);
      x.remove('v20');
    };
    const atOnce = build();
    atOnce.refresh();
    meanwhile(atOnce);

    const stepped = build();
    const steps = stepped.refreshSteps(0); // no time to spare: a step per idea
    for (let i = 0; i < 100; i++) expect(steps.next().done).to.equal(false);
    // Meanwhile the old index answers, the ideas added land in it, and nothing has been swapped yet.
    expect(stepped.vectorOf('v1')).to.not.equal(null);
    meanwhile(stepped);
    expect(stepped.vectorOf('new')).to.not.equal(null);
    let n = 100;
    while (!steps.next().done) n++;
    expect(n).to.be.greaterThan(500);

    expect(stepped.size).to.equal(atOnce.size);
    expect(stepped.slotCount).to.equal(atOnce.slotCount);
    for (let slot = 0; slot < atOnce.slotCount; slot++) {
      const id = atOnce.idAt(slot);
      expect(stepped.idAt(slot), `slot ${slot}`).to.equal(id);
      if (id === null) continue;
      const a = byTerm(stepped, id);
      const b = byTerm(atOnce, id);
      expect([...a.keys()].sort(), id).to.deep.equal([...b.keys()].sort());
      for (const [term, w] of a) expect(w, `${id} ${term}`).to.be.closeTo(b.get(term)!, 1e-6);
      const v = stepped.vectorOf(id)!;
      expect(stepped.blocksInNorm(v, slot), id).to.deep.equal(atOnce.blocksInNorm(atOnce.vectorOf(id)!, slot));
    }
    expect(postingsOf(stepped)).to.deep.equal(postingsOf(atOnce));
    expect(stepped.vectorOf('v20')).to.equal(null);
    // Changed meanwhile: the next refresh has work to do, and then both are a fresh index of the same ideas.
    stepped.refresh();
    atOnce.refresh();
    expect(postingsOf(stepped)).to.deep.equal(postingsOf(atOnce));
  });

  it('when a refresh runs in steps and a whole refresh happens meanwhile, the steps end without touching the index', () => {
    const x = new SparseTfIdf({ autoRefreshRatio: 1e9 });
    for (const v of variants(300)) add(x, v.id, v.title, v.description, v.language);
    const steps = x.refreshSteps(0);
    steps.next();
    x.refresh();
    const after = postingsOf(x);
    while (!steps.next().done) { /* drained */ }
    expect(postingsOf(x)).to.deep.equal(after);
    expectSameAsFresh(x, variants(300));
    // Nothing changed since: steps have nothing to do.
    expect(x.refreshSteps(0).next().done).to.equal(true);
  });
});

/** exportSteps run to its end at once. */
function exportAll(x: SparseTfIdf, skip: (id: string) => boolean = () => false) {
  const steps = x.exportSteps(Infinity, skip);
  for (;;) { const s = steps.next(); if (s.done) return s.value; }
}

describe('sparse tf-idf: refreshes left to the caller, and the export in steps', () => {
  it('when the collection is larger than syncRefreshUpTo, add leaves a due refresh to the caller; smaller, it refreshes at once', () => {
    const all = variants(120);
    const small = new SparseTfIdf({ syncRefreshUpTo: 1000 });
    const large = new SparseTfIdf({ syncRefreshUpTo: 40 });
    for (const v of all.slice(0, 60)) { add(small, v.id, v.title, v.description, v.language); add(large, v.id, v.title, v.description, v.language); }
    // Both refreshed themselves on the way up to 40 ideas; past it only the small one did.
    expect(small.refreshDue()).to.equal(false);
    expect(large.drift()).to.be.greaterThan(0.25);
    expect(large.refreshDue()).to.equal(true);
    large.refresh();
    expect(large.refreshDue()).to.equal(false);
    const fresh = new SparseTfIdf();
    for (const v of all.slice(0, 60)) add(fresh, v.id, v.title, v.description, v.language);
    fresh.refresh();
    expect(postingsOf(large)).to.deep.equal(postingsOf(fresh));
  });

  it('when ideas are added, edited and removed between the export\'s steps, it holds the collection as it was at the first step, less the ideas skipped', () => {
    const all = variants(300);
    const x = new SparseTfIdf({ autoRefreshRatio: 1e9 });
    for (const v of all) add(x, v.id, v.title, v.description, v.language);
    const before = exportAll(x);
    const rowsOf = (e: ReturnType<typeof exportAll>) => new Map(e.ids.map((id, i) => [id,
      Array.from(e.cols.subarray(e.offsets[i]!, e.offsets[i + 1]!), (t, j) => `${e.terms[t]}:${e.raw[e.offsets[i]! + j]}`).join(' ')]));
    const changed = new Set<string>();
    const steps = x.exportSteps(0, (id) => changed.has(id)); // a step for every idea
    let step = steps.next();
    let n = 0;
    while (!step.done) {
      n++;
      if (n === 10) { add(x, 'new', 'Een gloednieuw woordenboek', 'onbekende woorden zoals zzyzx', 'nl'); changed.add('new'); }
      if (n === 20) { add(x, 'v250', 'Herschreven titel', 'andere woorden zoals qqwerty', 'nl'); changed.add('v250'); } // edited before its row is copied
      if (n === 30) { x.remove('v260'); changed.add('v260'); }
      if (n === 40) { add(x, 'v3', 'Herschreven na kopie', 'nog andere woorden', 'nl'); changed.add('v3'); } // its row was copied before: as it was
      if (n === 50) x.refresh(); // rows move to new slots
      step = steps.next();
    }
    expect(n).to.be.greaterThan(200);
    const e = step.value;
    const was = rowsOf(before);
    const now = rowsOf(e);
    expect([...now.keys()].sort()).to.deep.equal([...was.keys()].filter((id) => id !== 'v250' && id !== 'v260').sort());
    for (const [id, row] of now) expect(row, id).to.equal(was.get(id));
    expect(Array.from(e.df)).to.deep.equal(Array.from(before.df));
    expect(e.terms).to.deep.equal(before.terms);
    expect(Math.max(...e.cols)).to.be.lessThan(e.terms.length);
    expect(e.offsets.length).to.equal(e.ids.length + 1);
    expect(e.offsets[e.ids.length]).to.equal(e.cols.length);
  });
});

describe('inverted index rebuilt in steps', () => {
  it('when the index is rebuilt in steps, it yields along the way and ends as one rebuilt at once', () => {
    const rows = new RowArena(64);
    const nTerms = 50;
    for (let slot = 0; slot < 1000; slot++) {
      const ids = Int32Array.from(new Set(Array.from({ length: 1 + (slot % 9) }, (_, j) => (slot * 7 + j * 13) % nTerms)));
      rows.append(slot, ids, new Float32Array(ids.length).fill(1)).set(Array.from(ids, (t) => (slot + t) / 1000));
    }
    const atOnce = new InvertedIndex();
    atOnce.rebuild(nTerms, 1000, rows);
    const stepped = new InvertedIndex();
    let steps = 0;
    for (const _ of stepped.rebuildSteps(nTerms, 1000, rows, 0)) {
      steps++;
      if (steps === 3) expect(stepped.of(0), 'nothing taken before the last step').to.deep.equal([]);
    }
    expect(steps).to.be.greaterThan(10);
    for (let t = 0; t < nTerms; t++) {
      const [a] = atOnce.of(t);
      const [b] = stepped.of(t);
      expect(Array.from(b!.docs), `term ${t}`).to.deep.equal(Array.from(a!.docs));
      expect(Array.from(b!.w)).to.deep.equal(Array.from(a!.w));
    }
  });
});
