/*
 * Shared helpers for the end-to-end tests: Debian's Chromium through playwright-core, and a
 * signed-in page. Playwright's own browser download does not work on these machines.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// scripts/e2e.mjs sets these to its stack; the defaults are `./scripts/dev.sh start`'s
export const APP = process.env.E2E_APP_URL ?? 'http://localhost:7007';
export const BACKEND = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
export const SANDBOX_ADMIN =
  process.env.E2E_SANDBOX_ADMIN_URL ?? 'http://127.0.0.1:6490';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Launches headless Chromium with the flags these machines need. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Opens the app and signs in as the guest user. */
export async function signedInPage(browser, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    colorScheme,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(APP);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor();
  // a sign-in can fail while the backend is still warming up: try again, as a person would
  for (let attempt = 1; ; attempt++) {
    await enter.click();
    try {
      await enter.waitFor({ state: 'detached', timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
  return page;
}

/**
 * A new browser context (empty cache) that signs in as the guest by itself on the first page
 * load, as the app does for a returning user: it remembers the chosen provider.
 */
export async function returningGuestContext(browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  await context.addInitScript(() =>
    window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest'),
  );
  return context;
}

/** A guest token for scripted API calls, as the README shows. */
export async function guestToken(backend = BACKEND) {
  const res = await fetch(`${backend}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** Where screenshots for the docs go. */
export function screenshotPath(name) {
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
