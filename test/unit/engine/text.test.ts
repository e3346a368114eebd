import { expect } from 'chai';
import { TextPipeline, termKind } from '../../../server/engine/text.js';
import { domainFactor, domainFit, TERM_CONCEPT, TERM_GENERIC, TERM_WORD } from '../../../server/engine/domain.js';
import { MatchingEngine } from '../../../server/engine/engine.js';

describe('engine text pipeline', () => {
  const text = new TextPipeline({ ngramLanguages: [] });
  // Without the glossary's generic words of the domain: the tests of natural's and our own stop words.
  const plain = new TextPipeline({ ngramLanguages: [], glossary: false });

  it('when Dutch text has diacritics, tokens keep them and are lower-cased', () => {
    expect(text.tokenize('Ideeën voor Digitale Loketten!')).to.deep.equal(['ideeën', 'voor', 'digitale', 'loketten']);
  });

  it('when a text holds links, e-mail addresses, tags or entities, only the words a reader sees remain', () => {
    expect(text.tokenize('Zie https://www.gent.be/meldingen of mail info@gent.be')).to.deep.equal(['zie', 'of', 'mail']);
    expect(text.tokenize('<p>Fietsen &amp; wandelen</p> &lt;b&gt;veilig&lt;/b&gt;')).to.deep.equal(['fietsen', 'wandelen', 'veilig']);
    // Entities that lost their "&" (as in the AG News corpus): " #39;" and " quot;".
    expect(text.tokenize('he doesn #39;t say quot;hi quot;')).to.deep.equal(['he', 'doesn', 'say', 'hi']);
  });

  it('when two ideas share only links, they are not similar', () => {
    const e = new MatchingEngine({ seed: 1 });
    e.addMany([
      { id: 'a', title: 'Speeltuin vernieuwen', description: 'Zie https://www.gent.be/speeltuinen', language: 'nl' },
      { id: 'b', title: 'Belastingaangifte hulp', description: 'Lees https://www.gent.be/belastingen', language: 'nl' },
    ]);
    expect(e.similarTo('a', { k: 5, minScore: 0.01 }).map((h) => h.id)).to.not.include('b');
  });

  it('when French text has elisions, the article is split off', () => {
    expect(text.tokenize("l'application d'une commune qu'il")).to.deep.equal(['application', 'une', 'commune', 'il']);
  });

  it('when a text has numbers and one-letter words, they are dropped', () => {
    expect(text.tokenize('In 2025 a 3 x digitaal')).to.deep.equal(['in', 'digitaal']);
  });

  it('when Dutch stop words occur, only content words remain, stemmed', () => {
    // "maken", "je" and "zitten" say nothing about a topic ("Maak je buurt groen").
    const a = plain.analyse('De medewerkers maken een afspraak voor het loket, zodat je niet lang moet zitten wachten', 'nl');
    expect(a.forms).to.deep.equal(['medewerkers', 'afspraak', 'loket', 'lang', 'wachten']);
    expect(a.terms).to.deep.equal(['medewerker', 'afsprak', 'loket', 'lang', 'wacht']);
  });

  it('when Dutch text says "per" (per sms, per wijk), it is not a shared content word', () => {
    expect(text.analyse('Meldingen per sms per wijk', 'nl').forms).to.deep.equal(['meldingen', 'sms', 'wijk']);
  });

  it('when Dutch text counts in words (één, drie), the numbers are not content words', () => {
    // The demo's loket ideas were labelled "één, aanvragen, loket": 18 of its 68 ideas say "één".
    expect(plain.analyse('Eén loket voor drie aanvragen, in één platform', 'nl').forms).to.deep.equal(['loket', 'aanvragen', 'platform']);
  });

  it('when an idea praises itself in general words (eenvoudige, snelle, kleine, extra), they do not count', () => {
    // The demo board's labels had read "loket, aanvragen, kleine" and "extra, loketbezoek, rijbewijs".
    expect(plain.analyse('Een eenvoudige en snelle app met extra hulp voor kleine en grote gemeenten, beter dan ons eigen loket', 'nl').forms)
      .to.deep.equal(['app', 'hulp', 'loket']);
  });

  it('when an idea says when or how much it wants something (vandaag, graag, willen, nieuwe), those words do not count', () => {
    // The demo's idea page explained four of its five similar ideas with "vandaag" among the shared terms.
    expect(text.analyse('Vandaag moet je bellen: we willen graag een nieuwe afsprakenplanner voor de huidige balie', 'nl').forms)
      .to.deep.equal(['bellen', 'afsprakenplanner', 'balie']);
  });

  it('when French stop words occur, only content words remain, stemmed', () => {
    const a = text.analyse('Les familles prennent rendez-vous pour la carte', 'fr');
    expect(a.forms).to.include.members(['familles', 'carte']);
    expect(a.forms).to.not.include('les');
    expect(a.terms[a.forms.indexOf('familles')]).to.equal('famill');
  });

  it('when English plurals occur, they stem to the singular', () => {
    const a = text.analyse('The neighbours report broken streetlights', 'en');
    expect(a.terms).to.deep.equal(['neighbour', 'report', 'broken', 'streetlight']);
  });

  it('when an idea names its public in general words (inwoners, habitants, residents) or says "waarop" or "haalbaar", those words do not count', () => {
    expect(text.analyse('Inwoners en burgers stemmen over voorstellen, waarop de raad beslist of het haalbaar is', 'nl').forms)
      .to.deep.equal(['stemmen', 'voorstellen', 'raad', 'beslist']);
    expect(text.analyse('Les habitants et les citoyens votent', 'fr').forms).to.deep.equal(['votent']);
    expect(text.analyse('Residents and citizens want to vote', 'en').forms).to.deep.equal(['vote']);
  });

  it('when a domain stop word is configured, it is dropped', () => {
    const custom = new TextPipeline({ domainStopWords: { nl: ['loket'] }, glossary: false });
    expect(custom.analyse('digitaal loket', 'nl').forms).to.deep.equal(['digitaal']);
  });

  it('when ideas of a programme share only the generic words of the domain (digitaal, platform, inwoners, online), they do not match', () => {
    const kindOf = (w: string) => termKind(text.stem(w, 'nl'));
    expect([kindOf('platform'), kindOf('digitaal'), kindOf('afspraak'), termKind('@appointment')]).to.deep.equal([TERM_GENERIC, TERM_GENERIC, TERM_WORD, TERM_CONCEPT]);
    const e = new MatchingEngine();
    e.addMany([
      { id: 'a', title: 'Digitaal platform voor afspraken aan het loket', description: 'Inwoners boeken online een afspraak aan het loket burgerzaken.', language: 'nl' },
      { id: 'b', title: 'Digitaal platform voor sluikstort', description: 'Inwoners melden online sluikstort met een foto en de locatie.', language: 'nl' },
      { id: 'c', title: 'Afsprakenmodule voor het onthaal', description: 'Een tijdslot kiezen voor je identiteitskaart of rijbewijs.', language: 'nl' },
    ]);
    const hits = e.similarTo('a', { k: 5, minScore: 0.01 });
    expect(hits.map((h) => h.id)).to.deep.equal(['c']);
    expect(hits[0]!.terms).to.not.include('digitaal').and.not.include('platform');
  });

  it('when a collection is not of the domain (news), the glossary does not weigh: concepts count for nothing and generic words count in full', () => {
    expect(domainFit(0, 1000)).to.equal(0);
    expect(domainFit(60, 1000)).to.equal(0); // 20 Newsgroups and AG News: 0.05-0.07
    expect(domainFit(150, 1000)).to.be.closeTo(0.5, 1e-12);
    expect(domainFit(300, 1000)).to.equal(1); // a programme's ideas: 0.29-0.32
    expect([domainFactor(TERM_CONCEPT, 0), domainFactor(TERM_GENERIC, 0), domainFactor(TERM_WORD, 0)]).to.deep.equal([0, 1, 1]);
    expect([domainFactor(TERM_CONCEPT, 1), domainFactor(TERM_GENERIC, 1), domainFactor(TERM_WORD, 1)]).to.deep.equal([1, 0, 1]);
  });

  it('when ideas name one thing in different words or languages, they share its glossary concept', () => {
    const concepts = (s: string, l: string) => text.analyse(s, l).concepts;
    // A listed word, a compound the glossary does not list (by its listed first part), a phrase, and the same in fr and en.
    expect(concepts('Een nieuwe afspraak maken', 'nl')).to.include('@appointment');
    expect(concepts('Een afsprakenmodule voor het onthaal', 'nl')).to.include.members(['@appointment', '@counter-desk']);
    expect(concepts('Prise de rendez-vous en ligne au guichet', 'fr')).to.include.members(['@appointment', '@counter-desk']);
    expect(concepts('Online appointment booking at the front desk', 'en')).to.include('@appointment');
    // Concepts stand beside the words: the words themselves stay.
    expect(text.analyse('Een afsprakenmodule', 'nl').forms).to.deep.equal(['afsprakenmodule']);
  });

  it('when the glossary is off, no concepts are emitted', () => {
    const a = plain.analyse('Een digitaal platform voor afspraken', 'nl');
    expect(a.concepts).to.deep.equal([]);
    expect(a.forms).to.deep.equal(['digitaal', 'platform', 'afspraken']);
  });

  it('when a language has no stemmer, words are truncated to a prefix', () => {
    expect(text.analyse('budowa chodnika', 'pl').terms).to.deep.equal(['budowa', 'chodni']);
  });

  it('when a Dutch compound is analysed, its n-grams include those of its parts', () => {
    const nl = new TextPipeline({ glossary: false });
    const compound = new Set(nl.analyse('meldingenplatform', 'nl').ngrams);
    const part = nl.analyse('platform', 'nl').ngrams;
    expect(part.filter((g) => compound.has(g)).length).to.be.greaterThan(2);
  });

  it('when stems are shown, the most frequent written form is used', () => {
    const engine = new MatchingEngine();
    engine.add({ id: 'a', title: 'Meldingen', description: 'meldingen van inwoners', language: 'nl' });
    engine.add({ id: 'b', title: 'Melding', description: 'een melding', language: 'nl' });
    engine.add({ id: 'c', title: 'Meldingen', description: '', language: 'nl' });
    expect(engine.writtenForm('melding')).to.equal('meldingen');
  });

  it('when many distinct words pass (every half-typed word of the idea form does), the stem cache stays bounded and stems stay right', () => {
    const pipeline = new TextPipeline({ ngramLanguages: [] });
    for (let i = 0; i < 200_010; i++) pipeline.stem(`woord${i}x`, 'nl');
    const cache = (pipeline as unknown as { stemCache: Map<string, Map<string, string>> }).stemCache.get('nl')!;
    expect(cache.size).to.be.at.most(200_000);
    expect(pipeline.stem('afspraken', 'nl')).to.equal(new TextPipeline().stem('afspraken', 'nl'));
  });
});
