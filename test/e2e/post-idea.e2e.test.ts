import { expect } from 'chai';
import { openPage, screenshotPath, withBrowserAndApp } from '../support/browser.js';
import { TEST_PASSWORD } from '../support/start-test-app.js';

describe('end to end in Chromium: sign in, post an idea, find it, switch to English', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp();

  it('when a member signs in and posts an idea, it is in the list, and the list reads in English after the switch', async () => {
    const { app, browser } = s;
    const org = await app.createOrganisation({ name: 'Herentals', province: 'Antwerpen' });
    const member = await app.createMember(org.id, { name: 'Sofie Peeters', email: 'sofie.peeters@herentals.test' });
    const { context, page, errors } = await openPage(browser);

    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('link', { name: 'Aanmelden' }).click();
    await page.getByLabel('E-mailadres').fill(member.email);
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    const welcome = page.getByText('Welkom, Sofie Peeters.');
    await welcome.waitFor({ state: 'visible' }); // after the sign-in's redirect
    expect(await welcome.isVisible()).to.equal(true);

    await page.getByRole('link', { name: 'Idee indienen' }).first().click();
    // The contact person is prefilled from the signed-in user.
    expect(await page.locator('#contactName').inputValue()).to.equal('Sofie Peeters');
    expect(await page.locator('#contactEmail').inputValue()).to.equal(member.email);
    await page.locator('#title').fill('Digitale afsprakenmodule voor het loket burgerzaken');
    await page.locator('#description').fill('Inwoners boeken zelf online een afspraak voor hun identiteitskaart of rijbewijs, met herinneringen per sms.');
    await page.locator('input[name="theme"][value="services"]').check();
    await page.locator('#tags').fill('afspraken, loket');
    await page.locator('[data-field="submit"]').click();

    await page.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').textContent()).to.contain('Digitale afsprakenmodule');

    await page.getByRole('link', { name: 'Ideeën' }).first().click();
    await page.waitForURL(/\/ideas$/);
    const card = page.locator('.card', { hasText: 'Digitale afsprakenmodule voor het loket burgerzaken' });
    expect(await card.count()).to.equal(1);
    expect(await card.textContent()).to.contain('Herentals');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/ideas$/);
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    const submit = page.getByRole('link', { name: 'Submit an idea' }).first();
    await submit.waitFor({ state: 'visible' });
    expect(await submit.isVisible()).to.equal(true);
    expect(await page.locator('.card', { hasText: 'Digitale afsprakenmodule' }).count()).to.equal(1);
    // The choice is remembered on the next page.
    await page.goto(`${app.baseUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Find partners for your digital project');

    await page.goto(`${app.baseUrl}/ideas`);
    await page.screenshot({ path: screenshotPath('e2e-ideas-english.png'), fullPage: true });
    expect(errors, errors.join('\n')).to.deep.equal([]);
    await context.close();
  });
});
