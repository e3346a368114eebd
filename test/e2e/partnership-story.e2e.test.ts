/**
 * Issue 17's story in Chromium, every step through the pages in each member's own browser: Lier opens a
 * partnership for its idea from its cluster and aims it at the open call, invites Mol and Geel from the
 * suggestions, Mol accepts and Geel declines (each told live), Mechelen asks to join and Lier accepts,
 * Lier submits, the programme team approves; the project is then in the catalogue and among the similar
 * ideas ("Al in uitvoering") of a new idea Hasselt types. Only the setup (ideas, accounts, the open call,
 * the clusters) goes through the services and the store.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { actorOf } from '../../server/domain/actor.js';
import type { User } from '../../server/store/store.js';
import { makeCall } from '../support/factories.js';
import { openSignedIn, pageIsLive, withBrowserAndApp, type OpenPage } from '../support/browser.js';
import { RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';
import { waitFor } from '../support/wait-for.js';

const brussels = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;

/** Four ideas about the same thing (one cluster), and others about other things so that there are several clusters. */
const IDEAS = [
  ['Lier', 'Online afspraken aan het loket burgerzaken', 'Inwoners boeken online een afspraak aan het loket burgerzaken, kiezen zelf een tijdslot en krijgen een herinnering per sms.'],
  ['Mol', 'Afsprakenmodule voor het loket burgerzaken', 'Een online afsprakenmodule: burgers kiezen zelf een tijdslot aan het loket burgerzaken, met een herinnering per sms.'],
  ['Geel', 'Digitaal afspraken boeken bij burgerzaken', 'Inwoners boeken digitaal een afspraak bij burgerzaken, kiezen een tijdslot aan het loket en krijgen een sms-herinnering.'],
  ['Mechelen', 'Tijdsloten online voor het loket', 'Burgers boeken online een tijdslot voor een afspraak aan het loket burgerzaken, met een herinnering per sms of e-mail.'],
  ['Tienen', 'Slimme glascontainers met sensoren', 'Sensoren in de glascontainers melden wanneer ze vol zijn, zodat de ophaling efficiënter kan plannen.'],
  ['Herk-de-Stad', 'Sensoren in glasbollen voor ophaalrondes', 'De glasbollen geven hun vulgraad door met sensoren, de ophaalrondes worden daarop gepland.'],
  ['Genk', 'Online stemmen over het burgerbudget', 'Een platform waar burgers projecten voor het burgerbudget indienen en erover stemmen, per wijk.'],
  ['Leuven', 'Digitaal participatieplatform voor buurtbudgetten', 'Inwoners dienen voorstellen in voor het buurtbudget en stemmen online over de projecten in hun wijk.'],
] as const;

const TITLE = IDEAS[0][1];

