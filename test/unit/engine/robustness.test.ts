import { expect } from 'chai';
import { MatchingEngine } from '../../../server/engine/engine.js';
import { fixture } from './helpers.js';

describe('engine odd input', () => {
  const odd = [
    { id: 'empty', title: '', description: '' },
    { id: 'one-word', title: 'Afsprakenmodule', description: '' },
    { id: 'emoji', title: '🚲🌳🎉', description: '👍👍' },
    { id: 'huge', title: 'Lange tekst', description: 'afspraak loket burgerzaken meldingen zwerfvuil '.repeat(2200) },
    { id: 'mixed', title: 'Online booking / afspraken maken', description: 'Residents book an appointment; les citoyens prennent rendez-vous; inwoners maken een afspraak.' },
  ];

  it('when empty, one-word, emoji-only, 100 KB and mixed-language texts are added, nothing throws and all are clustered', () => {
    expect(odd.find((d) => d.id === 'huge')!.description.length).to.be.greaterThan(100_000);
    const e = new MatchingEngine({ seed: 2 });
    e.addMany(fixture('nl'));
    for (const d of odd) e.add(d);
    const r = e.recompute();
    expect(r.items.map((i) => i.id)).to.include.members(odd.map((d) => d.id));
    for (const d of odd) {
      expect(() => e.similarTo(d.id)).to.not.throw();
      expect(() => e.similarTo({ title: d.title, description: d.description })).to.not.throw();
      expect(e.place(d.id)).to.not.equal(undefined);
    }
    expect(e.similarTo('empty')).to.deep.equal([]);
    const clusterOf = new Map(r.items.map((i) => [i.id, i.clusterId]));
    expect(clusterOf.get('empty')).to.equal(null);
    expect(clusterOf.get('emoji')).to.equal(null);
    expect(clusterOf.get('huge')).to.be.a('number');
    expect(e.similarTo('one-word', { minScore: 0 }).map((h) => h.id)).to.include('nl-1');
    expect(e.languageOf('mixed')).to.be.oneOf(['nl', 'fr', 'en']);
  });

  it('when the collection is empty or holds a single idea, recompute answers without clusters or with one', () => {
    const e = new MatchingEngine();
    expect(e.recompute().clusters).to.deep.equal([]);
    e.add({ id: 'a', title: 'Digitaal loket', description: 'afspraak maken' });
    const r = e.recompute();
    expect(r.items).to.have.length(1);
    expect(r.k).to.be.at.most(1);
  });

  it('when only emoji ideas exist, recompute answers without clusters', () => {
    const e = new MatchingEngine();
    e.add({ id: 'a', title: '🎉', description: '' });
    e.add({ id: 'b', title: '🚲', description: '' });
    const r = e.recompute();
    expect(r.clusters).to.deep.equal([]);
    expect(r.items.map((i) => i.clusterId)).to.deep.equal([null, null]);
  });

  it('when an unknown id is removed or placed, it answers false and null', () => {
    const e = new MatchingEngine();
    expect(e.remove('nope')).to.equal(false);
    expect(e.place('nope')).to.equal(null);
    expect(e.similarTo('nope')).to.deep.equal([]);
  });
});
