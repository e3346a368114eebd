import { mkdtemp, rm } from 'node:fs/promises';
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
});
