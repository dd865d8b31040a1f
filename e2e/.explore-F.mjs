import { launchBrowser, signedInPage, APP } from '/work/main/e2e/browser.mjs';
const browser = await launchBrowser();
try {
  const page = await signedInPage(browser);
  await page.goto(`${APP}/create/templates/default/scaled-model-endpoint`);
  await page.getByLabel(/^Name/).first().waitFor();
  await page.screenshot({ path: '/tmp/F/p1.png', fullPage: true });
  const labels = await page.locator('label').allInnerTexts();
  console.log(labels);
  const buttons = await page.getByRole('button').allInnerTexts();
  console.log(buttons);
} finally { await browser.close(); }
