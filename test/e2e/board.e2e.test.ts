import { expect } from 'chai';
import { actorOf } from '../../server/domain/actor.js';
import type { User } from '../../server/store/store.js';
import { openSignedIn, screenshotPath, withBrowserAndApp } from '../support/browser.js';
import { RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

const SEED = [
  ['Lier', 'Digitaal afsprakenplatform voor het loket', 'Inwoners boeken online een afspraak aan het loket burgerzaken, met herinnering per sms en e-mail.'],
  ['Mol', 'Online afspraken maken bij burgerzaken', 'Een afsprakenmodule waarmee burgers zelf een tijdslot kiezen aan het loket, met sms-herinnering.'],
  ['Geel', 'Slimme glascontainers met sensoren', 'Sensoren in de glascontainers melden wanneer ze vol zijn, zodat de ophaling efficiënter kan plannen.'],
  ['Herk-de-Stad', 'Sensoren in glasbollen voor ophaalrondes', 'De glasbollen geven hun vulgraad door met sensoren, de ophaalrondes worden daarop gepland.'],
] as const;

describe('end to end in Chromium: the live board shows a new idea without reload, under the CSP', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp({ env: { ...RECOMPUTE_ON_REQUEST } });

  /** The shipped municipality (its NIS code is on the map of Flanders). */
  async function municipality(name: string): Promise<string> {
    const org = (await s.app.store.listOrganisations()).find((o) => o.name === name);
    if (!org) throw new Error(`no municipality ${name}`);
    return org.id;
  }

  const signedIn = (user: User) => openSignedIn(s.browser, s.app.baseUrl, user.email, { viewport: { width: 1280, height: 900 } });

  it('when Tienen posts an idea while the programme team watches, then a new dot and a timeline entry appear, and a card picks its municipalities on the map', async () => {
    const { app } = s;
    for (const [name, title, description] of SEED) {
      const member = await app.createMember(await municipality(name));
      await app.services.ideas.create(actorOf(member), { title, description, theme: 'services', contact: { name: 'Contactpersoon', email: 'contact@gemeente.test' } });
    }
    await app.services.matching.recomputeNow();
    await app.services.board.settled();
    const poster = await app.createMember(await municipality('Tienen'));
    const officer = await app.createProgramme();

    const board = await signedIn(officer);
    await board.page.getByRole('link', { name: 'Overzicht' }).click();
    await board.page.waitForURL(/\/board$/);
    await board.page.locator('[data-board-status]').filter({ hasText: 'Live bijgewerkt' }).waitFor({ timeout: 5000 });
    const dots = board.page.locator('[data-dots] [data-idea-id]');
    expect(await dots.count()).to.equal(4);
    const firstDot = board.page.locator('[data-dots] [data-idea-id]').first();
    const idOfFirst = await firstDot.getAttribute('data-idea-id');

    const member = await signedIn(poster);
    await member.page.goto(`${app.baseUrl}/ideas/new`);
    await member.page.locator('#title').fill('Afsprakenmodule voor het loket in Tienen');
    await member.page.locator('#description').fill('Inwoners van Tienen maken online een afspraak aan het loket burgerzaken, met een sms-herinnering.');
    await member.page.locator('input[name="theme"][value="services"]').check();
    await member.page.locator('form.form button[type="submit"]').click();
    await member.page.waitForURL(/\/ideas\/[0-9a-f-]{36}$/);
    const ideaId = member.page.url().split('/').pop()!;

    const dot = board.page.locator(`[data-dots] [data-idea-id="${ideaId}"]`);
    await dot.waitFor({ timeout: 3000 });
    expect(await dot.getAttribute('data-tip')).to.equal('Afsprakenmodule voor het loket in Tienen — Tienen');
    expect(await dot.locator('use').getAttribute('class')).to.match(/^dot c-(\d|none)$/);
    expect(await board.page.locator(`[data-map-table] a[href="/ideas/${ideaId}"]`).count(), 'the table beside the map lists it').to.equal(1);
    await board.page.locator('[data-timeline] li').filter({ hasText: 'Tienen' }).first().waitFor({ timeout: 3000 });
    expect(await board.page.locator(`[data-dots] [data-idea-id="${idOfFirst}"]`).count(), 'the other dots stay').to.equal(1);
    expect(await dots.count()).to.equal(5);

    // The card of Tienen's cluster shows it; picking it lights up Tienen on the map of Flanders.
    const card = board.page.locator('.cluster-card').filter({ hasText: 'Tienen' });
    await card.getByRole('link', { name: 'Toon op de kaart van Vlaanderen' }).click();
    await board.page.locator('[data-flanders] path.is-on[data-nis="24107"]').waitFor({ timeout: 2000 });
    expect(await board.page.locator('[data-flanders-items] li').allTextContents()).to.include('Tienen');
    expect(board.page.url()).to.match(/\/board\?cluster=\d+$/);

    await board.page.screenshot({ path: screenshotPath('board-live.png'), fullPage: true });
    expect(board.errors).to.deep.equal([]);
    expect(member.errors).to.deep.equal([]);
  });
});
