import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, launchBrowser, signedInPage } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the template form refuses a bad service name at the field, before going on', async () => {
  const page = await signedInPage(browser);
  await page.goto(`${APP}/create/templates/default/scaled-model-endpoint`);
  const name = page.getByLabel('Name', { exact: false }).first();
  await name.waitFor();
  await name.fill('churn_prediction: {x}');
  const owner = page.getByLabel('Owner', { exact: false }).first();
  await owner.fill('ml-platform');
  await page
    .getByRole('option', { name: /ml-platform/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  // the error is shown on the Name field and the form stays on its first page
  const error = page.locator('.Mui-error').filter({ hasText: /.+/ }).first();
  await error.waitFor();
  const text = await page.locator('.Mui-error').allInnerTexts();
  assert.ok(
    text.some(t => /pattern|letters|must/i.test(t)),
    `an error naming the rule, got: ${JSON.stringify(text)}`,
  );
  assert.equal(
    await page.getByLabel('Model data URL', { exact: false }).count(),
    0,
  );
  await page.close();
});
