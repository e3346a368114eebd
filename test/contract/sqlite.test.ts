/**
 * The store contract against the embedded SQLite store (every run), and what only a file can show:
 * reopening, another process writing, migrations, WAL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { createSqliteStore, LATEST_SCHEMA_VERSION } from '../../server/store/sqlite/index.js';
import { runStoreContract } from './store-contract.js';
import { makeIdea, makeOrganisation, makeUser } from '../support/factories.js';

let dir: string;
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.sqlite`);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'medestander-sqlite-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

runStoreContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });

describe('SQLite store: the file', () => {
  it('when the store is closed and the file reopened, then the data is still there and searchable', async () => {
    const file = freshFile();
    const first = createSqliteStore({ file });
    await first.init();
    const org = makeOrganisation();
    const user = makeUser(org.id);
    const idea = makeIdea(org.id, user.id, { title: 'Gedeeld e-loket voor omgevingsvergunningen' });
    await first.upsertOrganisations([org]);
    await first.createUser(user);
    await first.createIdea(idea);
    await first.close();

    const second = createSqliteStore({ file });
    await second.init();
    expect(await second.getOrganisation(org.id)).to.deep.equal(org);
    expect(await second.getUser(user.id)).to.deep.equal(user);
    expect(await second.listIdeas({ q: 'omgevingsvergunning', limit: 10, offset: 0 })).to.deep.equal({ items: [idea], total: 1 });
    await second.close();
  });

  it('when another process writes ideas to the same file, then the list and its total see them at once', async () => {
    const file = freshFile();
    const app = createSqliteStore({ file });
    await app.init();
    const org = makeOrganisation();
    const user = makeUser(org.id);
    await app.upsertOrganisations([org]);
    await app.createUser(user);
    await app.createIdea(makeIdea(org.id, user.id));
    const query = { status: 'open' as const, limit: 10, offset: 0 };
    expect((await app.listIdeas(query)).total).to.equal(1);
    expect((await app.listIdeas(query)).total).to.equal(1); // now from the kept total

    const seeder = createSqliteStore({ file }); // a second connection, as seed:demo would open
    await seeder.init();
    await seeder.createIdea(makeIdea(org.id, user.id));
    await seeder.close();
    const after = await app.listIdeas(query);
    expect(after.total).to.equal(2);
    expect(after.items).to.have.length(2);

    await app.createIdea(makeIdea(org.id, user.id)); // and this connection's own write
    expect((await app.listIdeas(query)).total).to.equal(3);
    await app.close();
  });

  it('when init runs twice, or on a reopened file, then each migration is recorded once', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.init();
    await store.init();
    await store.close();
    const again = createSqliteStore({ file });
    await again.init();
    await again.close();
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    db.close();
    expect(rows.map((r) => r.version)).to.deep.equal(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('when the file has a newer schema than the code knows, then init refuses with a clear error', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.init();
    await store.close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST_SCHEMA_VERSION + 1, 'from the future', new Date().toISOString());
    db.close();
    const newer = createSqliteStore({ file });
    const err = await newer.init().then(() => null, (e: unknown) => e);
    await newer.close();
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.match(/newer than this version of Medestander/);
  });

  it('when the data directory does not exist, then it is created', async () => {
    const file = join(dir, 'nested', 'deeper', 'medestander.sqlite');
    const store = createSqliteStore({ file });
    await store.init();
    expect(await store.ping()).to.equal(true);
    await store.close();
  });

  it('when opened, then the file is in WAL mode with foreign keys on', async () => {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.init();
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    db.close();
  });

  it('when closed, then ping answers false', async () => {
    const store = createSqliteStore({ file: freshFile() });
    await store.init();
    await store.close();
    expect(await store.ping()).to.equal(false);
  });
});
