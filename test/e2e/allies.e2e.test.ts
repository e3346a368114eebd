import { expect } from 'chai';
import { openSignedIn, screenshotPath, withBrowserAndApp } from '../support/browser.js';

/** Issue 4's story in two real browsers: Lier posts, Mol finds it while typing, endorses, both are connected. */
describe('end to end in Chromium: two municipalities find each other', function () {
  this.timeout(90_000);
  const s = withBrowserAndApp({ env: { RECOMPUTE_DEBOUNCE_MS: '20' } });

  it('when Lier posts, Mol sees it while typing, endorses it, and Lier is told live; then both see each other\'s contact person', async () => {
    const { app, browser } = s;
    const signedIn = (email: string) => openSignedIn(browser, app.baseUrl, email);
    const lier = await app.createOrganisation({ name: 'Lier', province: 'Antwerpen' });
    const mol = await app.createOrganisation({ name: 'Mol', province: 'Antwerpen' });
    const lierUser = await app.createMember(lier.id, { name: 'Katrien Verhaegen', email: 'katrien.verhaegen@lier.test', phone: '03 800 05 00' });
    const molUser = await app.createMember(mol.id, { name: 'Pieter Goossens', email: 'pieter.goossens@mol.test' });

    // Lier posts its idea through the form.
    const a = await signedIn(lierUser.email);
    await a.page.goto(`${app.baseUrl}/ideas/new`);
    await a.page.locator('#title').fill('Digitaal afsprakensysteem voor het loket burgerzaken');
    await a.page.locator('#description').fill('Inwoners boeken zelf online een afspraak bij burgerzaken voor identiteitskaart, rijbewijs of reispas, met een herinnering per sms.');
    await a.page.locator('input[name="theme"][value="services"]').check();
    await a.page.locator('[data-field="submit"]').click();
    await a.page.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
    const ideaUrl = a.page.url();
    // Lier stays on its idea page, signed in, with the live connection open.

    // Mol starts typing a similar idea and sees Lier's idea suggested.
    const b = await signedIn(molUser.email);
    await b.page.goto(`${app.baseUrl}/ideas/new`);
    await b.page.locator('#title').pressSequentially('Afspraken maken via de website');
    await b.page.locator('#description').fill('Wij willen dat inwoners online een afspraak kunnen boeken aan het loket burgerzaken, met sms-herinnering.');
    const suggestion = b.page.locator('#similar .similar-item', { hasText: 'Lier' }).first();
    await suggestion.waitFor({ timeout: 5000 });
    expect(await suggestion.locator('[data-field="link"]').getAttribute('href')).to.equal(new URL(ideaUrl).pathname);

    // Before endorsing, Mol does not see Lier's contact person.
    await suggestion.locator('[data-field="endorse"]').click();
    await b.page.waitForURL(/#endorse$/);
    expect(await b.page.getByText('katrien.verhaegen@lier.test').count()).to.equal(0);

    await b.page.locator('#message').fill('Wij willen de kost van de boekingsmodule graag delen.');
    await b.page.getByRole('button', { name: 'Wij vinden dit ook waardevol' }).click();
    await b.page.waitForURL(/\/ideas\/[0-9a-f-]{36}/);

    // Lier's open page shows the notification without a reload.
    // One notification for the one event (issue 16.3): "Mol finds your idea valuable too; you are now in contact".
    await a.page.locator('.toast', { hasText: 'Mol vindt je idee' }).filter({ hasText: 'Jullie zijn nu in contact' }).waitFor({ timeout: 5000 });
    await a.page.screenshot({ path: screenshotPath('e2e-allies-notification.png') });

    // Both now see each other's contact person.
    await b.page.goto(ideaUrl);
    expect(await b.page.getByText('katrien.verhaegen@lier.test').count()).to.be.greaterThan(0);
    await a.page.goto(ideaUrl);
    expect(await a.page.locator('#endorse').textContent()).to.contain('pieter.goossens@mol.test');
    expect(await a.page.locator('#endorse').textContent()).to.contain('Wij willen de kost van de boekingsmodule graag delen.');

    expect(a.errors, a.errors.join('\n')).to.deep.equal([]);
    expect(b.errors, b.errors.join('\n')).to.deep.equal([]);
    await a.context.close();
    await b.context.close();
  });
});