describe('end to end in Chromium: from a cluster to a partnership, approved, in the catalogue and among the similar ideas', function () {
  this.timeout(180_000);
  const s = withBrowserAndApp({ env: { ...RECOMPUTE_ON_REQUEST } });

  async function municipality(name: string): Promise<string> {
    const org = (await s.app.store.listOrganisations()).find((o) => o.name === name);
    if (!org) throw new Error(`no municipality ${name}`);
    return org.id;
  }

  /** The toast of a notification that reached the page live, found by its text. */
  const toast = (page: Page, text: string) => page.locator('#live-notifications .toast').filter({ hasText: text });
  const flash = (page: Page, text: string) => page.locator('.flash', { hasText: text }).waitFor();
  const badge = async (page: Page) => page.locator('dl.facts .badge').textContent();
  const partnerRows = async (page: Page) => page.locator('#partners tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));

  it('when Lier, Mol, Geel, Mechelen, the programme team and Hasselt each take their step in their own browser, then each sees what the story says', async () => {
    const { app, browser } = s;
    const call = makeCall({ number: 9, name: 'Oproep 9 – innovatieve concepten', opensAt: brussels(Date.now() - 86_400_000), closesAt: brussels(Date.now() + 30 * 86_400_000), rules: { minPartners: 2 } });
    await app.store.createCall(call);
    const users: Record<string, User> = {};
    for (const [name, title, description] of IDEAS) {
      const first = name.split('-')[0]!.toLowerCase();
      const member = await app.createMember(await municipality(name), { name: `Contact ${name}`, email: `${first}@${first}.test` });
      users[name] = member;
      await app.services.ideas.create(actorOf(member), { title, description, theme: 'services', contact: { name: `Idee ${name}`, email: `idee@${first}.test` } });
    }
    await app.services.matching.recomputeNow();
    const hasselt = await app.createMember(await municipality('Hasselt'), { name: 'Contact Hasselt', email: 'hasselt@hasselt.test' });
    const officer = await app.createProgramme({ name: 'Programmateam', email: 'programma@vlaanderen.test' });
    const opened: OpenPage[] = [];
    const open = async (u: User) => { const o = await openSignedIn(browser, app.baseUrl, u.email, { viewport: { width: 1280, height: 900 } }); opened.push(o); return o; };

    // Lier: from its cluster to a partnership for its idea, aimed at the open call.
    const lier = await open(users.Lier!);
    await lier.page.goto(`${app.baseUrl}/clusters`);
    await lier.page.locator('.cluster-card').filter({ hasText: TITLE }).getByRole('link').first().click();
    await lier.page.locator('#orgs-title').waitFor();
    const inCluster = await lier.page.locator('.organisation-list li a').allTextContents();
    expect(inCluster).to.include.members(['Lier', 'Mol', 'Geel', 'Mechelen']);
    const ownCard = lier.page.locator('.card-list .card').filter({ hasText: TITLE });
    const others = lier.page.locator('.card-list .card').filter({ hasNotText: TITLE });
    expect(await others.locator('[data-field="partnership"]').count(), 'only beside its own idea').to.equal(0);
    await ownCard.getByRole('link', { name: /Partnerschap starten/ }).click();
    await lier.page.locator('#partnership-call').selectOption({ label: call.name });
    await lier.page.getByRole('button', { name: 'Partnerschap starten' }).click();
    await flash(lier.page, 'Het partnerschap is gestart.');
    const partnershipUrl = lier.page.url();
    expect(partnershipUrl).to.match(/\/partnerships\/[\w-]+$/);
    expect(await lier.page.locator('h1').textContent()).to.equal(TITLE);
    expect(await badge(lier.page)).to.equal('In opbouw');
    expect(await lier.page.locator('dl.facts').textContent()).to.contain(call.name);

    // The suggestions name the cluster's local governments; Lier invites Mol and Geel, who each have a page open.
    const suggestion = (name: string) => lier.page.locator('.suggestions li').filter({ hasText: new RegExp(`^\\s*${name}\\b`) });
    const listed = (await lier.page.locator('.suggestions li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    for (const name of ['Mol', 'Geel', 'Mechelen']) expect(listed.some((l) => l.startsWith(`${name} `) && l.includes('zelfde cluster')), `${name} suggested: ${listed.join(' | ')}`).to.equal(true);
    const mol = await open(users.Mol!);
    const geel = await open(users.Geel!);
    await pageIsLive(mol.page, app, users.Mol!.id);
    await pageIsLive(geel.page, app, users.Geel!.id);
    for (const name of ['Mol', 'Geel']) {
      await suggestion(name).getByRole('button', { name: `Uitnodigen ${name}` }).click();
      await flash(lier.page, 'De uitnodiging is verstuurd.');
    }
    expect(await lier.page.locator('#pending-title + h3 + ul').textContent()).to.match(/Mol[\s\S]*Geel/);
    expect(await suggestion('Mol').count(), 'no longer suggested once invited').to.equal(0);

    // Mol sees the invitation live and accepts; Geel sees it live and declines; Lier, its page open, is told each answer.
    await pageIsLive(lier.page, app, users.Lier!.id);
    for (const [who, answer] of [[mol, 'Aanvaarden'], [geel, 'Afslaan']] as const) {
      const invited = toast(who.page, `Lier nodigt je bestuur uit voor het partnerschap ‘${TITLE}’.`);
      await invited.waitFor({ timeout: 5000 });
      await invited.getByRole('link').click();
      await who.page.waitForURL(partnershipUrl);
      await who.page.locator('#invitation-title').waitFor();
      expect(await who.page.locator('#partners thead th').count(), 'no contacts before consenting').to.equal(2);
      await who.page.locator('.manage').filter({ has: who.page.locator('#invitation-title') }).getByRole('button', { name: answer }).click();
      await flash(who.page, 'Je antwoord is bewaard.');
    }
    // A partner now sees the members' contact persons; the one who declined does not.
    expect(await partnerRows(mol.page)).to.deep.equal([
      ['Lier', 'Penhouder', 'Contact Lier · lier@lier.test'],
      ['Mol', 'Partner', 'Contact Mol · mol@mol.test'],
    ]);
    expect(await geel.page.locator('#partners thead th').count()).to.equal(2);
    expect(await geel.page.locator('main').textContent()).to.contain('De contactpersonen ziet alleen wie partner is.').and.not.contain('lier@lier.test');
    expect(await partnerRows(geel.page)).to.deep.equal([['Lier', 'Penhouder'], ['Mol', 'Partner']]);

    await toast(lier.page, `Mol aanvaardde de uitnodiging en is nu partner in ‘${TITLE}’.`).waitFor({ timeout: 5000 });
    await toast(lier.page, `Geel sloeg de uitnodiging voor het partnerschap ‘${TITLE}’ af.`).waitFor({ timeout: 5000 });
    await lier.page.reload();
    expect(await lier.page.locator('#pending-title ~ ul').count(), 'nobody waits for an answer any more').to.equal(0);
    expect(await lier.page.locator('#pending-title').locator('xpath=..').textContent()).to.contain('Er wacht niets op een antwoord.');
    await pageIsLive(lier.page, app, users.Lier!.id);

    // Mechelen finds the partnership in the list and asks to join; Lier, live, accepts.
    const mechelen = await open(users.Mechelen!);
    await mechelen.page.goto(`${app.baseUrl}/partnerships`);
    const card = mechelen.page.locator('.card').filter({ hasText: TITLE });
    expect((await card.textContent())!.replace(/\s+/g, ' ')).to.contain('In opbouw').and.contain('Penhouder: Lier').and.contain('2 besturen: Lier, Mol');
    await card.getByRole('link', { name: TITLE }).click();
    await mechelen.page.waitForURL(partnershipUrl);
    expect(await mechelen.page.locator('main').textContent()).to.not.contain('lier@lier.test');
    await mechelen.page.getByRole('button', { name: 'Vragen om aan te sluiten' }).click();
    await flash(mechelen.page, 'Je vraag is bij de penhouder.');
    await mechelen.page.getByText('Je bestuur vroeg om aan te sluiten; de penhouder beslist.').waitFor();
    const asked = toast(lier.page, `Mechelen vraagt om aan te sluiten bij het partnerschap ‘${TITLE}’.`);
    await asked.waitFor({ timeout: 5000 });
    await asked.getByRole('link').click();
    await lier.page.waitForURL(partnershipUrl);
    const request = lier.page.locator('#pending-title').locator('xpath=..').locator('li').filter({ hasText: 'Mechelen' });
    await request.getByRole('button', { name: 'Aanvaarden' }).click();
    await flash(lier.page, 'Je antwoord is bewaard.');
    expect((await partnerRows(lier.page)).map((r) => r.slice(0, 2))).to.deep.equal([['Lier', 'Penhouder'], ['Mol', 'Partner'], ['Mechelen', 'Partner']]);
    expect((await partnerRows(lier.page))[2]![2]).to.equal('Contact Mechelen · mechelen@mechelen.test');

    // Lier submits: the call's rules are met; the programme team is told live and approves.
    const team = await open(officer);
    await pageIsLive(team.page, app, officer.id);
    expect(await lier.page.locator('#rule-check').textContent()).to.equal(`Dit partnerschap voldoet aan de regels van ${call.name}.`);
    await lier.page.locator('details.confirm summary', { hasText: 'Indienen' }).click();
    await lier.page.locator('details.confirm[open]').getByRole('button', { name: 'Indienen' }).click();
    await flash(lier.page, 'De status is gewijzigd.');
    expect(await badge(lier.page)).to.equal('Ingediend');
    const submitted = toast(team.page, `Het partnerschap ‘${TITLE}’ is ingediend.`);
    await submitted.waitFor({ timeout: 5000 });
    await submitted.getByRole('link').click();
    await team.page.waitForURL(partnershipUrl);
    expect(await team.page.locator('#partners thead th').count(), 'the programme team sees the contacts').to.equal(3);
    await team.page.locator('details.confirm summary', { hasText: /^Goedkeuren$/ }).click();
    await team.page.locator('details.confirm[open]').getByRole('button', { name: 'Goedkeuren' }).click();
    await flash(team.page, 'De status is gewijzigd.');
    expect(await badge(team.page)).to.equal('Goedgekeurd');
    await toast(mol.page, `Het partnerschap ‘${TITLE}’ is goedgekeurd.`).waitFor({ timeout: 5000 });

    // Hasselt: the partnership without contacts, the project in the catalogue, and among the similar ideas as it types.
    const outsider = await open(hasselt);
    await outsider.page.goto(partnershipUrl);
    expect(await badge(outsider.page)).to.equal('Goedgekeurd');
    expect(await partnerRows(outsider.page)).to.deep.equal([['Lier', 'Penhouder'], ['Mol', 'Partner'], ['Mechelen', 'Partner']]);
    const seen = (await outsider.page.locator('main').textContent())!;
    for (const email of ['lier@lier.test', 'mol@mol.test', 'mechelen@mechelen.test']) expect(seen).to.not.contain(email);
    expect(await outsider.page.getByRole('button', { name: 'Vragen om aan te sluiten' }).count(), 'no joining once decided').to.equal(0);

    await waitFor(async () => (await app.store.listProjects()).some((p) => p.title === TITLE), { what: 'the project of the approved partnership' });
    await outsider.page.goto(`${app.baseUrl}/projects`);
    const project = outsider.page.locator('.project-card').filter({ hasText: TITLE });
    await project.waitFor();
    const projectText = (await project.textContent())!.replace(/\s+/g, ' ');
    expect(projectText).to.contain('Goedgekeurd').and.contain(call.name).and.contain('Penhouder: Lier met Mol, Mechelen');

    await outsider.page.goto(`${app.baseUrl}/ideas/new`);
    await outsider.page.locator('#title').pressSequentially('Afspraken online aan het loket');
    await outsider.page.locator('#description').fill('Inwoners boeken online een afspraak aan het loket burgerzaken en kiezen zelf een tijdslot, met een herinnering per sms.');
    const block = outsider.page.locator('#similar [data-field="projects-block"]');
    await block.waitFor({ state: 'visible', timeout: 5000 });
    expect(await block.locator('h3').textContent()).to.equal('Al in uitvoering');
    const hit = block.locator('.similar-project').filter({ hasText: TITLE });
    expect(await hit.locator('[data-field="link"]').getAttribute('href')).to.match(/^\/projects\/[\w-]+$/);
    expect(await hit.locator('[data-field="with"]').textContent()).to.equal('Lier met Mol, Mechelen');
    expect(await hit.locator('[data-field="score"]').textContent()).to.match(/^\d+% gelijkaardig$/);
    expect(await outsider.page.locator('#similar .similar-list').first().textContent(), 'the ideas are listed too').to.contain('burgerzaken');

    for (const o of opened) expect(o.errors, 'no page error, no refused request').to.deep.equal([]);
    for (const o of opened) await o.context.close();
  });
});
