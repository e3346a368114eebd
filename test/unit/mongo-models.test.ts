import { expect } from 'chai';
import mongoose from 'mongoose';
import { buildModels, type Models } from '../../models/index.js';
import { LIMITS } from '../../server/domain/ideas.js';
import { ideaDoc } from '../../server/store/mongo/mapping.js';
import { makeIdea } from '../support/factories.js';

/** A connection that never connects: mongoose compiles models and declares indexes without a server. */
describe('MongoDB models (no server needed)', () => {
  let conn: mongoose.Connection;
  let m: Models;

  before(() => {
    conn = mongoose.createConnection();
    m = buildModels(conn);
  });

  after(async () => {
    await conn.close();
  });

  type IndexSpec = [Record<string, unknown>, Record<string, unknown>];
  const indexes = (model: mongoose.Model<never>): IndexSpec[] => model.schema.indexes() as IndexSpec[];
  const uniqueKeys = (model: mongoose.Model<never>): string[][] =>
    indexes(model).filter(([, o]) => o.unique === true).map(([keys]) => Object.keys(keys));

  it('when imported and built, then nothing is registered on the global mongoose instance', () => {
    expect(mongoose.modelNames()).to.deep.equal([]);
    expect(conn.modelNames()).to.include.members(['Organisation', 'User', 'Idea', 'Endorsement', 'Connection', 'Session']);
  });

  it('when built on a second connection, then it works too (no global model name clash)', async () => {
    const other = mongoose.createConnection();
    expect(() => buildModels(other)).to.not.throw();
    await other.close();
  });

  it('then the uniqueness rules of the SQLite schema are unique indexes', () => {
    const as = (x: unknown) => x as mongoose.Model<never>;
    expect(uniqueKeys(as(m.User))).to.deep.equal([['emailKey']]);
    expect(uniqueKeys(as(m.Organisation))).to.deep.equal([['country', 'kind', 'code']]);
    expect(uniqueKeys(as(m.Invitation))).to.deep.equal([['tokenHash']]);
    expect(uniqueKeys(as(m.Endorsement))).to.deep.equal([['ideaId', 'organisationId']]);
    expect(uniqueKeys(as(m.Connection))).to.deep.equal([['ideaId', 'organisationA', 'organisationB', 'via']]);
  });

  it('then every model keys on the domain\'s string id, without __v', () => {
    for (const model of Object.values(m) as mongoose.Model<never>[]) {
      expect(model.schema.path('_id').instance, model.modelName).to.equal('String');
      expect(model.schema.path('__v'), model.modelName).to.equal(undefined);
      expect(model.schema.get('autoIndex'), model.modelName).to.equal(false);
    }
  });

  it('then sessions expire through a TTL index on purgeAt', () => {
    const ttl = indexes(m.Session as unknown as mongoose.Model<never>).find(([keys]) => 'purgeAt' in keys);
    expect(ttl?.[1]).to.include({ expireAfterSeconds: 0 });
  });

  it('then ideas have a text index on title, description and tags without English stemming or per-idea language', () => {
    const text = indexes(m.Idea as unknown as mongoose.Model<never>).find(([keys]) => Object.values(keys).includes('text'));
    expect(text?.[0]).to.deep.equal({ title: 'text', description: 'text', tags: 'text' });
    expect(text?.[1]).to.include({ default_language: 'none' });
    expect(text?.[1].language_override).to.not.equal('language');
  });

  it('when an idea respects the domain limits, then it validates; outside them, the field is named', () => {
    const ok = new m.Idea(ideaDoc(makeIdea('org', 'user', { title: 'x'.repeat(LIMITS.title[1]), tags: ['a'] })));
    expect(ok.validateSync()).to.equal(undefined);
    const cases: [string, Record<string, unknown>][] = [
      ['title', { title: 'abcd' }],
      ['title', { title: 'x'.repeat(LIMITS.title[1] + 1) }],
      ['description', { description: 'x'.repeat(LIMITS.description[0] - 1) }],
      ['description', { description: 'x'.repeat(LIMITS.description[1] + 1) }],
      ['theme', { theme: 'sports' }],
      ['tags', { tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) }],
      ['tags.0', { tags: ['x'.repeat(LIMITS.tag[1] + 1)] }],
      ['status', { status: 'deleted' }],
    ];
    for (const [field, over] of cases) {
      const doc = new m.Idea({ ...ideaDoc(makeIdea('org', 'user')), ...over });
      expect(Object.keys(doc.validateSync()?.errors ?? {}), field).to.include(field);
    }
  });

  it('when an endorsement message is longer than 500 characters, then it does not validate', () => {
    const base = { _id: 'e', ideaId: 'i', organisationId: 'o', userId: 'u', createdAt: '2026-01-15T09:00:00.000Z' };
    expect(new m.Endorsement({ ...base, message: 'x'.repeat(500) }).validateSync()).to.equal(undefined);
    expect(new m.Endorsement({ ...base, message: null }).validateSync()).to.equal(undefined);
    expect(Object.keys(new m.Endorsement({ ...base, message: 'x'.repeat(501) }).validateSync()?.errors ?? {})).to.deep.equal(['message']);
  });

  it('when a connection pair is not ordered, then it does not validate', () => {
    const base = { _id: 'c', ideaId: 'i', via: 'endorsement', createdAt: '2026-01-15T09:00:00.000Z' };
    expect(new m.Connection({ ...base, organisationA: 'a', organisationB: 'b' }).validateSync()).to.equal(undefined);
    expect(new m.Connection({ ...base, organisationA: 'b', organisationB: 'a' }).validateSync()).to.not.equal(undefined);
    expect(new m.Connection({ ...base, organisationA: 'a', organisationB: 'a' }).validateSync()).to.not.equal(undefined);
  });

  it('when notification params are empty, then the document keeps them as an empty object', () => {
    const n = new m.Notification({ _id: 'n', userId: 'u', kind: 'endorsed', params: {}, link: '/x', createdAt: 't', readAt: null });
    expect(n.validateSync()).to.equal(undefined);
    expect(n.toObject().params).to.deep.equal({});
  });
});
