/**
 * The everyday experience in Chromium (issue 16): the posting form keeps the similar ideas in sight,
 * the Overzicht is readable at a glance and by keyboard, and destructive actions ask first (also
 * without JavaScript). Page widths and axe-core on every page: pages-a11y.e2e.test.ts.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { actorOf } from '../../server/domain/actor.js';
import { openSignedIn, withBrowserAndApp } from '../support/browser.js';
import { TEST_PASSWORD, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

const SEED = [
  ['Lier', 'Digitaal afsprakenplatform voor het loket', 'Inwoners boeken online een afspraak aan het loket burgerzaken, met herinnering per sms en e-mail.'],
  ['Mol', 'Online afspraken maken bij burgerzaken', 'Een afsprakenmodule waarmee burgers zelf een tijdslot kiezen aan het loket, met sms-herinnering.'],
  ['Geel', 'Slimme glascontainers met sensoren', 'Sensoren in de glascontainers melden wanneer ze vol zijn, zodat de ophaling efficiënter kan plannen.'],
  ['Herk-de-Stad', 'Sensoren in glasbollen voor ophaalrondes', 'De glasbollen geven hun vulgraad door met sensoren, de ophaalrondes worden daarop gepland.'],
  ['Hasselt', 'Digitaal participatieplatform voor buurtbudgetten', 'Inwoners dienen voorstellen in voor het buurtbudget en stemmen online over de projecten in hun wijk.'],
  ['Genk', 'Online stemmen over het burgerbudget', 'Een platform waar burgers projecten voor het burgerbudget indienen en erover stemmen, per wijk.'],
] as const;

describe('end to end in Chromium: the posting form, the Overzicht by keyboard, confirmations', function () {
  this.timeout(120_000);
  const s = withBrowserAndApp({ env: { ...RECOMPUTE_ON_REQUEST } });
  const ideaIds: Record<string, string> = {};

  async function municipality(name: string): Promise<string> {
    const org = (await s.app.store.listOrganisations()).find((o) => o.name === name);
    if (!org) throw new Error(`no municipality ${name}`);
    return org.id;
  }

  before(async () => {
    for (const [name, title, description] of SEED) {
      const member = await s.app.createMember(await municipality(name));
      const idea = await s.app.services.ideas.create(actorOf(member), { title, description, theme: 'services', contact: { name: 'Contactpersoon', email: `contact@${name.toLowerCase()}.test` } });
      ideaIds[name] = idea.id;
    }
    await s.app.services.matching.recomputeNow();
    await s.app.services.board.settled();
  });

  const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

  it('when a member types an idea at 1366×768, then the similar ideas load beside the fields, stay in view while scrolling, and are still there after a validation error', async () => {
    const poster = await s.app.createMember(await municipality('Tienen'));
    const { page, errors } = await openSignedIn(s.browser, s.app.baseUrl, poster.email, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${s.app.baseUrl}/ideas/new`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/ideas/similar', async (route) => { await held; await route.continue(); });
    await page.locator('#title').fill('Online afspraken aan het loket burgerzaken');
    await page.locator('#description').fill('Inwoners boeken online een afspraak aan het loket, met een herinnering per sms.');
    await page.locator('#similar[aria-busy="true"]').waitFor();
    await page.locator('#similar [data-field="status"]').filter({ hasText: 'Gelijkaardige ideeën zoeken…' }).waitFor();
    expect(await page.locator('#similar [data-field="status"]').textContent(), 'the loading state').to.equal('Gelijkaardige ideeën zoeken…');
    release();
    await page.locator('#similar .similar-list li').first().waitFor();
    await page.locator('#similar:not([aria-busy])').waitFor();
    await page.unrouteAll();
    const panel = await box(page, '#similar');
    const description = await box(page, '#description');
    expect(panel.x, 'beside the fields').to.be.greaterThan(description.x + description.width);
    expect(panel.y).to.be.lessThan(768);
    await page.locator('#tags').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const scrolled = await box(page, '#similar');
    expect(scrolled.y, 'sticky: still at the top of the view').to.be.within(0, 40);

    await page.locator('#description').fill('te kort');
    await page.locator('form.form [data-field="submit"]').click();
    await page.locator('#error-summary').waitFor();
    expect(await page.locator('#similar [data-field="list"] li').count(), 'server-rendered on the error page').to.be.greaterThan(0);
    expect(await page.locator('#similar [data-field="list"]').textContent()).to.match(/afspra/i);
    expect(errors.filter((e) => !/\b400\b/.test(e)), 'only the refused post answered 400').to.deep.equal([]);
  });

  it('when the same form is used at 390 px, then the similar ideas come right under the description', async () => {
    const poster = await s.app.createMember(await municipality('Tienen'));
    const { page } = await openSignedIn(s.browser, s.app.baseUrl, poster.email, { viewport: { width: 390, height: 844 } });
    await page.goto(`${s.app.baseUrl}/ideas/new`);
    await page.locator('#title').fill('Sensoren in de glascontainers');
    await page.locator('#description').fill('De glascontainers melden met sensoren wanneer ze vol zijn.');
    await page.locator('#similar .similar-list li').first().waitFor();
    const panel = await box(page, '#similar');
    const description = await box(page, '#description');
    const theme = await box(page, '#theme');
    expect(panel.y).to.be.greaterThan(description.y + description.height);
    expect(panel.y + panel.height).to.be.at.most(theme.y + 1);
    expect(panel.x + panel.width).to.be.at.most(390);
  });

  it('when the programme team uses only the keyboard, then the first cluster card is reached in at most 10 Tab presses from the top of the board, and the map is one Tab stop with arrow keys inside', async () => {
    const officer = await s.app.createProgramme();
    const { page, errors } = await openSignedIn(s.browser, s.app.baseUrl, officer.email, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${s.app.baseUrl}/board`);
    await page.locator('[data-board-status]').filter({ hasText: 'Live bijgewerkt' }).waitFor();
    // From the top: the skip link, then Tab by Tab into the board.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).to.equal('skip-link');
    await page.keyboard.press('Enter');
    let presses = 0;
    while (presses < 10 && !(await page.evaluate(() => !!document.activeElement?.closest('.cluster-card')))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await page.evaluate(() => !!document.activeElement?.closest('.cluster-card')), `first card after ${presses} presses`).to.equal(true);
    expect(await page.evaluate(() => document.activeElement?.closest('.cluster-card') === document.querySelector('.cluster-card'))).to.equal(true);

    // Distinct markers: no two cards share colour and shape; every cluster is labelled on the map by its number.
    const markers = await page.locator('.cluster-card .swatch use').evaluateAll((els) => els.map((e) => `${e.getAttribute('class')} ${e.getAttribute('href')}`));
    expect(new Set(markers).size).to.equal(markers.length);
    const cards = await page.locator('.cluster-card').count();
    expect(cards).to.be.greaterThan(1);
    expect(await page.locator('[data-cluster-labels] .cluster-label').count()).to.equal(cards);

    // The map: no focusable dot inside; focus shows the first idea's details, arrows move, Enter opens.
    expect(await page.locator('[data-dots] a, [data-dots] [tabindex]').count()).to.equal(0);
    await page.locator('[data-idea-map]').focus();
    const tip = page.locator('[data-map-tip]');
    await tip.waitFor({ state: 'visible' });
    const first = await tip.locator('[data-tip-link]').textContent();
    const firstCluster = await tip.locator('[data-tip-cluster]').textContent();
    /** Waits until the tip's `field` no longer reads `was` (a key moved it), then gives what it reads. */
    const changed = async (field: string, was: string | null) => {
      await page.waitForFunction(([f, w]) => document.querySelector(`[data-map-tip] [${f}]`)?.textContent !== w, [field, was] as const, { timeout: 5000 }).catch(() => undefined);
      return tip.locator(`[${field}]`).textContent();
    };
    await page.keyboard.press('ArrowRight');
    const second = await changed('data-tip-link', first);
    expect(second).to.not.equal(first);
    await page.keyboard.press('ArrowDown');
    expect(await changed('data-tip-cluster', firstCluster), 'down: the next cluster').to.not.equal(firstCluster);
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    await page.keyboard.press('ArrowRight');
    const chosen = await tip.locator('[data-tip-link]').getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${s.app.baseUrl}${chosen}`);
    expect(errors).to.deep.equal([]);
  });

  it('when a dot is tapped on a phone, then its details show with a link to the idea', async () => {
    const officer = await s.app.createProgramme();
    const { page } = await openSignedIn(s.browser, s.app.baseUrl, officer.email, { viewport: { width: 390, height: 844 } });
    await page.goto(`${s.app.baseUrl}/board`);
    await page.locator('[data-board-status]').filter({ hasText: 'Live bijgewerkt' }).waitFor();
    const dot = page.locator('[data-dots] [data-idea-id]').last(); // drawn last: on top of any dot it overlaps
    const id = await dot.getAttribute('data-idea-id');
    await dot.scrollIntoViewIfNeeded();
    await dot.click();
    const tip = page.locator('[data-map-tip]');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.locator('[data-tip-link]').textContent()).to.equal(await dot.getAttribute('data-tip'));
    expect(await tip.locator('[data-tip-link]').getAttribute('href')).to.equal(`/ideas/${id}`);
  });

  it('when a member takes back an endorsement without JavaScript, then a confirmation page asks first; "Nee, terug" keeps it and "Ja" withdraws it', async () => {
    const member = await s.app.createMember(await municipality('Tienen'));
    await s.app.services.endorsements.endorse(actorOf(member), ideaIds.Lier!, { message: 'Wij doen mee.' });
    const context = await s.browser.newContext({ locale: 'nl-BE', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${s.app.baseUrl}/signin`);
    await page.locator('#email').fill(member.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form.form button[type="submit"]').click();
    await page.waitForURL(`${s.app.baseUrl}/`);
    await page.goto(`${s.app.baseUrl}/my-organisation`);
    await page.getByRole('link', { name: /Onze steun intrekken/ }).click();
    await page.getByRole('heading', { name: 'Onze steun intrekken?' }).waitFor();
    const yes = page.getByRole('button', { name: 'Ja, onze steun intrekken' });
    expect(await yes.getAttribute('class')).to.contain('button-secondary');
    await page.getByRole('link', { name: 'Nee, terug' }).click();
    await page.waitForURL(`${s.app.baseUrl}/my-organisation`);
    expect(await s.app.store.listEndorsements({ ideaId: ideaIds.Lier, organisationId: member.organisationId! })).to.have.length(1);
    await page.getByRole('link', { name: /Onze steun intrekken/ }).click();
    await page.getByRole('button', { name: 'Ja, onze steun intrekken' }).click();
    await page.waitForURL(`${s.app.baseUrl}/my-organisation`);
    await page.locator('.flash', { hasText: 'Jullie steun is ingetrokken.' }).waitFor();
    expect(await s.app.store.listEndorsements({ ideaId: ideaIds.Lier, organisationId: member.organisationId! })).to.have.length(0);
    await context.close();
  });

  it('when the programme team deactivates a user, then it confirms first and the user is deactivated only after "Ja"', async () => {
    const officer = await s.app.createProgramme();
    const target = await s.app.createMember(await municipality('Geel'), { name: 'Te Deactiveren Persoon' });
    const { page, errors } = await openSignedIn(s.browser, s.app.baseUrl, officer.email, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${s.app.baseUrl}/admin/users`);
    const action = page.getByRole('link', { name: 'Deactiveren… (Te Deactiveren Persoon)' });
    const right = await action.evaluate((el) => el.getBoundingClientRect().right);
    expect(right, 'the action is visible at 1366 px').to.be.at.most(1366);
    await action.click();
    await page.getByRole('heading', { name: 'Te Deactiveren Persoon deactiveren?' }).waitFor();
    expect((await s.app.store.getUser(target.id))!.active).to.equal(true);
    await page.getByRole('button', { name: 'Ja, deactiveren' }).click();
    await page.locator('.flash', { hasText: 'Te Deactiveren Persoon is gedeactiveerd' }).waitFor();
    expect((await s.app.store.getUser(target.id))!.active).to.equal(false);
    expect(errors).to.deep.equal([]);
  });
});
