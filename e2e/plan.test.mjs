/*
 * The edit dialog's what-if preview in the browser: a new target is replayed over the demo
 * service's recent traffic before anything is saved; cancelling leaves the cluster as it was.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
  launchBrowser,
  screenshotPath,
  signedInPage,
} from './browser.mjs';
import { getAck } from './kube.mjs';

const ENTITY_PAGE = `${APP}/catalog/default/component/churn-prediction`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The demo service's ScalableTarget and ScalingPolicy as the cluster has them. */
async function scalingResources() {
  const [target, policy] = await Promise.all([
    getAck('ScalableTarget', 'ml-serving', 'churn-prediction-scalable-target'),
    getAck('ScalingPolicy', 'ml-serving', 'churn-prediction-scaling-policy'),
  ]);
  const saved = o => ({
    resourceVersion: o.metadata.resourceVersion,
    spec: o.spec,
  });
  return { target: saved(target), policy: saved(policy) };
}

test('changing the target shows the replayed instances and the monthly cost difference before saving; cancel changes nothing', async () => {
  const before = await scalingResources();
  const currentTarget =
    before.policy.spec.targetTrackingScalingPolicyConfiguration.targetValue;
  // a tenth of the target: the replay needs more instances for the same traffic
  const proposedTarget = Math.max(1, Math.round(currentTarget / 10));

  const page = await signedInPage(browser);
  await page.goto(`${ENTITY_PAGE}/scaling`);
  await page.getByTestId('sagemaker-edit-scaling').click();
  const dialog = page.getByTestId('sagemaker-edit-dialog');
  const target = dialog.getByLabel('Target value');
  assert.equal(Number(await target.inputValue()), currentTarget);
  const replayRequests = [];
  page.on('request', req => {
    if (req.method() === 'POST' && /\/plan$/.test(req.url())) {
      replayRequests.push(req.url());
    }
  });
  const typedAt = Date.now();
  await target.fill(String(proposedTarget));

  const preview = dialog.getByTestId('sagemaker-plan-preview');
  // the chart of instances, current vs proposed, with its accessible description
  const chart = preview.getByRole('img', {
    name: /^Plan chart\. Current settings peak at \d+ instances, the proposed at \d+\.$/,
  });
  await chart.waitFor({ timeout: 60_000 });
  assert.ok(
    (await chart.locator('svg .recharts-line').count()) >= 2,
    'both replayed series are drawn',
  );
  await preview
    .getByText('Replayed instances: current vs proposed', { exact: true })
    .waitFor();
  const [, currentPeak, proposedPeak] =
    /peak at (\d+) instances, the proposed at (\d+)/
      .exec(await chart.getAttribute('aria-label'))
      .map(Number);
  assert.ok(
    proposedPeak >= currentPeak,
    `a lower target never needs fewer instances: ${currentPeak} -> ${proposedPeak}`,
  );
  const monthly = await preview
    .getByTestId('sagemaker-plan-monthly-difference')
    .innerText();
  assert.match(
    monthly,
    /^(\+\$[\d,.]+ per month \(more than now\)|about the same per month) — ≈ \$[\d,.]+ now, ≈ \$[\d,.]+ proposed, estimate from list prices\.$/,
  );
  if (proposedPeak > currentPeak) assert.match(monthly, /more than now/);
  await preview.getByRole('table', { name: 'Replay summary' }).waitFor();
  console.log(
    `[measure] target typed to replay shown in the edit dialog: ${
      Date.now() - typedAt
    } ms (${replayRequests.length} replay request(s)); ${monthly}`,
  );
  assert.ok(replayRequests.length >= 1, 'the preview came from the plan route');
  await page.screenshot({ path: screenshotPath('edit-dialog-plan.png') });

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // nothing was written: same specs and the same resourceVersions
  assert.deepEqual(await scalingResources(), before);
  await page.close();
});
