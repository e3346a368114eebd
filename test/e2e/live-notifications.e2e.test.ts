import { expect } from 'chai';
import { actorOf } from '../../server/domain/actor.js';
import { lierIdeaAndMolEndorser, openSignedIn, pageIsLive, withBrowserAndApp } from '../support/browser.js';

describe('end to end in Chromium: a notification appears live, without reload, under the CSP', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp();

  it('when B endorses while A has a page open, then A sees a toast with a link and the badge count, and can dismiss it', async () => {
    const { app, browser } = s;
    const { owner, endorser, idea } = await lierIdeaAndMolEndorser(app);

    const { page, errors } = await openSignedIn(browser, app.baseUrl, owner.email);
    await page.goto(`${app.baseUrl}/ideas`);
    expect(await page.locator('[data-unread-count]').isHidden()).to.equal(true); // nothing unread yet
    await pageIsLive(page, app, owner.id);

    await app.services.endorsements.endorse(actorOf(endorser), idea.id, { message: 'Samen bouwen?' });
    const toast = page.locator('#live-notifications .toast').filter({ hasText: 'Mol vindt je idee ‘Digitale afsprakenmodule’ ook waardevol.' });
    await toast.waitFor({ timeout: 3000 });
    expect(await toast.getByRole('link').getAttribute('href')).to.equal(`/ideas/${idea.id}`);
    const unread = await app.store.countUnread(owner.id);
    await page.waitForFunction((n) => document.querySelector('[data-unread-count]')?.textContent === ` (${n})`, unread, { timeout: 3000 });
    expect(await page.locator('[data-unread-link]').getAttribute('aria-label')).to.equal(`Meldingen, ${unread} ongelezen`);

    await toast.getByRole('button', { name: 'Sluiten' }).click();
    await toast.waitFor({ state: 'detached' });
    expect(await toast.count()).to.equal(0);
    expect(errors).to.deep.equal([]);
  });
});
