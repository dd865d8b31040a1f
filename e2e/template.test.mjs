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
import {
  APP,
  BACKEND,
  guestToken,
  launchBrowser,
  signedInPage,
} from './browser.mjs';

const SERVICE = `e2e-churn-${randomBytes(3).toString('hex')}`;
const ENTITY_REF = `component:default/${SERVICE}`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function catalogEntity(name) {
  const token = await guestToken();
  const res = await fetch(
    `${BACKEND}/api/catalog/entities/by-name/component/default/${name}`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  return { status: res.status, entity: res.ok ? await res.json() : undefined };
}

async function catalogStatus(name) {
  return (await catalogEntity(name)).status;
}

/** Opens a template from the Create page, as a user would. */
async function chooseTemplate(page, title) {
  await page.goto(`${APP}/create`);
  const card = page.locator('.MuiCard-root').filter({ hasText: title });
  await card.getByRole('button', { name: 'Choose' }).click();
}

/** Shows the task log and waits until it contains the text. */
async function waitForLog(page, text, timeout) {
  const showLogs = page.getByRole('button', { name: /show logs/i });
  if (await showLogs.isVisible()) await showLogs.click();
  await page.getByText(text).first().waitFor({ timeout });
}

test('a new scaled model endpoint is applied, reaches InService and shows its card', async () => {
  const page = await signedInPage(browser);
  await chooseTemplate(page, 'New scaled model endpoint');

  // Service
  await page.locator('#root_name').fill(SERVICE);
  const owner = page.locator('#root_owner');
  await owner.click();
  await owner.fill('ml-platform');
  await page
    .getByRole('option', { name: /ml-platform/ })
    .first()
    .click();
  await page
    .locator('#root_description')
    .fill('Predicts which customers are about to churn');
  await page.getByRole('button', { name: 'Next' }).click();
  // Model: the tutorial's artifacts, image and role
  await page
    .locator('#root_modelDataURL')
    .fill(
      's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
    );
  await page
    .locator('#root_image')
    .fill(
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
    );
  await page
    .locator('#root_executionRoleARN')
    .fill(
      'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role-123456789012',
    );
  await page.getByRole('button', { name: 'Next' }).click();
  // Serving: ml.m5.large, one instance, AllTraffic (the defaults are the tutorial's)
  await page.locator('#root_variantName').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  // Autoscaling: min 1, max 3, 60 invocations per instance, scale-in cooldown 700 s
  await page.locator('#root_scaleInCooldown').fill('700');
  await page.getByRole('button', { name: 'Next' }).click();
  // Delivery: apply to the sandbox now (the default)
  await page
    .getByText(
      'Apply to a cluster now and wait until the endpoint is InService',
    )
    .waitFor();
  // the stack has one cluster, so the cluster field stays empty
  assert.equal(await page.locator('#root_cluster').inputValue(), '');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const started = Date.now();
  await waitForLog(page, /Endpoint .* InService/, 240_000);
  await page
    .getByText(`${ENTITY_REF} is in the catalog`)
    .first()
    .waitFor({ timeout: 60_000 });
  console.log(
    `[measure] task started -> InService and in the catalog: ${
      Date.now() - started
    } ms`,
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
