import { expect } from 'chai';
import { MatchingEngine } from '../../../server/engine/engine.js';
import { fixture } from './helpers.js';

describe('engine similar ideas', () => {
  it('when two ideas share one of two terms, the cosine is the hand-computed value', () => {
    const e = new MatchingEngine({ ngramLanguages: [], normMinDf: 1, denseWeight: 0 });
    e.add({ id: 'a', title: '', description: 'fiets', language: 'en' });
    e.add({ id: 'b', title: '', description: 'fiets boot', language: 'en' });
    e.add({ id: 'c', title: '', description: 'trein', language: 'en' });
    e.recompute(); // refreshes idf for all three ideas
    // N=3; idf(fiets) = 1 + ln(4/3), idf(boot) = 1 + ln(4/2); tf = 1 everywhere.
    const f = 1 + Math.log(4 / 3);
    const b = 1 + Math.log(4 / 2);
    const expected = f / Math.sqrt(f * f + b * b);
    const [hit] = e.similarTo('a', { k: 5, minScore: 0 });
    expect(hit!.id).to.equal('b');
    expect(hit!.score).to.be.closeTo(expected, 1e-6);
    expect(e.similarTo('c', { minScore: 0 })).to.deep.equal([]);
  });

  it('when an idea is compared with a copy of itself, the score is 1', () => {
    const e = new MatchingEngine();
    e.add({ id: 'a', title: 'Online afsprakenmodule', description: 'afspraak maken aan het loket', language: 'nl' });
    e.add({ id: 'b', title: 'Online afsprakenmodule', description: 'afspraak maken aan het loket', language: 'nl' });
    e.add({ id: 'c', title: 'Zwerfvuil melden', description: 'meldingen van sluikstort', language: 'nl' });
    expect(e.similarTo('a')[0]).to.include({ id: 'b' });
    expect(e.similarTo('a')[0]!.score).to.be.closeTo(1, 1e-6);
  });

  it('when searching from a stored Dutch idea, the ideas of the same topic come first with shared terms in written form', () => {
    const e = new MatchingEngine();
    e.addMany(fixture('nl'));
    const hits = e.similarTo('nl-5', { k: 3 });
    expect(hits.map((h) => h.id)).to.have.members(['nl-6', 'nl-7', 'nl-8']);
    expect(hits[0]!.terms.length).to.be.greaterThan(0);
    expect(hits.flatMap((h) => h.terms)).to.include('zwerfvuil');
  });

  it('when our organisation is excluded, none of its ideas come back', () => {
    const e = new MatchingEngine();
    e.addMany(fixture('nl'));
    const hits = e.similarTo('nl-1', { k: 20, minScore: 0, excludeOrganisationId: 'lier' });
    expect(hits.length).to.be.greaterThan(0);
    expect(hits.every((h) => !['nl-1', 'nl-5', 'nl-9'].includes(h.id))).to.equal(true);
  });

  it('when a minimum score is set, weaker hits are left out', () => {
    const e = new MatchingEngine();
    e.addMany(fixture('en'));
    e.recompute(); // scores are then blended with the reduced vectors; the minimum still holds
    const all = e.similarTo('en-1', { k: 20, minScore: 0 });
    expect(all.length).to.be.greaterThan(1);
    const cut = (all[0]!.score + all[all.length - 1]!.score) / 2;
    const strong = e.similarTo('en-1', { k: 20, minScore: cut });
    expect(strong.length).to.be.lessThan(all.length);
    expect(strong.every((h) => h.score >= cut)).to.equal(true);
  });

  it('when unsaved French text is typed, similar stored ideas are found without storing it', () => {
    const e = new MatchingEngine();
    e.addMany(fixture('fr'));
    const hits = e.similarTo({ title: 'Signaler les déchets', description: 'photo et localisation des dépôts clandestins' }, { k: 3 });
    expect(hits.map((h) => h.id)).to.have.members(['fr-4', 'fr-5', 'fr-6']);
    expect(e.size).to.equal(9);
  });

  it('when a Dutch compound is typed, ideas with its parts are found', () => {
    const e = new MatchingEngine();
    e.add({ id: 'a', title: 'Platform voor meldingen', description: 'een platform om meldingen te doen', language: 'nl' });
    e.add({ id: 'b', title: 'Bibliotheek', description: 'boeken uitlenen', language: 'nl' });
    const hits = e.similarTo({ title: 'Meldingenplatform', description: '', language: 'nl' }, { minScore: 0 });
    expect(hits.map((h) => h.id)).to.deep.equal(['a']);
  });

  it('when clusters exist, similar ideas are re-ranked with the reduced vectors and keep their shared terms', () => {
    const e = new MatchingEngine({ seed: 1 });
    e.addMany(fixture('nl'));
    e.recompute();
    const hits = e.similarTo('nl-9', { k: 3 });
    expect(hits.map((h) => h.id)).to.have.members(['nl-10', 'nl-11', 'nl-12']);
    expect(hits.every((h) => h.score > 0 && h.score <= 1 && h.terms.length > 0)).to.equal(true);
    expect(hits.map((h) => h.score)).to.deep.equal([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('when an idea is updated or removed, the index follows at once', () => {
    const e = new MatchingEngine();
    e.addMany(fixture('en'));
    e.update({ id: 'en-9', title: 'Book a registry appointment', description: 'book an appointment online at the registry desk', organisationId: 'ely' });
    expect(e.similarTo('en-1', { k: 3 }).map((h) => h.id)).to.include('en-9');
    e.remove('en-2');
    expect(e.similarTo('en-1', { k: 20, minScore: 0 }).map((h) => h.id)).to.not.include('en-2');
  });

  it('when a typed text shares a word that only one idea has, that word counts in both norms: the hand-computed cosine', () => {
    const e = new MatchingEngine({ ngramLanguages: [], denseWeight: 0 });
    e.add({ id: 'a', title: '', description: 'fiets boot', language: 'en' });
    e.add({ id: 'b', title: '', description: 'fiets trein', language: 'en' });
    e.add({ id: 'c', title: '', description: 'auto', language: 'en' });
    e.refreshIndex();
    // N = 3; "boot" is in one idea, so out of a's norm and out of the typed text's: a = (1, b/f), q = (1, b/F).
    const f = 1 + Math.log(4 / 3);
    const b = 1 + Math.log(4 / 2);
    const F = f * (1 + Math.log(2)); // "fiets" typed twice: sub-linear tf
    const expected = (1 + (b * b) / (f * F)) / Math.sqrt((1 + (b * b) / (F * F)) * (1 + (b * b) / (f * f)));
    const hit = e.similarTo({ title: '', description: 'fiets fiets boot', language: 'en' }, { minScore: 0 }).find((h) => h.id === 'a')!;
    expect(hit.score).to.be.closeTo(expected, 1e-6);
    expect(expected).to.be.below(1);
  });

  it('when a typed text shares several words that only one idea has, its score is a cosine below 1, not cut at 1', () => {
    const e = new MatchingEngine({ denseWeight: 0 });
    e.addMany(fixture('nl'));
    e.add({ id: 'stalling', title: 'Overdekte fietsenstalling met camera', description: 'verlichting, oplaadpunten en een afspraak', language: 'nl' });
    e.refreshIndex();
    const typed = { title: 'Afspraak', description: 'camera verlichting overdekte oplaadpunten', language: 'nl' };
    const hits = e.similarTo(typed, { minScore: 0 });
    expect(hits[0]!.id).to.equal('stalling');
    // Not the same text (no "fietsenstalling"), so not 1; every score a cosine.
    expect(hits[0]!.score).to.be.below(0.99);
    for (const h of hits) expect(h.score, h.id).to.be.within(0, 1);
  });

  it('when a new idea shares words that one stored idea had alone, their score stays a cosine before the index is refreshed', () => {
    const e = new MatchingEngine({ denseWeight: 0 });
    e.addMany(fixture('nl'));
    e.add({ id: 'a', title: 'Overdekte fietsenstalling met camera', description: 'verlichting, oplaadpunten en een afspraak', language: 'nl' });
    e.refreshIndex();
    e.add({ id: 'b', title: 'Camera en verlichting', description: 'overdekte oplaadpunten bij het station, afspraak loket', language: 'nl' });
    const [hit] = e.similarTo('b', { minScore: 0 });
    expect(hit!.id).to.equal('a');
    expect(hit!.score).to.be.below(0.99);
  });
});
