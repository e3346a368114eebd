/**
 * A real Chromium for end-to-end tests, driven by playwright-core (never a downloaded browser).
 * The path comes from CHROMIUM_PATH, else /usr/bin/chromium. Where none is installed, `launchBrowser`
 * returns null and the suite skips itself, saying how to install it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { userRoom } from '../../server/realtime/rooms.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeIdea } from './factories.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from './start-test-app.js';
import { waitFor } from './wait-for.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_MISSING = `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped. Install it with "sudo apt-get install -y chromium" (Debian/Ubuntu) or set CHROMIUM_PATH.`;

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<LaunchedBrowser | null> {
  if (!chromiumAvailable()) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run', // playwright gives each launch a fresh temporary profile
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Where screenshots go: test-results/ (ignored by git); docs/screenshots/ holds the ones we publish. */
export function screenshotPath(name: string): string {
  return path.join(path.resolve('test-results'), name); // playwright creates the folder
}

/**
 * For an e2e suite: registers before/after hooks in the current `describe` that launch Chromium and
 * start the real app, and skips the suite (saying how to install Chromium) when there is none.
 *
 *   const s = withBrowserAndApp({ env: { RECOMPUTE_DEBOUNCE_MS: '20' } });
 *   it('…', async () => { const { page } = await openSignedIn(s.browser, s.app.baseUrl, email); … });
 */
export function withBrowserAndApp(opts: Parameters<typeof startTestApp>[0] = {}): { readonly browser: Browser; readonly app: TestApp } {
  let launched: LaunchedBrowser | null = null;
  let app: TestApp | undefined;
  before(async function () {
    launched = await launchBrowser();
    if (!launched) {
      console.warn(`      ${CHROMIUM_MISSING}`);
      this.skip();
    }
    app = await startTestApp(opts);
  });
  after(async () => {
    await launched?.close();
    await app?.close();
  });
  return {
    get browser() { return launched!.browser; },
    get app() { return app!; },
  };
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and failed requests (status ≥ 400) seen so far: a test expects none. */
  errors: string[];
}

/** A fresh browser context (Dutch, unless `locale` says otherwise) that collects every error the page meets. */
export async function openPage(browser: Browser, options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<OpenPage> {
  const context = await browser.newContext({ locale: options.locale ?? 'nl-BE', ...(options.viewport ? { viewport: options.viewport } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  return { context, page, errors };
}

/** `openPage`, then signs in through the sign-in form as a user with TEST_PASSWORD. */
export async function openSignedIn(browser: Browser, baseUrl: string, email: string, options: Parameters<typeof openPage>[1] = {}): Promise<OpenPage> {
  const open = await openPage(browser, options);
  await open.page.goto(`${baseUrl}/signin`);
  await open.page.locator('#email').fill(email);
  await open.page.locator('#password').fill(TEST_PASSWORD);
  await open.page.locator('form.form button[type="submit"]').click();
  await open.page.waitForURL(`${baseUrl}/`);
  return open;
}

/**
 * Resolves once the app holds `count` live sockets of the user, in their room: then what the server
 * pushes to the user reaches the page. Seen from the server, as the page's socket is not reachable.
 */
export async function liveSockets(app: TestApp, userId: string, count = 1): Promise<void> {
  await waitFor(async () => (await app.handle.io.in(userRoom(userId)).fetchSockets()).length >= count, { what: `${count} live socket(s) of the user` });
}

/** The page has loaded socket.io's client and the app holds the user's `count` sockets: what the server pushes now reaches it. */
export async function pageIsLive(page: Page, app: TestApp, userId: string, count = 1): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { io?: unknown }).io !== undefined);
  await liveSockets(app, userId, count);
}

/** The endorsement stories' cast: Lier's idea and its owner, and a member of Mol who will endorse it. */
export async function lierIdeaAndMolEndorser(app: TestApp, { title = 'Digitale afsprakenmodule', owner = {} }: { title?: string; owner?: Partial<User> } = {}):
  Promise<{ lier: Organisation; mol: Organisation; owner: User; endorser: User; idea: Idea }> {
  const [lier, mol] = [await app.createOrganisation({ name: 'Lier' }), await app.createOrganisation({ name: 'Mol' })];
  const ownerUser = await app.createMember(lier.id, owner);
  const endorser = await app.createMember(mol.id);
  const idea = makeIdea(lier.id, ownerUser.id, { title });
  await app.store.createIdea(idea);
  return { lier, mol, owner: ownerUser, endorser, idea };
}
