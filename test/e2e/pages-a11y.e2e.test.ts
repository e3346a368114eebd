/**
 * Every page of the demo, for each role (visitor, member, programme team), at 1366×768 and 390×844, in one
 * Chromium and one app: axe-core finds no WCAG 2.1 A/AA violation, no page is wider than the viewport
 * (long e-mail addresses included), and nothing one can click (table actions above all) lies outside it.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { actorOf } from '../../server/domain/actor.js';
import { DEV_SESSION_SECRET } from '../../server/config.js';
import { unsubscribeTokens } from '../../server/domain/unsubscribe-tokens.js';
import { toBrusselsIso } from '../../server/domain/check-in-times.js';
import { CHROMIUM_MISSING, launchBrowser, openPage, openSignedIn, type LaunchedBrowser, type OpenPage } from '../support/browser.js';
import { npmRun } from '../support/npm-run.js';
import { startTestApp, TEST_PASSWORD, type TestApp, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [{ width: 1366, height: 768 }, { width: 390, height: 844 }] as const;
const LONG_EMAIL = 'projectleider.digitale.dienstverlening.en.innovatie@lokaalbestuur-herzele-zottegem.vlaanderen.be';

interface Finding { url: string; width: number; problem: string }

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE); // through the debugger protocol: the page's CSP does not apply
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}

/** The page is no wider than the viewport, and every visible link, button and field lies inside it. */
async function widthProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw > vw) out.push(`page is ${sw}px wide on a ${vw}px viewport`);
    for (const el of Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('.visually-hidden, .skip-link')) continue;
      if ((r.right > vw + 1 || r.left < -1) && out.length < 4) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}" reaches ${Math.round(r.right)}px`);
    }
    return out;
  });
}

