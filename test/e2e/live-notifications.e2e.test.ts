import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { actorOf } from '../../server/domain/actor.js';
import { makeIdea } from '../support/factories.js';
import { CHROMIUM_MISSING, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/start-test-app.js';

describe('end to end in Chromium: a notification appears live, without reload, under the CSP', function () {
  this.timeout(60_000);
  let app: TestApp;
  let launched: LaunchedBrowser | null;
  let browser: Browser;

  before(async function () {
    launched = await launchBrowser();
    if (!launched) {
      console.warn(`      ${CHROMIUM_MISSING}`);
      this.skip();
    }
    browser = launched!.browser;
    app = await startTestApp();
  });

  after(async () => {
    await launched?.close();
    await app?.close();
  });

  it('when B endorses while A has a page open, then A sees a toast with a link and the badge count, and can dismiss it', async () => {
    const [lier, mol] = [await app.createOrganisation({ name: 'Lier' }), await app.createOrganisation({ name: 'Mol' })];
    const owner = await app.createMember(lier.id);
    const endorser = await app.createMember(mol.id);
    const idea = makeIdea(lier.id, owner.id, { title: 'Digitale afsprakenmodule' });
    await app.store.createIdea(idea);

    const page = await (await browser.newContext({ locale: 'nl-BE' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${app.baseUrl}/signin`);
    await page.getByLabel('E-mailadres').fill(owner.email);
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.goto(`${app.baseUrl}/ideas`);
    expect(await page.locator('[data-unread-count]').isHidden()).to.equal(true); // nothing unread yet
    await page.waitForFunction(() => (window as unknown as { io?: unknown }).io !== undefined);
    await page.waitForTimeout(300); // let the socket connect

    await app.services.endorsements.endorse(actorOf(endorser), idea.id, { message: 'Samen bouwen?' });
    const toast = page.locator('#live-notifications .toast').filter({ hasText: 'Mol vindt je idee ‘Digitale afsprakenmodule’ ook waardevol.' });
    await toast.waitFor({ timeout: 3000 });
    expect(await toast.getByRole('link').getAttribute('href')).to.equal(`/ideas/${idea.id}`);
    const unread = await app.store.countUnread(owner.id);
    await page.waitForFunction((n) => document.querySelector('[data-unread-count]')?.textContent === ` (${n})`, unread, { timeout: 3000 });
    expect(await page.locator('[data-unread-link]').getAttribute('aria-label')).to.equal(`Meldingen, ${unread} ongelezen`);

    await toast.getByRole('button', { name: 'Sluiten' }).click();
    expect(await toast.count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });
});
