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

  it('when a 100 KB text is one long word before or after an "@", or a run of entities, tags or links, analysing it stays linear', function () {
    // The text is analysed on every keystroke pause of the idea form; a regular expression that
    // backtracks over every start position took 5 s on such a text (seconds, not milliseconds).
    this.timeout(3000);
    const e = new MatchingEngine({ seed: 2 });
    const hostile = ['a'.repeat(100_000) + '@', '@' + 'b'.repeat(100_000), 'a.'.repeat(50_000) + '@x', '&lt;'.repeat(25_000), '<a '.repeat(33_000), 'www.'.repeat(25_000)];
    hostile.forEach((description, i) => e.add({ id: `hostile-${i}`, title: 'Lange tekst', description, language: 'nl' }));
    for (const description of hostile) expect(() => e.similarTo({ title: '', description })).to.not.throw();
  });

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
