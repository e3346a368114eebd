import { expect } from 'chai';
import { actorOf } from '../../server/domain/actor.js';
import { newId } from '../../server/store/ids.js';
import type { PartnershipMembership } from '../../server/store/store.js';
import { makeCall } from '../support/factories.js';
import { openSignedIn, withBrowserAndApp } from '../support/browser.js';
import { RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

const brussels = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;

describe('end to end in Chromium: the board\'s funnel per call and a partnership on the map, live, under the CSP', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp({ env: { ...RECOMPUTE_ON_REQUEST } });

  async function municipality(name: string): Promise<string> {
    const org = (await s.app.store.listOrganisations()).find((o) => o.name === name);
    if (!org) throw new Error(`no municipality ${name}`);
    return org.id;
  }

  it('when a member submits an idea aiming at the open call, the count grows without reload; choosing the whole programme and a partnership redraws in place', async () => {
    const { app } = s;
    const call = makeCall({ number: 1, name: 'Oproep 1 – innovatieve concepten', opensAt: brussels(Date.now() - 86_400_000), closesAt: brussels(Date.now() + 30 * 86_400_000) });
    await app.store.createCall(call);
    const [lier, mol] = [await municipality('Lier'), await municipality('Mol')];
    const member = await app.createMember(lier);
    const contact = { name: 'Contactpersoon', email: 'contact@gemeente.test' };
    const idea = await app.services.ideas.create(actorOf(member), { title: 'Digitaal loket voor burgerzaken', description: 'Inwoners regelen hun zaken online, met een afspraak aan het loket.', theme: 'services', contact, callId: call.id });
    const id = newId();
    const m = (organisationId: string, via: PartnershipMembership['via']): PartnershipMembership => ({ partnershipId: id, organisationId, state: 'member', via, startedBy: member.id, answeredBy: null, createdAt: idea.createdAt, answeredAt: null });
    const record = { id, ideaId: idea.id, callId: call.id, title: 'Samen een digitaal loket', leadOrganisationId: lier, status: 'forming' as const, leadOfferedTo: null, createdAt: idea.createdAt, updatedAt: idea.createdAt, submittedAt: null, decidedAt: null, version: 1 };
    await app.store.createPartnership(record, m(lier, 'opened'), []);
    await app.store.savePartnershipStep({ partnership: { ...record, version: 2 }, expectedVersion: 1, memberships: [m(mol, 'invitation')], notifications: [] });
    await app.services.board.settled();

    const officer = await app.createProgramme();
    const board = await openSignedIn(s.browser, app.baseUrl, officer.email, { viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    board.page.on('pageerror', (e) => errors.push(String(e)));
    await board.page.goto(`${app.baseUrl}/board`);
    await board.page.locator('[data-board-status]').filter({ hasText: 'Live bijgewerkt' }).waitFor({ timeout: 5000 });
    const count = (step: string) => board.page.locator(`tr[data-step="${step}"] [data-field="count"]`);
    expect(await board.page.locator('[data-funnel-caption]').textContent()).to.equal('Trechter: Oproep 1 – innovatieve concepten');
    expect(await count('ideas').textContent()).to.equal('1');

    const other = await app.createMember(mol);
    await app.services.ideas.create(actorOf(other), { title: 'Online afspraken bij burgerzaken', description: 'Burgers kiezen zelf een tijdslot aan het loket burgerzaken.', theme: 'services', contact, callId: call.id });
    await count('ideas').filter({ hasText: '2' }).waitFor({ timeout: 3000 });
    await app.services.ideas.create(actorOf(other), { title: 'Slimme glascontainers', description: 'Sensoren melden wanneer de glascontainers vol zijn.', theme: 'services', contact });

    await board.page.locator('[data-funnel-call]').selectOption('all');
    await board.page.locator('[data-funnel-caption]').filter({ hasText: 'Het hele programma' }).waitFor({ timeout: 3000 });
    await count('ideas').filter({ hasText: '3' }).waitFor({ timeout: 3000 });
    expect(board.page.url()).to.match(/\/board\?call=all/);

    await board.page.locator(`[data-select-partnership="${id}"]`).click();
    await board.page.locator('[data-flanders-heading]').filter({ hasText: 'Partnerschap ‘Samen een digitaal loket’: 2 leden' }).waitFor({ timeout: 3000 });
    expect(await board.page.locator('[data-flanders-items] li').allTextContents()).to.deep.equal(['Lier (penhouder)', 'Mol']);
    expect(await board.page.locator('path[data-nis="12021"]').getAttribute('class')).to.equal('municipality is-on is-lead');
    expect(await board.page.locator('path[data-nis="13025"]').getAttribute('class')).to.equal('municipality is-on');
    expect(board.page.url()).to.contain(`partnership=${id}`);
    expect(errors).to.deep.equal([]);
    await board.context.close();
  });
});
