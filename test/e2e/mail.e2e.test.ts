import { expect } from 'chai';
import { CHROMIUM_MISSING, launchBrowser, lierIdeaAndMolEndorser, openPage, openSignedIn, type LaunchedBrowser } from '../support/browser.js';
import { freePort } from '../support/npm-start.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Issue 16.2 end to end: a member endorses an idea in Chromium; the owner's mail reaches a real SMTP
 * server with the link to the idea (BASE_URL is the app's real address) and an unsubscribe link. The
 * owner opens the idea from the mail, and a visitor's browser (no session) unsubscribes with the link.
 */
describe('end to end in Chromium: mail for an endorsement, its link and its unsubscribe link', function () {
  this.timeout(90_000);
  let launched: LaunchedBrowser | null = null;
  let smtp: TestSmtp;
  let app: TestApp;

  before(async function () {
    launched = await launchBrowser();
    if (!launched) {
      console.warn(`      ${CHROMIUM_MISSING}`);
      this.skip();
    }
    smtp = await startSmtp();
    const port = await freePort();
    app = await startTestApp({ port, env: { MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url, BASE_URL: `http://127.0.0.1:${port}`, MAIL_POLL_SECONDS: '1' } });
  });
  after(async () => {
    await launched?.close();
    await app?.close();
    await smtp?.stop();
  });

  it('when a member endorses in the browser, then the owner gets a mail whose link opens the idea, and its unsubscribe link works without signing in', async () => {
    const { owner, endorser, idea } = await lierIdeaAndMolEndorser(app, { title: 'Digitale afsprakenmodule voor het loket', owner: { name: 'Liesbeth', email: 'liesbeth@lier.test' } });

    const m = await openSignedIn(launched!.browser, app.baseUrl, endorser.email);
    await m.page.goto(`${app.baseUrl}/ideas/${idea.id}`);
    await m.page.locator(`form[action="/ideas/${idea.id}/endorse"] button[type="submit"]`).click();
    await m.page.waitForURL(`${app.baseUrl}/ideas/${idea.id}#endorse`);

    const deadline = Date.now() + 15_000;
    while (!smtp.received.some((x) => x.to.includes(owner.email)) && Date.now() < deadline) await smtp.waitFor(smtp.received.length + 1, 1000).catch(() => undefined);
    const mail = smtp.received.find((x) => x.to.includes(owner.email));
    expect(mail, 'a mail to the owner').to.not.equal(undefined);
    expect(mail!.subject).to.equal('Mol steunt je idee ‘Digitale afsprakenmodule voor het loket’');
    const ideaLink = `${app.baseUrl}/ideas/${idea.id}`;
    expect(mail!.text.split('\n')).to.include(ideaLink);
    const unsubscribe = mail!.text.split('\n').find((l) => l.startsWith(`${app.baseUrl}/mail/unsubscribe/`));
    expect(unsubscribe, 'an unsubscribe link').to.not.equal(undefined);

    // The owner follows the link from the mail: the idea, with Mol's endorsement.
    const o = await openSignedIn(launched!.browser, app.baseUrl, owner.email);
    await o.page.goto(ideaLink);
    expect(await o.page.locator('h1').textContent()).to.equal('Digitale afsprakenmodule voor het loket');
    expect(await o.page.locator('main').textContent()).to.include('Mol');

    // Anyone who holds the mail can stop this kind of mail, without signing in.
    const v = await openPage(launched!.browser);
    await v.page.goto(unsubscribe!);
    await v.page.getByRole('button', { name: 'Uitschrijven' }).click();
    await v.page.locator('.flash').waitFor();
    expect(await v.page.locator('.flash').textContent()).to.include('Je bent uitgeschreven');
    expect((await app.store.getNotificationSettings(owner.id)).endorsed).to.equal('app');
    expect([...m.errors, ...o.errors, ...v.errors]).to.deep.equal([]);
    await Promise.all([m.context.close(), o.context.close(), v.context.close()]);
  });
});