describe('end to end in Chromium: every page, every role, two widths: axe-core WCAG 2.1 AA and no sideways scrolling', function () {
  this.timeout(600_000);
  let launched: LaunchedBrowser | null = null;
  let app: TestApp | undefined;
  const s = { get browser() { return launched!.browser; }, get app() { return app!; } };
  const ids = { call: '', closedCall: '', project: '', ownIdea: '', otherIdea: '', endorsedIdea: '', hiddenIdea: '', cluster: '', organisation: '', user: '', invitation: '', unsubscribe: '', partnership: '' };

  before(async function () {
    launched = await launchBrowser();
    if (!launched) { console.warn(`      ${CHROMIUM_MISSING}`); this.skip(); }
    // The demo, loaded the way the README says, into the store the app then opens.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'medestander-a11y-'));
    const seeded = await npmRun('seed:demo', ['--password', TEST_PASSWORD], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    if (seeded.code !== 0) throw new Error(`seed:demo failed: ${seeded.stderr}`);
    app = await startTestApp({ env: { DATA_DIR: dataDir, ...RECOMPUTE_ON_REQUEST } });
    const { store, services } = app;
    const all = (await store.listIdeas({ limit: 200, offset: 0 })).items;
    const own = all[0]!;
    const other = all.find((i) => i.organisationId !== own.organisationId)!;
    const endorsed = all.find((i) => i.organisationId !== own.organisationId && i.id !== other.id)!;
    // A member of the first idea's municipality with a very long address, on a new idea of theirs too.
    const member = await app.createMember(own.organisationId, { email: LONG_EMAIL, name: 'Maximiliaan Vandenbroucke-Van Ooteghem' });
    // The demo's open call, which the member's idea aims at, and a closed call of the programme with partner rules.
    const demoCall = (await store.getCallByNumber(8))!;
    ids.call = demoCall.id;
    ids.closedCall = (await store.getCallByNumber(6))!.id;
    const mine = await services.ideas.create(actorOf(member), {
      title: 'Digitaal loket voor afspraken bij burgerzaken', theme: 'services',
      description: 'Inwoners boeken online een afspraak aan het loket burgerzaken, met een herinnering per sms en e-mail.',
      contact: { name: member.name, email: LONG_EMAIL, phone: '+32 470 12 34 56' }, callId: demoCall.id,
    });
    await services.endorsements.endorse(actorOf(member), endorsed.id, { message: 'Wij willen dit ook, en delen graag de kosten.' });
    const otherMember = (await store.listUsers({})).find((u) => u.organisationId === endorsed.organisationId)!;
    await services.endorsements.endorse(actorOf(otherMember), mine.id, { message: 'Dit zoeken wij ook.' });
    // A partnership the member's local government leads, with the endorsing local government as partner.
    const shared = await services.ideas.create(actorOf(member), {
      title: 'Samen een digitaal loket voor de Kempen', theme: 'services',
      description: 'Een gedeeld digitaal loket voor afspraken, vergunningen en meldingen, samen met de buurgemeenten.',
      contact: { name: member.name, email: LONG_EMAIL }, callId: demoCall.id,
    });
    const partnership = await services.partnerships.open(actorOf(member), { ideaId: shared.id, callId: demoCall.id });
    await services.partnerships.invite(actorOf(member), partnership.id, { organisationId: endorsed.organisationId });
    await services.partnerships.answerInvitation(actorOf(otherMember), partnership.id, endorsed.organisationId, true);
    ids.partnership = partnership.id;
    const programme = (await store.listUsers({})).find((u) => u.role === 'programme')!;
    const invited = await services.accounts.invite(actorOf(programme), { email: LONG_EMAIL.replace('projectleider', 'uitgenodigd'), name: 'Een Uitgenodigde', role: 'member', organisationId: other.organisationId });
    // One of the member's ideas hidden by the programme team: its own local government sees it with the banner.
    const hidden = await services.ideas.create(actorOf(member), {
      title: 'Tweede idee over afspraken, per vergissing', theme: 'services',
      description: 'Een tweede versie van hetzelfde idee, die het programmateam verborg omdat het dubbel was.',
      contact: { name: member.name, email: LONG_EMAIL },
    });
    await services.moderation.hide(actorOf(programme), hidden.id, { reason: 'Dubbel ingediend: zie het andere idee over afspraken.' });
    // A project of the demo catalogue the member's local government asked to join: the programme team sees the request.
    const project = (await store.listProjects()).find((p) => p.leadOrganisationId !== own.organisationId && !p.partnerOrganisationIds.includes(own.organisationId))!;
    ids.project = project.id;
    await services.projects.requestToJoin(actorOf(member), project.id, { message: 'Wij werken aan hetzelfde en sluiten graag aan.' });
    // Check-ins: one requested (the programme team's forms), one confirmed this week or next (the .ics link, the board).
    const soon = (days: number) => toBrusselsIso(new Date(Math.floor((Date.now() + days * 86_400_000) / 3600_000) * 3600_000));
    await services.checkIns.request(actorOf(member), { subject: { type: 'idea', id: mine.id }, moments: [soon(2), soon(3), soon(4)], note: 'Graag feedback op ons concept voor de oproep.' });
    const second = await services.checkIns.request(actorOf(member), { subject: { type: 'idea', id: hidden.id }, moments: [soon(1)] });
    await services.checkIns.confirm(actorOf(programme), second.id, { moment: second.preferredMoments[0], place: 'https://meet.example.be/check-in' });
    await services.matching.recomputeNow();
    await services.board.settled();
    const clusters = ((await (await fetch(`${app.baseUrl}/api/clusters`)).json()) as { items: { id: number }[] }).items;
    ids.ownIdea = mine.id;
    ids.otherIdea = other.id;
    ids.endorsedIdea = endorsed.id;
    ids.cluster = String(clusters[0]!.id);
    ids.organisation = own.organisationId;
    ids.user = member.id;
    ids.invitation = invited.invitation.id;
    ids.hiddenIdea = hidden.id;
    ids.unsubscribe = unsubscribeTokens(DEV_SESSION_SECRET).sign(member.id, 'endorsed'); // the test app's secret
  });
  after(async () => {
    await launched?.close();
    await app?.close();
  });

  /** Visits each url at both widths and collects what is wrong; one assertion at the end names every problem. */
  async function check(open: OpenPage, urls: string[]): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const url of urls) {
      for (const viewport of WIDTHS) {
        await open.page.setViewportSize(viewport);
        const res = await open.page.goto(`${s.app.baseUrl}${url}`);
        const status = res?.status() ?? 0;
        if (status >= 400 && !url.startsWith('/no-such-page')) findings.push({ url, width: viewport.width, problem: `answered ${status}` });
        await open.page.waitForLoadState('load');
        for (const problem of await axeViolations(open.page)) findings.push({ url, width: viewport.width, problem: `axe: ${problem}` });
        for (const problem of await widthProblems(open.page)) findings.push({ url, width: viewport.width, problem });
      }
    }
    return findings;
  }

  /** Fails naming every problem (chai would cut a long list short). */
  const report = (findings: Finding[]) => {
    if (findings.length) throw new Error(`${findings.length} problems:\n${findings.map((f) => `${f.url} @${f.width}: ${f.problem}`).join('\n')}`);
  };

  it('as a visitor', async () => {
    const open = await openPage(s.browser);
    const findings = await check(open, [
      '/', '/ideas', '/ideas?q=afspraken', '/ideas?sort=supported', `/ideas/${ids.otherIdea}`, `/ideas/${ids.endorsedIdea}`,
      '/organisations', '/organisations?q=lier', `/organisations/${ids.organisation}`, '/clusters', `/clusters/${ids.cluster}`,
      '/signin', '/password/forgot', '/privacy', '/accessibility', '/cookies', '/help', '/contact', '/no-such-page',
      `/mail/unsubscribe/${ids.unsubscribe}`, '/calls', `/calls/${ids.call}`, `/calls/${ids.closedCall}`,
      '/partnerships', `/partnerships/${ids.partnership}`,
      '/projects', '/projects?theme=services&q=digitaal', `/projects/${ids.project}`,
    ]);
    await open.context.close();
    report(findings);
  });

  it('as a member with a long e-mail address', async () => {
    const open = await openSignedIn(s.browser, s.app.baseUrl, LONG_EMAIL);
    const findings = await check(open, [
      '/', '/ideas', '/ideas?sort=similar', `/ideas/${ids.ownIdea}`, `/ideas/${ids.otherIdea}`, `/ideas/${ids.endorsedIdea}`,
      `/ideas/${ids.endorsedIdea}/unendorse`, '/ideas/new', `/ideas/${ids.ownIdea}/edit`, '/my-organisation', '/notifications',
      '/settings/notifications', '/account', '/account/password', `/ideas/${ids.hiddenIdea}`, `/clusters/${ids.cluster}`, '/organisations', '/help',
      '/calls', `/calls/${ids.call}`, '/partnerships', `/partnerships/${ids.partnership}`, `/partnerships/${ids.partnership}?q=ge`,
      '/projects', `/projects/${ids.project}`,
      '/calls', `/calls/${ids.call}`, '/check-ins', `/check-ins/new?subjectType=idea&subjectId=${ids.ownIdea}`,
    ]);
    // The posting form after a validation error, with the similar ideas kept.
    for (const viewport of WIDTHS) {
      await open.page.setViewportSize(viewport);
      await open.page.goto(`${s.app.baseUrl}/ideas/new`);
      await open.page.locator('#title').fill('Online afspraken aan het loket');
      await open.page.locator('#description').fill('te kort');
      await open.page.locator('form.form button[data-field="submit"]').click();
      await open.page.locator('#error-summary').waitFor();
      for (const p of await axeViolations(open.page)) findings.push({ url: 'POST /ideas/new', width: viewport.width, problem: `axe: ${p}` });
      for (const p of await widthProblems(open.page)) findings.push({ url: 'POST /ideas/new', width: viewport.width, problem: p });
    }
    await open.context.close();
    report(findings);
  });

  it('as the programme team', async () => {
    const open = await openSignedIn(s.browser, s.app.baseUrl, 'programma@demo.medestander.be');
    const findings = await check(open, [
      '/', '/board', '/admin/invitations', '/admin/users', '/admin/audit', '/admin/exports', `/clusters/${ids.cluster}`,
      `/clusters/${ids.cluster}/introduce`, `/admin/users/${ids.user}/deactivate`, `/admin/invitations/${ids.invitation}/revoke`, `/ideas/${ids.otherIdea}`, `/ideas/${ids.endorsedIdea}`, '/ideas', '/organisations',
      `/organisations/${ids.organisation}`, '/notifications', '/api/docs', `/admin/users/${ids.user}/personal-data`, `/ideas/${ids.hiddenIdea}`,
      '/calls', `/calls/${ids.call}`, '/admin/calls/new', `/calls/${ids.call}/edit`, `/calls/${ids.closedCall}/edit`, `/calls/${ids.closedCall}/referrals`,
      '/partnerships', `/partnerships/${ids.partnership}`,
      '/projects', `/projects/${ids.project}`, '/admin/projects/new', `/projects/${ids.project}/edit`, '/check-ins',
      `/board?call=${ids.call}&partnership=${ids.partnership}`, '/board?call=all',
    ]);
    // The call form after a refusal: each field named, what was typed kept.
    for (const viewport of WIDTHS) {
      await open.page.setViewportSize(viewport);
      await open.page.goto(`${s.app.baseUrl}/admin/calls/new`);
      await open.page.locator('#name').fill('Oproep zonder nummer');
      await open.page.locator('form.form button[type="submit"]').click();
      await open.page.locator('#error-summary').waitFor();
      for (const p of await axeViolations(open.page)) findings.push({ url: 'POST /admin/calls/new', width: viewport.width, problem: `axe: ${p}` });
      for (const p of await widthProblems(open.page)) findings.push({ url: 'POST /admin/calls/new', width: viewport.width, problem: p });
    }
    await open.context.close();
    report(findings);
  });

});
