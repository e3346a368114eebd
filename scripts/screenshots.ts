/**
 * The screenshots in docs/screenshots/, made from the demo data in a real Chromium.
 *   npm run -s screenshots
 * Seeds the demo into a temporary DATA_DIR, starts the app, signs in as a demo municipality and
 * photographs the main pages (home, ideas, an idea, the form with its similar ideas and projects, the
 * calls, Lier's partnership, the projects catalogue; the list of ideas on a phone), then the programme
 * team's Overzicht and its funnel per call. Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const password = 'screenshot-wachtwoord-2026';
const dir = mkdtempSync(path.join(tmpdir(), 'medestander-shots-'));
const port = 3800 + Math.floor(Math.random() * 90);
const env = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' };
const accounts = execFileSync('npm', ['run', '-s', 'seed:demo', '--', '--password', password], { env, encoding: 'utf8' })
  .split('\n').filter((l) => /^[^\s@]+@[^\s@]+$/.test(l));
const base = `http://127.0.0.1:${port}`;
const app = spawn('node', ['--import', 'tsx', 'server/main.ts'], { env, stdio: 'inherit' });
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
    if (i > 300) throw new Error('the app did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  // The first recompute runs RECOMPUTE_DEBOUNCE_MS after start: wait for it, so that the idea page shows its cluster.
  for (let i = 0; ; i++) {
    const body = await (await fetch(`${base}/api/clusters`)).json() as { items: unknown[] };
    if (body.items.length > 0) break;
    if (i > 120) throw new Error('no clusters after two minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  const out = path.resolve('docs/screenshots');
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  const member = accounts.find((a) => a.includes('@lier.')) ?? accounts[1]!;
  await page.goto(`${base}/signin`);
  await page.fill('#email', member);
  await page.fill('#password', password);
  await page.click('form button[type="submit"]');
  await page.goto(`${base}/ideas`);
  await page.screenshot({ path: path.join(out, 'ideas.png') });
  await page.goto(`${base}/ideas?q=afspraken`);
  await page.locator('.card a').first().click();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(out, 'idea.png'), fullPage: true });
  // The form as one types an idea that others have had, and that a funded project already takes on
  // ("Al in uitvoering": the demo's approved partnership). Tall enough that the sticky panel shows it all.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await page.goto(`${base}/ideas/new`);
  await page.fill('#title', 'Chatbot voor vragen van inwoners');
  await page.fill('#description', 'Een chatbot op de gemeentelijke website die de vragen van inwoners beantwoordt, ook buiten de openingsuren.');
  await page.locator('#similar .similar-list li').first().waitFor({ timeout: 10_000 });
  await page.locator('#similar:not([aria-busy])').waitFor();
  await page.locator('#similar [data-field="projects-block"]:not([hidden])').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(out, 'new-idea.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The calls for proposals (issue 17): the home page's open call and the list.
  await page.goto(`${base}/`);
  await page.screenshot({ path: path.join(out, 'home.png') });
  await page.goto(`${base}/calls`);
  await page.screenshot({ path: path.join(out, 'calls.png'), fullPage: true });

  // Partnerships and projects (issue 17): Lier's partnership as its member sees it (contacts, the
  // invitation still waiting, whom to invite), and the catalogue of projects already under way.
  await page.goto(`${base}/partnerships`);
  await page.locator('.card', { hasText: 'In opbouw' }).getByRole('link').first().click();
  await page.locator('#partners').waitFor();
  await page.screenshot({ path: path.join(out, 'partnership.png'), fullPage: true });
  await page.goto(`${base}/projects`);
  await page.screenshot({ path: path.join(out, 'projects.png') });

  // A phone: the list of ideas as a visitor sees it at 390 px.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'nl-BE' });
  await phone.goto(`${base}/ideas?sort=supported`);
  await phone.locator('#results-title').evaluate((el) => el.scrollIntoView());
  await phone.screenshot({ path: path.join(out, 'ideas-phone.png') });
  await phone.close();

  // The programme team's live board, once the first recompute has placed the ideas on the map.
  const board = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'nl-BE' });
  await board.goto(`${base}/signin`);
  await board.fill('#email', 'programma@demo.medestander.be');
  await board.fill('#password', password);
  await board.click('form button[type="submit"]');
  for (let i = 0; ; i++) {
    await board.goto(`${base}/board`);
    if (await board.locator('[data-dots] [data-idea-id]').count() > 0) break;
    if (i > 120) throw new Error('the board has no ideas on its map');
    await new Promise((r) => setTimeout(r, 1000));
  }
  await board.locator('[data-board-status]').filter({ hasText: 'Live bijgewerkt' }).waitFor({ timeout: 10_000 });
  await board.locator('[data-select-cluster]').first().click();
  await board.waitForTimeout(1200); // charts and the map settle
  await board.screenshot({ path: path.join(out, 'board.png'), fullPage: true });
  // The funnel of the open call, and the approved partnership's members on the map of Flanders.
  await board.locator('[data-select-partnership]').first().click();
  await board.locator('[data-flanders-heading]').filter({ hasText: 'Partnerschap' }).waitFor({ timeout: 10_000 });
  await board.locator('#funnel').screenshot({ path: path.join(out, 'board-funnel.png') });
  await board.locator('section:has([data-flanders-heading])').screenshot({ path: path.join(out, 'board-partnership-map.png') });
  // After a decision (issue 17.4): the demo's decided call, its ideas that were not funded and the funded projects like them.
  await board.goto(`${base}/calls`);
  await board.getByRole('link', { name: /Oproep 9 – demo/ }).first().click();
  await board.getByRole('link', { name: 'Doorverwijzen naar gesteunde projecten' }).click();
  await board.locator('form.referrals').waitFor();
  await board.screenshot({ path: path.join(out, 'referrals.png') });
  await browser.close();
  console.log(`screenshots written to ${out}`);
} finally {
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
