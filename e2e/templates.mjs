/*
 * Running the software templates from the browser as a user does, for the e2e tests that
 * need a service of their own: open a template from Create, fill in "New scaled model
 * endpoint" with the tutorial's values, follow the task log; and reading the catalog.
 */
import assert from 'node:assert/strict';
import { APP, BACKEND, guestToken } from './browser.mjs';

/** The catalog's answer for a Component: HTTP status and the entity when found. */
export async function catalogEntity(name) {
  const token = await guestToken();
  const res = await fetch(
    `${BACKEND}/api/catalog/entities/by-name/component/default/${name}`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  return { status: res.status, entity: res.ok ? await res.json() : undefined };
}

/** Opens a template from the Create page, as a user would. */
export async function chooseTemplate(page, title) {
  await page.goto(`${APP}/create`);
  const card = page.locator('.MuiCard-root').filter({ hasText: title });
  await card.getByRole('button', { name: 'Choose' }).click();
}

/** Shows the task log and waits until it contains the text. */
export async function waitForLog(page, text, timeout) {
  const showLogs = page.getByRole('button', { name: /show logs/i });
  if (await showLogs.isVisible()) await showLogs.click();
  await page.getByText(text).first().waitFor({ timeout });
}

/**
 * Runs "New scaled model endpoint" for `name` (owner ml-platform, the tutorial's model,
 * min 1 max 3, applied to the stack's one cluster) and waits until the task log says the
 * endpoint is InService and the service is in the catalog. Returns the task's duration.
 */
export async function createScaledModelEndpoint(page, name) {
  await chooseTemplate(page, 'New scaled model endpoint');

  // Service
  await page.locator('#root_name').fill(name);
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
    .getByText(`component:default/${name} is in the catalog`)
    .first()
    .waitFor({ timeout: 60_000 });
  return Date.now() - started;
}
