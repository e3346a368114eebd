/**
 * A real Chromium for end-to-end tests, driven by playwright-core (never a downloaded browser).
 * The path comes from CHROMIUM_PATH, else /usr/bin/chromium. Where none is installed, `launchBrowser`
 * returns null and the suite skips itself, saying how to install it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
