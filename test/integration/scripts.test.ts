import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createSqliteStore } from '../../server/store/sqlite/index.js';

const run = promisify(execFile);

/** Runs an npm script the way the README says, with its own DATA_DIR; resolves even when it fails. */
async function npmRun(script: string, args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', script, '--', ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('command-line scripts', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'medestander-scripts-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when admin:create runs on a new store, a programme account exists; a second run with the same e-mail fails and says why', async () => {
    const first = await npmRun('admin:create', ['--email', 'Officer@Vlaanderen.test', '--password', 'een lang wachtwoord'], dir);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('officer@vlaanderen.test');
    const second = await npmRun('admin:create', ['--email', 'officer@vlaanderen.test', '--password', 'een lang wachtwoord'], dir);
    expect(second.code).to.equal(1);
    expect(second.stderr).to.contain('already exists');
    const weak = await npmRun('admin:create', ['--email', 'ander@vlaanderen.test', '--password', 'kort'], dir);
    expect(weak.code).to.equal(1);
    expect(weak.stderr).to.contain('--password');
    const store = createSqliteStore({ file: path.join(dir, 'medestander.sqlite') });
    await store.init();
    expect(await store.countUsers({ role: 'programme' })).to.equal(1);
    await store.close();
  });

  it('when seed:demo runs on an empty store, it loads at least 40 ideas from 25 municipalities, prints one account per line, and refuses a second run', async () => {
    const res = await npmRun('seed:demo', ['--password', 'demo-wachtwoord-2026'], dir);
    expect(res.code, res.stderr).to.equal(0);
    const emails = res.stdout.split('\n').filter((l) => /^[^\s@]+@[^\s@]+$/.test(l));
    expect(emails[0]).to.equal('programma@demo.medestander.be');
    expect(emails.length).to.be.greaterThan(25);

    const store = createSqliteStore({ file: path.join(dir, 'medestander.sqlite') });
    await store.init();
    const ideas = await store.allOpenIdeas();
    expect(ideas.length).to.be.at.least(40);
    expect(new Set(ideas.map((i) => i.organisationId)).size).to.be.at.least(25);
    expect(new Set(ideas.map((i) => i.theme)).size).to.equal(3);
    expect(ideas.filter((i) => i.language === 'fr').length).to.be.at.least(2);
    expect(ideas.filter((i) => i.language === 'en').length).to.be.at.least(2);
    expect(await store.getUserByEmail(emails[1]!)).to.include({ role: 'member', active: true });
    await store.close();

    const again = await npmRun('seed:demo', ['--password', 'demo-wachtwoord-2026'], dir);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('not empty');
  });
});
