import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { openPage, withBrowserAndApp } from '../support/browser.js';
import { TEST_PASSWORD } from '../support/start-test-app.js';

/**
 * Issue 15.1 as the audit saw it: a page on another site (here http://localhost:<port>, while the app is
 * http://127.0.0.1:<port>) auto-submits a form with the attacker's e-mail and password to the app. The
 * victim's browser must not end up signed in as the attacker, at any spelling of the sign-in path.
 */
describe('end to end in Chromium: another site cannot sign the browser in (login CSRF)', function () {
  this.timeout(60_000);
  const s = withBrowserAndApp();
  let attacker: Server;
  let attackerUrl: string;

  before(async () => {
    attacker = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '';
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><form method="post" action="${target}"><input name="email" value="${new URL(req.url ?? '/', 'http://x').searchParams.get('email')}">`
        + `<input name="password" value="${TEST_PASSWORD}"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => attacker?.close(() => resolve())));

  for (const path of ['/api/session', '/api/session/', '/api/Session']) {
    it(`when a page on another site posts the attacker's credentials to ${path}, the browser is not signed in`, async () => {
      const { app, browser } = s;
      const attackerAccount = await app.createMember((await app.createOrganisation()).id);
      const { context, page } = await openPage(browser);
      try {
        const answered = page.waitForResponse((r) => r.url().startsWith(app.baseUrl) && r.request().method() === 'POST');
        await page.goto(`${attackerUrl}/?to=${encodeURIComponent(app.baseUrl + path)}&email=${encodeURIComponent(attackerAccount.email)}`);
        expect((await answered).status()).to.be.oneOf([403, 404]);
        const session = await page.goto(`${app.baseUrl}/api/session`);
        expect(await session!.json()).to.deep.equal({ user: null });
      } finally {
        await context.close();
      }
    });
  }
});
