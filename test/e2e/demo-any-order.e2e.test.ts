import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { CHROMIUM_MISSING, launchBrowser, openPage, type LaunchedBrowser } from '../support/browser.js';
import { npmRun } from '../support/npm-run.js';
import { npmStart, portIsFree, type StartedApp } from '../support/npm-start.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 16.1, as the README tells a newcomer: `npm start`, then `npm run seed:demo` in another terminal
 * while the app runs. The running app takes the ideas the seed wrote (no restart): the idea pages show
 * similar ideas and the clusters page lists clusters, in Chromium. Then Ctrl-C frees the port.
 */
describe('end to end in Chromium: the demo in any order (start first, seed second)', function () {
  this.timeout(120_000);
  let launched: LaunchedBrowser | null = null;
  let dir: string;
  let app: StartedApp | undefined;

  before(async function () {
    launched = await launchBrowser();
    if (!launched) {
      console.warn(`      ${CHROMIUM_MISSING}`);
      this.skip();
    }
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-demo-order-'));
    app = await npmStart({ DATA_DIR: dir, LOG_LEVEL: 'info', RECOMPUTE_DEBOUNCE_MS: '100', OUTSIDE_WRITES_POLL_MS: '200' });
  });
  after(async () => {
    if (app && app.child.exitCode === null) await app.signal('SIGTERM').catch(() => app!.child.kill('SIGKILL'));
    await launched?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('when seed:demo runs while the app runs, then without a restart the ideas have similar ideas and clusters appear', async () => {
    const { page, errors, context } = await openPage(launched!.browser);
    await page.goto(`${app!.baseUrl}/clusters`);
    expect(await page.locator('main a[href^="/clusters/"]').count()).to.equal(0); // nothing yet

    const seed = await npmRun('seed:demo', ['--password', 'demo-wachtwoord-2026'], { DATA_DIR: dir, LOG_LEVEL: 'silent' });
    expect(seed.code, seed.stderr).to.equal(0);

    // The app notices another process's commit within a poll and recomputes in the background.
    // Only a reload shows it (the clusters page is not live): look again every half second.
    const clusters = await waitFor(async () => {
      await page.goto(`${app!.baseUrl}/clusters`);
      const n = await page.locator('main a[href^="/clusters/"]').count();
      // The seed commits in several steps: a recompute may first see part of it (one or two clusters).
      return n > 2 ? n : undefined;
    }, { within: 60_000, every: 500, what: 'more than two clusters after the seed' });
    expect(clusters, 'clusters listed after the seed').to.be.greaterThan(2);
    expect(app!.output()).to.include('took ideas another process wrote to the store');

    // An idea of a near-duplicate group: its page lists similar ideas of other municipalities.
    await page.goto(`${app!.baseUrl}/ideas?q=afspraak`);
    const first = page.locator('main a[href^="/ideas/"]').first();
    const href = await first.getAttribute('href');
    await page.goto(`${app!.baseUrl}${href}`);
    expect(await page.locator('.similar-list li').count()).to.be.greaterThan(0);
    expect(errors).to.deep.equal([]);
    await context.close();

    // Ctrl-C: node gets SIGINT through npm, stops cleanly and frees the port.
    const code = await app!.signal('SIGINT');
    expect(code === 0 || code === null).to.equal(true);
    expect(app!.output()).to.include('stopped cleanly');
    expect(await portIsFree(app!.port)).to.equal(true);
  });
});
