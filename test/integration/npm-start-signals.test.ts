import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { npmStart, portIsFree } from '../support/npm-start.js';

/**
 * Issue 16.1: stopping `npm start` (Ctrl-C sends SIGINT, a service manager or `kill` SIGTERM) stops
 * node too and frees the port. Before, npm's `sh -c` passed the signal on to nobody: node kept the port
 * and the next start failed with EADDRINUSE. The signal goes to npm only, as `kill <pid of npm>` does.
 */
describe('npm start: stops cleanly and frees the port', function () {
  this.timeout(90_000);
  let dir: string;
  before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'medestander-start-')); });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`when npm start gets ${signal}, then node shuts down cleanly, npm exits and the port is free again`, async () => {
      const app = await npmStart({ DATA_DIR: dir, LOG_LEVEL: 'info' });
      expect(await portIsFree(app.port)).to.equal(false);
      const code = await app.signal(signal);
      expect(app.output()).to.include('"msg":"stopped cleanly"');
      expect(app.output()).to.include(`"signal":"${signal}"`);
      expect(code === 0 || code === null, `npm's exit code ${code}`).to.equal(true);
      expect(await portIsFree(app.port)).to.equal(true);
    });
  }

  /** The command lines of `pid`'s descendants (npm → sh → node, or npm → node once sh has exec'd). */
  async function descendants(pid: number): Promise<string[]> {
    let listed = '';
    try { listed = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }); } catch { /* ps exits 1 when there are none */ }
    const children = listed.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
    const own = await Promise.all(children.map((c) => readFile(`/proc/${c}/cmdline`, 'utf8').then((t) => t.split('\0').join(' '), () => '')));
    return [...own, ...(await Promise.all(children.map(descendants))).flat()];
  }

  it('when npm start runs, then node has a heap limit (HEAP_LIMIT_MB, default 1536) instead of one sized for the machine (issue 19)', async function () {
    if (process.platform !== 'linux') this.skip();
    for (const [env, flag] of [[{}, '--max-old-space-size=1536'], [{ HEAP_LIMIT_MB: '900' }, '--max-old-space-size=900']] as const) {
      const app = await npmStart({ DATA_DIR: dir, ...env });
      try {
        const node = (await descendants(app.child.pid!)).find((c) => c.includes('scripts/start.mjs'));
        expect(node, 'node running scripts/start.mjs').to.be.a('string');
        expect(node).to.include(flag);
      } finally {
        await app.signal('SIGTERM');
      }
    }
  });
});
