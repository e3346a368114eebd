import { expect } from 'chai';
import { actorOf } from '../../server/domain/actor.js';
import { openSignedIn, withBrowserAndApp } from '../support/browser.js';

describe('end to end in Chromium: similar ideas while typing', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp({ env: { RECOMPUTE_DEBOUNCE_MS: '20' } });

  it("when Mol types an idea that Lier already posted, then Lier's idea is listed live with its shared terms, and the button says post mine anyway", async () => {
    const { app, browser } = s;
    const lier = await app.createOrganisation({ name: 'Lier (e2e)' });
    const mol = await app.createOrganisation({ name: 'Mol (e2e)' });
    const lierUser = await app.createMember(lier.id);
    const molUser = await app.createMember(mol.id);
    const lierIdea = await app.services.ideas.create(actorOf(lierUser), {
      title: 'Online afsprakensysteem voor het loket burgerzaken', theme: 'services', contact: { name: lierUser.name, email: lierUser.email },
      description: 'Inwoners boeken zelf een afspraak aan het loket burgerzaken via de website, met een herinnering per sms.',
    });
    const { context, page, errors } = await openSignedIn(browser, app.baseUrl, molUser.email);
    await page.goto(`${app.baseUrl}/ideas/new`);
    expect(await page.locator('button[name="intent"]').count()).to.equal(0); // typing does the checking
    await page.locator('#title').pressSequentially('Afspraken online boeken');
    await page.locator('#description').fill('Inwoners boeken online een afspraak bij burgerzaken, zonder wachtrij aan het loket.');

    const item = page.locator('#similar .similar-item').first();
    await item.waitFor({ timeout: 5000 });
    expect(await item.locator('[data-field="link"]').getAttribute('href')).to.equal(`/ideas/${lierIdea.id}`);
    expect(await item.locator('[data-field="organisation"]').textContent()).to.equal('Lier (e2e)');
    expect(await item.locator('[data-field="score"]').textContent()).to.match(/^\d+% gelijkaardig$/);
    expect(await item.locator('[data-field="terms"] .tag').allTextContents()).to.include('burgerzaken');
    expect(await item.locator('[data-field="endorse"]').getAttribute('href')).to.equal(`/ideas/${lierIdea.id}#endorse`);
    expect(await page.locator('#similar [aria-live="polite"]').count()).to.equal(1);
    await page.locator('[data-field="submit"]').filter({ hasText: 'Mijn idee toch indienen' }).waitFor();
    expect(await page.locator('[data-field="submit"]').textContent()).to.equal('Mijn idee toch indienen');
    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
