/*
 * Self-service from the browser: "New scaled model endpoint" filled in with the tutorial's
 * values and applied to the sandbox (the default delivery), the task log reaching
 * InService and the catalog entity provider cataloguing the service from its Endpoint, the
 * new service's page with its scaling card; then "Decommission scaled model endpoint" for
 * it, and the service gone from the catalog with its Endpoint.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launchBrowser, signedInPage } from './browser.mjs';
import {
  catalogEntity,
  chooseTemplate,
  createScaledModelEndpoint,
  waitForLog,
} from './templates.mjs';

const SERVICE = `e2e-churn-${randomBytes(3).toString('hex')}`;
const ENTITY_REF = `component:default/${SERVICE}`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function catalogStatus(name) {
  return (await catalogEntity(name)).status;
}

test('a new scaled model endpoint is applied, reaches InService and shows its card', async () => {
  const page = await signedInPage(browser);
  const taskMs = await createScaledModelEndpoint(page, SERVICE);
  console.log(
    `[measure] task started -> InService and in the catalog: ${taskMs} ms`,
  );

  const finished = Date.now();
  await page
    .getByRole('link', { name: /open in catalog/i })
    .or(page.getByRole('button', { name: /open in catalog/i }))
    .first()
    .click();
  await page.waitForURL(new RegExp(`/catalog/default/component/${SERVICE}`));
  const card = page.getByTestId('sagemaker-data');
  await card.getByText('InService').first().waitFor({ timeout: 30_000 });
  console.log(
    `[measure] task finished -> card shows InService: ${
      Date.now() - finished
    } ms`,
  );
  // catalogued from the Endpoint by the entity provider, not from a registered location
  const { entity } = await catalogEntity(SERVICE);
  assert.equal(
    entity.metadata.annotations['backstage.io/managed-by-location'],
    `sagemaker-endpoint:sandbox/ml-serving/${SERVICE}`,
  );
  assert.equal(entity.spec.owner, 'group:default/ml-platform');
  assert.equal(entity.spec.lifecycle, 'experimental');
  await page.close();
});

test('decommissioning the service deletes it and removes it from the catalog', async () => {
  assert.equal(
    await catalogStatus(SERVICE),
    200,
    'the service created by the previous test',
  );
  const page = await signedInPage(browser);
  await chooseTemplate(page, 'Decommission scaled model endpoint');
  const picker = page.locator('#root_entity');
  await picker.click();
  await picker.fill(SERVICE);
  await page
    .getByRole('option', { name: new RegExp(SERVICE) })
    .first()
    .click();
  await page.locator('#root_confirm').check();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await waitForLog(page, `Model ${SERVICE}-model: deleted`, 180_000);
  await page.getByText('Decommissioned').first().waitFor({ timeout: 60_000 });
  const deadline = Date.now() + 30_000;
  while ((await catalogStatus(SERVICE)) !== 404) {
    assert.ok(
      Date.now() < deadline,
      `${ENTITY_REF} still in the catalog 30 s after decommissioning`,
    );
    await new Promise(r => setTimeout(r, 500));
  }
  await page.close();
});
