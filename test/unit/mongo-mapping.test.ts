import { expect } from 'chai';
import { loadConfig } from '../../server/config.js';
import { createStore, describeStore } from '../../server/store/index.js';
import { conflictAs, isDuplicateKey } from '../../server/store/mongo/conflicts.js';
import { createMongoStore } from '../../server/store/mongo/index.js';
import {
  connectionDoc, ideaDoc, notificationDoc, sessionFields, toIdea, toNotification, toSession, toUser, userDoc,
} from '../../server/store/mongo/mapping.js';
import { withTimeout } from '../../server/store/mongo/mongo-store.js';
import { escapeRegex, foldText, searchPatterns, searchTextOf, searchWords } from '../../server/store/mongo/search.js';
import { databaseNameOf, maskMongoUri } from '../../server/store/mongo/uri.js';
import { StoreConflictError, type Idea } from '../../server/store/store.js';
import { T0, at, makeIdea, makeUser } from '../support/factories.js';

/** What MongoDB does with the patterns, done here with JavaScript regexes (the same syntax for these). */
function matches(idea: Idea, q: string): boolean {
  const patterns = searchPatterns(q);
  if (patterns === null) return true;
  const lines = searchTextOf(idea);
  return patterns.every((p) => lines.some((line) => new RegExp(p, 'u').test(line)));
}

const HOSTILE = ['"', '*', 'OR', 'AND', 'NOT', ')', '(', '(loket', 'loket)', '"loket', 'loket*', '^loket', '-', 'e-', ':',
  'NEAR(', '""', "'", '\\', '%', '_', '{title}: x', '   ', '\u0000', '.*', '(?:x)', '$where', '[a-z]+', 'a|b', '\\d{3}', '/x/i'];

