/**
 * The store contract against the embedded SQLite store (every run), in-process and on its own thread
 * as the app runs it, and what only a file can show: reopening, another process writing, migrations,
 * WAL; and what only the thread can show: errors that cross it, a closed thread, an idle thread that
 * does not keep the process alive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { createSqliteReader, createSqliteStore, createSqliteThreadStore, LATEST_SCHEMA_VERSION } from '../../server/store/sqlite/index.js';
import { COUNT_IDEAS_BY_CALL } from '../../server/store/sqlite/board.js';
import { LATEST_GROUPED_NOTIFICATION } from '../../server/store/sqlite/notifications.js';
import { StoreConflictError, StoreVersionError } from '../../server/store/store.js';
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
runStoreContract({ name: 'SQLite on its own thread', create: () => createSqliteThreadStore({ file: freshFile() }) });

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

  it('when another connection adds an organisation, then the kept list of organisations sees it at once', async () => {
    const file = freshFile();
    const app = createSqliteStore({ file });
    await app.init();
    await app.upsertOrganisations([makeOrganisation({ name: 'Aalst' })]);
    expect((await app.listOrganisations()).map((o) => o.name)).to.deep.equal(['Aalst']);
    expect((await app.listOrganisations()).map((o) => o.name)).to.deep.equal(['Aalst']); // now from the kept list
    const other = createSqliteStore({ file }); // the store's writing thread, or seed:demo, is another connection
    await other.upsertOrganisations([makeOrganisation({ name: 'Zemst' })]);
    await other.close();
    expect((await app.listOrganisations()).map((o) => o.name)).to.deep.equal(['Aalst', 'Zemst']);
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

  /** SQLite's query plan for `sql` on a freshly migrated file (no statistics: as a new store has it). */
  async function planOf(sql: string, ...params: unknown[]): Promise<string[]> {
    const file = freshFile();
    const store = createSqliteStore({ file });
    await store.init();
    await store.close();
    const db = new Database(file, { readonly: true });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    db.close();
    return plan;
  }

  it('when the board counts the ideas per call, then SQLite reads the index alone, grouped by call, not every idea\'s row', async () => {
    const plan = await planOf(COUNT_IDEAS_BY_CALL);
    expect(plan[0]).to.match(/USING COVERING INDEX ideas_per_call/);
    expect(plan.join(' | ')).not.to.match(/TEMP B-TREE/);
  });

  it('when the cluster news looks up the latest notice of a user and cluster, then it reads the index of those two keys, not every notice of the user', async () => {
    const plan = await planOf(LATEST_GROUPED_NOTIFICATION, 'u', 'cluster:1');
    expect(plan[0]).to.match(/USING INDEX notifications_group \(user_id=\? AND group_key=\?\)/);
    expect(plan.join(' | ')).not.to.match(/TEMP B-TREE/);
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

describe('SQLite store on its own thread', () => {
  /** A new store on its thread, with one organisation and one member. */
  async function threadStoreWithMember() {
    const store = await createSqliteThreadStore({ file: freshFile() });
    await store.init();
    const org = makeOrganisation();
    const user = makeUser(org.id);
    await store.upsertOrganisations([org]);
    await store.createUser(user);
    return { store, org, user };
  }

  it('when a call fails in the thread, then the port\'s own errors arrive as their classes, with their fields', async () => {
    const { store, org, user } = await threadStoreWithMember();
    const conflict = await store.createUser({ ...makeUser(org.id), email: user.email }).then(() => null, (e: unknown) => e);
    expect(conflict).to.be.instanceOf(StoreConflictError);
    expect((conflict as StoreConflictError).what).to.equal('email');
    expect((conflict as Error).stack).to.contain('(in the SQLite thread)');

    const idea = makeIdea(org.id, user.id);
    await store.createIdea(idea);
    const stale = await store.updateIdea(idea.id, { title: 'Een nieuwe titel' }, idea.version + 5, new Date().toISOString()).then(() => null, (e: unknown) => e);
    expect(stale).to.be.instanceOf(StoreVersionError);
    expect((stale as StoreVersionError).currentVersion).to.equal(idea.version);
    await store.close();
  });

  it('when a call resolves, then its write is committed: another connection reads it at once', async () => {
    const file = freshFile();
    const store = await createSqliteThreadStore({ file });
    await store.init();
    const org = makeOrganisation();
    await store.upsertOrganisations([org]);
    const db = new Database(file, { readonly: true });
    const row = db.prepare('SELECT id FROM organisations WHERE id = ?').get(org.id) as { id: string } | undefined;
    db.close();
    expect(row?.id).to.equal(org.id);
    await store.close();
  });

  it('when calls are made without waiting, then they are answered in the order they were made', async () => {
    const { store, org, user } = await threadStoreWithMember();
    const ideas = Array.from({ length: 20 }, (_, i) => makeIdea(org.id, user.id, { title: `Idee nummer ${i}` }));
    const order: number[] = [];
    await Promise.all(ideas.map((idea, i) => store.createIdea(idea).then(() => order.push(i))));
    expect(order).to.deep.equal(ideas.map((_, i) => i));
    expect((await store.listIdeas({ limit: 50, offset: 0 })).total).to.equal(20);
    await store.close();
  });

  it('when a read follows a write that was not awaited, then the read sees the write (reads run here, writes in the thread)', async () => {
    const { store, org, user } = await threadStoreWithMember();
    for (let i = 0; i < 10; i++) {
      const idea = makeIdea(org.id, user.id, { title: `Idee ${i} zonder wachten` });
      void store.createIdea(idea);
      expect((await store.getIdea(idea.id))?.title).to.equal(idea.title);
    }
    const [, list] = await Promise.all([store.createIdea(makeIdea(org.id, user.id)), store.listIdeas({ limit: 50, offset: 0 })]);
    expect(list.total).to.equal(11);
    await store.close();
  });

  it('when a read runs on the main thread\'s connection, then a write through it is refused: reads cannot write', async () => {
    const file = freshFile();
    const writer = createSqliteStore({ file });
    await writer.init();
    const reader = createSqliteReader(file);
    const err = await reader.store.upsertOrganisations([makeOrganisation()]).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.match(/readonly/i);
    reader.db.close();
    await writer.close();
  });

  it('when an argument cannot be sent to the thread, then the call fails naming the method and the store goes on', async () => {
    const store = await createSqliteThreadStore({ file: freshFile() });
    await store.init();
    const err = await store.upsertOrganisations([{ ...makeOrganisation(), name: (() => 'x') as unknown as string }]).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.match(/^store\.upsertOrganisations: its arguments cannot be sent to the SQLite thread/);
    expect(await store.ping()).to.equal(true);
    await store.close();
  });

  it('when closed, then ping answers false and every other call is refused at once', async () => {
    const store = await createSqliteThreadStore({ file: freshFile() });
    await store.init();
    await store.close();
    expect(await store.ping()).to.equal(false);
    const err = await store.listOrganisations().then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.equal('the SQLite store is closed');
    await store.close(); // a second close is harmless
  });

  it('when the file cannot be opened, then opening the store rejects with the driver\'s reason', async () => {
    // A directory where the file should be: SQLite cannot open it as a database.
    const err = await createSqliteThreadStore({ file: dir }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.match(/directory|unable to open/i);
  });

  it('when a script forgets to close the store, then the idle thread does not keep its process alive', async function () {
    this.timeout(60_000);
    const file = freshFile();
    const module = new URL('../../server/store/sqlite/index.ts', import.meta.url).href;
    const program = `const { createSqliteThreadStore } = await import(${JSON.stringify(module)});
      const store = await createSqliteThreadStore({ file: ${JSON.stringify(file)} });
      await store.init();
      console.log(await store.ping());`;
    const started = Date.now();
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the process did not exit within 45 s')); }, 45_000);
      child.on('error', reject);
      child.on('exit', (c) => { clearTimeout(timer); resolve({ stdout: out, code: c }); });
    });
    expect(stdout.trim()).to.equal('true');
    expect(code).to.equal(0);
    expect(Date.now() - started).to.be.below(45_000);
  });
});
