import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import { npmRun } from '../support/npm-run.js';

describe('command-line scripts', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'medestander-scripts-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  /** Each test's scripts run on its own store. */
  const inDir = (script: string, args: string[]) => npmRun(script, args, { DATA_DIR: dir, LOG_LEVEL: 'silent' });

  it('when admin:create runs on a new store, a programme account exists; a second run with the same e-mail fails and says why', async () => {
    const first = await inDir('admin:create', ['--email', 'Officer@Vlaanderen.test', '--password', 'een lang wachtwoord']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('officer@vlaanderen.test');
    const second = await inDir('admin:create', ['--email', 'officer@vlaanderen.test', '--password', 'een lang wachtwoord']);
    expect(second.code).to.equal(1);
    expect(second.stderr).to.contain('already exists');
    const weak = await inDir('admin:create', ['--email', 'ander@vlaanderen.test', '--password', 'kort']);
    expect(weak.code).to.equal(1);
    expect(weak.stderr).to.contain('--password');
    const store = createSqliteStore({ file: path.join(dir, 'medestander.sqlite') });
    await store.init();
    expect(await store.countUsers({ role: 'programme' })).to.equal(1);
    await store.close();
  });

  it('when calls:load runs twice, then the seven calls are added once and the second run says nothing changed', async () => {
    const first = await inDir('calls:load', []);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.include('added 1, 2, 3, 4, 5, 6, 7; updated none; unchanged none');
    const second = await inDir('calls:load', []);
    expect(second.stdout).to.include('added none; updated none; unchanged 1, 2, 3, 4, 5, 6, 7');
    const store = createSqliteStore({ file: path.join(dir, 'medestander.sqlite') });
    await store.init();
    expect((await store.listCalls()).map((c) => c.number)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    await store.close();
  });

  it('when seed:demo runs on an empty store, it loads at least 40 ideas from 25 municipalities, two partnerships, a project and two check-ins, prints one account per line, and refuses a second run', async () => {
    const res = await inDir('seed:demo', ['--password', 'demo-wachtwoord-2026']);
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
    const calls = await store.listCalls();
    expect(calls.map((c) => c.number)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const decided = calls.find((c) => c.number === 9)!;
    expect(decided).to.include({ decided: true });
    expect(Date.parse(decided.closesAt)).to.be.below(Date.now());
    expect(ideas.filter((i) => i.callId === decided.id).length, 'older ideas aim at the decided call, for the referrals').to.be.at.least(5);
    const demo = calls.find((c) => c.number === 8)!;
    expect(demo.name).to.include('demo');
    expect(Date.parse(demo.opensAt!)).to.be.below(Date.now());
    expect(Date.parse(demo.closesAt)).to.be.above(Date.now());
    expect(ideas.filter((i) => i.callId === demo.id).length, 'the last three weeks\' ideas aim at the demo call').to.be.at.least(5);
    const partnerships = await store.listPartnerships();
    const byStatus = Object.fromEntries(partnerships.map((p) => [p.status, p]));
    expect(Object.keys(byStatus).sort()).to.deep.equal(['approved', 'forming']);
    const states = (p: (typeof partnerships)[number]) => p.memberships.map((m) => m.state).sort();
    expect(states(byStatus.forming!)).to.deep.equal(['invited', 'member', 'member', 'member']);
    expect(byStatus.forming!.callId).to.equal(demo.id);
    expect(states(byStatus.approved!)).to.deep.equal(['member', 'member', 'member']);
    const fromPartnership = (await store.listProjects()).filter((p) => p.partnershipId === byStatus.approved!.id);
    expect(fromPartnership.map((p) => p.status)).to.deep.equal(['funded']);
    expect((await store.listCheckIns()).map((c) => c.status).sort()).to.deep.equal(['confirmed', 'requested']);
    await store.close();

    const again = await inDir('seed:demo', ['--password', 'demo-wachtwoord-2026']);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.contain('not empty');
  });
});