describe('MongoDB store: search helpers', () => {
  it('when folding text, then case and diacritics go and letters stay', () => {
    expect(foldText('Praatcafé')).to.equal('praatcafe');
    expect(foldText('RÉSERVATION du Café')).to.equal('reservation du cafe');
    expect(foldText('Ça GÉNÈRE één')).to.equal('ca genere een');
  });

  it('when splitting words, then punctuation separates them like the FTS5 tokenizer', () => {
    expect(searchWords('e-loket, "E.loket" (OCMW-samenwerking)!')).to.deep.equal(['e', 'loket', 'e', 'loket', 'ocmw', 'samenwerking']);
    expect(searchWords('*")(')).to.deep.equal([]);
  });

  it('when an idea is indexed, then each field (title, description, every tag) is its own line', () => {
    expect(searchTextOf({ title: 'Een e-loket', description: 'Voor álle aanvragen.', tags: ['Vrijwilligerswerk', 'OCMW-samenwerking'] }))
      .to.deep.equal(['een e loket', 'voor alle aanvragen', 'vrijwilligerswerk', 'ocmw samenwerking']);
  });

  it('when escaping, then every regex metacharacter is literal', () => {
    const nasty = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q';
    const re = new RegExp(`^${escapeRegex(nasty)}$`, 'u');
    expect(re.test(nasty)).to.equal(true);
    expect(re.test('aXb*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q')).to.equal(false);
  });

  for (const hostile of HOSTILE) {
    it(`when the search is ${JSON.stringify(hostile)}, then the patterns are valid and hold only escaped words`, () => {
      const patterns = searchPatterns(hostile);
      for (const p of patterns ?? []) {
        expect(() => new RegExp(p, 'u')).to.not.throw();
        const body = p.replace(/^\(\?:\^\| \)/, '').replace(/\(\?: \|\$\)$/, '');
        expect(body).to.match(/^[\p{L}\p{N} ]+$/u);
      }
    });
  }

  it('when the search holds nothing searchable, then there are no patterns (the search is ignored)', () => {
    for (const q of ['', '   ', '*', '"")(', '\u0000', '-']) expect(searchPatterns(q), q).to.equal(null);
  });

  it('when the search has more than 16 words, then only the first 16 count', () => {
    expect(searchPatterns(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).to.have.length(16);
  });

  describe('answers the same as the SQLite search (the contract cases, matched in memory)', () => {
    const idea = (over: Partial<Idea>) => makeIdea('org', 'user', over);
    const loket = idea({ title: 'Een e-loket voor alle aanvragen' });
    const beleid = idea({ title: 'Beleidsplan digitaal opvolgen', description: 'Het meerjarenbeleid van de gemeente transparant maken voor inwoners.' });
    const cafe = idea({ title: 'Praatcafé over digitale inclusie' });
    const tagged = idea({ title: 'Registratie van vrijwilligers', tags: ['Vrijwilligerswerk', 'OCMW-samenwerking'] });
    const other = idea({ title: 'Slimme verlichting op het plein', description: 'Sensoren sturen de straatverlichting en de afvalophaling aan.' });
    const french = idea({ title: 'Réservation du café communal' });
    const all = { loket, beleid, cafe, tagged, other, french };
    const found = (q: string): string[] => Object.entries(all).filter(([, i]) => matches(i, q)).map(([name]) => name);

    it('when searching words of title, description or tags, in any case', () => {
      expect(found('verlichting')).to.deep.equal(['other']);
      expect(found('AFVALOPHALING')).to.deep.equal(['other']);
      expect(found('vrijwilligerswerk')).to.deep.equal(['tagged']);
      expect(found('ocmw-samenwerking')).to.deep.equal(['tagged']);
    });

    it('when searching "e-loket", "E loket", "e.loket" or "\\"e-loket\\"", then the same idea', () => {
      for (const q of ['e-loket', 'E loket', 'e.loket', '"e-loket"']) expect(found(q), q).to.deep.equal(['loket']);
    });

    it('when the last word is a prefix it matches, other words only whole', () => {
      expect(found('beleid')).to.deep.equal(['beleid']);
      expect(found('digitaal opvol')).to.deep.equal(['beleid']);
      expect(found('beleid plan')).to.deep.equal([]);
      expect(found('beleidsplan digitaal')).to.deep.equal(['beleid']);
      expect(found('digita')).to.deep.equal(['beleid', 'cafe']);
    });

    it('when diacritics differ between query and text, then they still match', () => {
      for (const q of ['praatcafé', 'praatcafe', 'PRAATCAFÉ', 'inclusie praatcafe']) expect(found(q), q).to.deep.equal(['cafe']);
      expect(found('reservation cafe')).to.deep.equal(['french']);
      expect(found('réservation café')).to.deep.equal(['french']);
    });

    it('when FTS operators or punctuation are typed, then they are plain words or separators', () => {
      expect(found('loket OR verlichting')).to.deep.equal([]);
      expect(found('NOT loket')).to.deep.equal([]);
      expect(found('title:loket')).to.deep.equal([]);
      for (const q of ['loket', '"loket"', 'loket*', '(loket)', 'loket!', '«loket»', 'loket,']) expect(found(q), q).to.deep.equal(['loket']);
    });
  });
});

describe('MongoDB store: documents and records', () => {
  it('when an idea goes to a document and comes back, then the record is the same and _id, __v and searchText are gone', () => {
    const idea = makeIdea('org', 'user', { tags: ['café'], contact: { name: 'An', email: 'an@mol.be', phone: '+32 14 00 00 00' } });
    const doc = ideaDoc(idea);
    expect(doc._id).to.equal(idea.id);
    expect(doc.searchText).to.include('cafe');
    const back = toIdea({ ...doc, __v: 0 } as typeof doc);
    expect(back).to.deep.equal(idea);
    expect(back).to.not.have.any.keys('_id', '__v', 'searchText');
  });

  it('when the record is read back, then its arrays are copies, not the document\'s', () => {
    const doc = ideaDoc(makeIdea('org', 'user', { tags: ['a'] }));
    const back = toIdea(doc);
    back.tags.push('b');
    back.contact.name = 'changed';
    expect(doc.tags).to.deep.equal(['a']);
    expect(doc.contact.name).to.not.equal('changed');
  });

  it('when optional fields are missing from a document, then the record has null', () => {
    const user = makeUser(null);
    const { phone, passwordHash, organisationId, ...rest } = userDoc(user);
    void phone; void passwordHash; void organisationId;
    expect(toUser(rest)).to.deep.equal({ ...user, phone: null, passwordHash: null, organisationId: null });
  });

  it('when a user is stored, then emailKey is the trimmed, lower-cased e-mail and email stays as given', () => {
    const doc = userDoc(makeUser(null, { email: ' An.Peeters@MOL.be' }));
    expect(doc.emailKey).to.equal('an.peeters@mol.be');
    expect(doc.email).to.equal(' An.Peeters@MOL.be');
  });

  it('when a session is stored, then purgeAt is expiresAt as a Date for the TTL index, and it reads back without it', () => {
    const session = { sid: 's1', userId: null, data: '{}', expiresAt: at(60) };
    const fields = sessionFields(session);
    expect(fields.purgeAt).to.be.instanceOf(Date);
    expect(fields.purgeAt.toISOString()).to.equal(at(60));
    expect(toSession({ _id: 's1', ...fields })).to.deep.equal(session);
  });

  it('when a notification comes back, then params is a copy and empty params stay an object', () => {
    const n = { id: 'n1', userId: 'u', kind: 'endorsed' as const, params: {}, link: '/x', createdAt: T0, readAt: null };
    const doc = notificationDoc(n);
    expect(toNotification(doc)).to.deep.equal(n);
    const { params, ...noParams } = doc;
    void params;
    expect(toNotification(noParams).params).to.deep.equal({});
  });

  it('when a connection is mapped, then the pair is kept as given (the adapter orders it before)', () => {
    const c = { id: 'c', ideaId: 'i', organisationA: 'a', organisationB: 'b', via: 'endorsement' as const, createdAt: T0 };
    expect(connectionDoc(c)).to.deep.equal({ _id: 'c', ideaId: 'i', organisationA: 'a', organisationB: 'b', via: 'endorsement', createdAt: T0 });
  });
});

describe('MongoDB store: errors, URIs, lifecycle without a server', () => {
  it('when the driver reports a duplicate key (directly or in a bulk write), then it is recognised', () => {
    expect(isDuplicateKey({ code: 11000 })).to.equal(true);
    expect(isDuplicateKey({ code: 11000, writeErrors: [{ code: 11000 }] })).to.equal(true);
    expect(isDuplicateKey({ writeErrors: [{ code: 11000 }] })).to.equal(true);
    expect(isDuplicateKey({ cause: { code: 11000 } })).to.equal(true);
    expect(isDuplicateKey({ code: 112 })).to.equal(false);
    expect(isDuplicateKey(new Error('x'))).to.equal(false);
    expect(isDuplicateKey(null)).to.equal(false);
  });

  it('when a write hits a duplicate key, then conflictAs throws StoreConflictError with what; other errors pass through', async () => {
    const dup = await conflictAs('endorsement', () => Promise.reject(Object.assign(new Error('E11000'), { code: 11000 }))).then(() => null, (e: unknown) => e);
    expect(dup).to.be.instanceOf(StoreConflictError);
    expect((dup as StoreConflictError).what).to.equal('endorsement');
    const other = new Error('network');
    expect(await conflictAs('idea', () => Promise.reject(other)).then(() => null, (e: unknown) => e)).to.equal(other);
  });

  it('when picking the database, then an explicit name wins, then the URI path, then "medestander"', () => {
    expect(databaseNameOf('mongodb://h:27017/prod', 'other')).to.equal('other');
    expect(databaseNameOf('mongodb://u:p@h1:27017,h2:27017/prod?replicaSet=rs0')).to.equal('prod');
    expect(databaseNameOf('mongodb+srv://cluster.example.net/?retryWrites=true')).to.equal('medestander');
    expect(databaseNameOf('mongodb://h:27017')).to.equal('medestander');
  });

  it('when a URI is logged, then its password is masked and the rest stays readable', () => {
    expect(maskMongoUri('mongodb://app:s3cr%40t@h1:27017,h2:27017/db?replicaSet=rs0'))
      .to.equal('mongodb://app:***@h1:27017,h2:27017/db?replicaSet=rs0');
    expect(maskMongoUri('mongodb+srv://app:p/w?x@cluster.example.net/db')).to.not.include('p/w');
    expect(maskMongoUri('mongodb://h:27017/db')).to.equal('mongodb://h:27017/db');
  });

  it('when a promise is slower than the timeout, then withTimeout rejects; a quick one resolves', async () => {
    expect(await withTimeout(Promise.resolve(1), 50)).to.equal(1);
    const slow = new Promise(() => {}); // never answers
    expect(await withTimeout(slow, 20).then(() => null, (e: unknown) => e)).to.be.instanceOf(Error);
    let failLate!: (err: Error) => void;
    const failingLater = new Promise((_, reject) => { failLate = reject; });
    await withTimeout(failingLater, 10).catch(() => {});
    // The late rejection must not be unhandled: reject it now, and look once Node has checked (before the next turn).
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      failLate(new Error('late failure'));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).to.deep.equal([]);
  });

  it('when the store was never opened (or is closed), then ping answers false without throwing', async () => {
    const store = createMongoStore({ uri: 'mongodb://127.0.0.1:1/x' });
    expect(await store.ping()).to.equal(false);
    await store.close();
    expect(await store.ping()).to.equal(false);
  });

  it('when a lookup key is an operator object instead of a string, then it is refused before reaching the server', async () => {
    const store = createMongoStore({ uri: 'mongodb://127.0.0.1:1/x' });
    const injected = { $ne: null } as unknown as string;
    for (const call of [
      () => store.getInvitationByTokenHash(injected),
      () => store.getSession(injected, T0),
      () => store.getUser(injected),
      () => store.getIdea(injected),
      () => store.getOrganisation(injected),
    ]) {
      expect(await call().then(() => null, (e: unknown) => (e as Error).name)).to.equal('CastError');
    }
    await store.close();
  });

  it('when MONGODB_URI is set, then createStore picks MongoDB and describeStore masks the password; else SQLite', async () => {
    const mongoConfig = { mongodbUri: 'mongodb://app:secret@127.0.0.1:1/x', sqliteFile: ':memory:' };
    const mongo = await createStore(mongoConfig);
    expect(await mongo.ping()).to.equal(false); // not connected: it is not the SQLite file
    await mongo.close();
    expect(describeStore(mongoConfig)).to.equal('mongodb mongodb://app:***@127.0.0.1:1/x');
    const sqlite = await createStore({ mongodbUri: undefined, sqliteFile: ':memory:' });
    await sqlite.init();
    expect(await sqlite.ping()).to.equal(true);
    await sqlite.close();
  });

  it('when MONGODB_URI is read from the settings, then replica-set URIs pass, other schemes are refused, unset is undefined', () => {
    const rs = 'mongodb://app:pw@db1:27017,db2:27017,db3:27017/medestander?replicaSet=rs0&w=majority';
    expect(loadConfig({ MONGODB_URI: rs }).mongodbUri).to.equal(rs);
    expect(loadConfig({ MONGODB_URI: 'mongodb+srv://cluster.example.net/medestander' }).mongodbUri).to.equal('mongodb+srv://cluster.example.net/medestander');
    expect(loadConfig({}).mongodbUri).to.equal(undefined);
    expect(() => loadConfig({ MONGODB_URI: 'postgres://h/db' })).to.throw(/MONGODB_URI/);
    expect(() => loadConfig({ MONGODB_URI: 'postgres://u:topsecret@h/db' })).to.throw().with.property('message').that.does.not.include('topsecret');
  });
});
