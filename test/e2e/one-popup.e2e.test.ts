import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { actorOf } from '../../server/domain/actor.js';
import { makeIdea } from '../support/factories.js';
import { lierIdeaAndMolEndorser, openSignedIn, pageIsLive, withBrowserAndApp } from '../support/browser.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Issue 16.3: one endorsement is one pop-up (it was two: "… vindt je idee ook waardevol" and "Je bent nu
 * in contact met …"), and a notice already shown in one tab is not shown again in another tab.
 * Each check waits for the unread badge, which the server sends after the notices on the same socket:
 * when the badge shows the count, every pop-up for it has arrived.
 */
describe('end to end in Chromium: one pop-up per event, across tabs', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp();

  const badge = (page: Page, n: number) =>
    page.waitForFunction((count) => document.querySelector('[data-unread-count]')?.textContent === ` (${count})`, n, { timeout: 5000 });
  /** The page's socket is connected: the app holds `sockets` of the user's (this page's and those opened before). */
  const connected = (page: Page, userId: string, sockets = 1) => pageIsLive(page, s.app, userId, sockets);

  it('when an idea is endorsed while its owner has one tab open, then exactly one pop-up appears', async () => {
    const { app, browser } = s;
    const { owner, endorser, idea } = await lierIdeaAndMolEndorser(app);
    const { page, errors, context } = await openSignedIn(browser, app.baseUrl, owner.email);
    await page.goto(`${app.baseUrl}/ideas`);
    await connected(page, owner.id);
    await app.services.endorsements.endorse(actorOf(endorser), idea.id, {});
    await badge(page, 1);
    const toasts = page.locator('#live-notifications .toast');
    await toasts.first().waitFor();
    expect(await toasts.count()).to.equal(1);
    expect(await toasts.first().textContent()).to.include('Mol vindt je idee ‘Digitale afsprakenmodule’ ook waardevol. Jullie zijn nu in contact');
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('when the owner has two tabs open, then the pop-up shows in one of them only, and closing it there leaves none', async () => {
    const { app, browser } = s;
    const [geel, herk] = [await app.createOrganisation({ name: 'Geel' }), await app.createOrganisation({ name: 'Herk' })];
    const owner = await app.createMember(geel.id);
    const endorser = await app.createMember(herk.id);
    const idea = makeIdea(geel.id, owner.id, { title: 'Slim parkeerbeheer' });
    await app.store.createIdea(idea);
    const first = await openSignedIn(browser, app.baseUrl, owner.email);
    const second = await first.context.newPage();
    await first.page.goto(`${app.baseUrl}/ideas`);
    await second.goto(`${app.baseUrl}/organisations`);
    await connected(first.page, owner.id);
    await connected(second, owner.id, 2);

    await app.services.endorsements.endorse(actorOf(endorser), idea.id, {});
    await badge(first.page, 1);
    await badge(second, 1);
    const count = async () => (await first.page.locator('#live-notifications .toast').count()) + (await second.locator('#live-notifications .toast').count());
    // Both tabs may draw it for a moment; the tabs settle on one within a message round trip.
    const total = await waitFor(async () => ((await count()) === 1 ? 1 : undefined), { within: 3000, every: 50, what: 'one pop-up over both tabs' }).catch(() => count());
    expect(total).to.equal(1);

    const holder = (await first.page.locator('#live-notifications .toast').count()) === 1 ? first.page : second;
    await holder.locator('#live-notifications .toast').getByRole('button').click();
    await holder.locator('#live-notifications .toast').waitFor({ state: 'detached' });
    expect(await count()).to.equal(0);
    // A tab opened afterwards counts it in the badge and shows no pop-up for it.
    const third = await first.context.newPage();
    await third.goto(`${app.baseUrl}/ideas`);
    await connected(third, owner.id, 3);
    await badge(third, 1);
    expect(await third.locator('#live-notifications .toast').count()).to.equal(0);
    expect(first.errors).to.deep.equal([]);
    await first.context.close();
  });
});
