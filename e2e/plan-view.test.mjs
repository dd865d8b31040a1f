/*
 * The Scaling tab's Plan view in the browser: settings tried over the demo service's
 * recorded traffic (replayed beside the current ones with the monthly cost difference),
 * Suggest within a threshold, "Use in plan"; nothing is saved to the cluster.
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

const NAMESPACE = 'ml-serving';
const SERVICE = 'churn-prediction';
const ENTITY_PAGE = `${APP}/catalog/default/component/${SERVICE}`;
// The replay waits for a CloudWatch datapoint (every 6 s in the demo) after a fresh start.
const REPLAY_WAIT = { timeout: 90_000 };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * The service's ScalableTarget and ScalingPolicy as saved: spec and generation (which
 * only a spec change bumps; status updates by the controllers do not count as a save).
 */
async function savedScaling() {
  const [target, policy] = await Promise.all([
    getAck('ScalableTarget', NAMESPACE, `${SERVICE}-scalable-target`),
    getAck('ScalingPolicy', NAMESPACE, `${SERVICE}-scaling-policy`),
  ]);
  const saved = o => ({ generation: o.metadata.generation, spec: o.spec });
  return { target: saved(target), policy: saved(policy) };
}

/** "$1,234.50" -> 1234.5 */
const usd = text => Number(text.replace(/[$,]/g, ''));

/** The Current and Proposed cells of one row of a "Replay summary" table. */
async function summaryRow(table, label) {
  const row = table.getByRole('row', { name: new RegExp(`^${label} `) });
  await row.waitFor();
  const cells = row.locator('td');
  return (await cells.allInnerTexts()).map(t => t.trim().replace(/,/g, ''));
}

test('the Plan view replays a new target with its monthly cost, suggests the cheapest setting within a threshold and fills the form with it; nothing is saved', async () => {
  const saved = await savedScaling();
  const currentTarget =
    saved.policy.spec.targetTrackingScalingPolicyConfiguration.targetValue;
  const currentMax = saved.target.spec.maxCapacity;
  // twice the target: the same traffic never needs more instances
  const proposedTarget = currentTarget * 2;

  const page = await signedInPage(browser);
  try {
    const planBodies = [];
    const writes = [];
    page.on('request', req => {
      if (!req.url().includes('/api/sagemaker-scaling/')) return;
      if (req.method() === 'POST' && /\/plan$/.test(req.url())) {
        planBodies.push(req.postDataJSON());
      } else if (req.method() !== 'GET') {
        writes.push(`${req.method()} ${req.url()}`);
      }
    });
    await page.goto(`${ENTITY_PAGE}/scaling`);
    // the replay reads the recorded Invocations: after a fresh start, wait for the first
    // datapoint (the overview's load per instance comes from the same metric)
    await page
      .getByText(/Load\s+\d/)
      .first()
      .waitFor({ timeout: 150_000 });
    // Plan is a view of the tab: open it like a user, by its tab; the URL names it.
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.waitForURL(/\?view=plan$/);
    const view = page.getByTestId('sagemaker-plan-view');
    await page
      .getByText(
        "Try settings on this endpoint's recorded traffic; nothing is changed.",
      )
      .waitFor();

    // prefilled with the cluster's settings
    const target = view.getByLabel('Target value');
    const max = view.getByLabel('Max capacity');
    assert.equal(Number(await target.inputValue()), currentTarget);
    assert.equal(Number(await max.inputValue()), currentMax);
    await view
      .getByText('Change a setting to see it replayed beside the current ones.')
      .waitFor();

    // the last 24 hours instead of the default 7 days
    await view.getByLabel('Replay window').click();
    await page.getByRole('option', { name: 'Last 24 hours' }).click();

    await target.fill(String(proposedTarget));
    const preview = view.getByTestId('sagemaker-plan-preview');
    const chart = preview.getByRole('img', {
      name: /^Plan chart\. Current settings peak at \d+ instances, the proposed at \d+\.$/,
    });
    await chart.waitFor(REPLAY_WAIT);
    await preview
      .getByText('Replayed instances: current vs proposed', { exact: true })
      .waitFor();
    assert.ok(
      (await chart.locator('svg .recharts-line').count()) >= 2,
      'both replayed series are drawn',
    );
    const [, currentPeak, proposedPeak] =
      /peak at (\d+) instances, the proposed at (\d+)/
        .exec(await chart.getAttribute('aria-label'))
        .map(Number);
    assert.ok(
      proposedPeak <= currentPeak,
      `a higher target never needs more instances: ${currentPeak} -> ${proposedPeak}`,
    );
    // the summary puts the same replays side by side
    const summary = preview.getByRole('table', { name: 'Replay summary' });
    assert.deepEqual(await summaryRow(summary, 'Peak instances'), [
      String(currentPeak),
      String(proposedPeak),
    ]);
    const [currentHours, proposedHours] = (
      await summaryRow(summary, 'Instance-hours')
    ).map(Number);
    assert.ok(
      proposedHours <= currentHours,
      `instance-hours ${currentHours} -> ${proposedHours}`,
    );
    const monthly = await preview
      .getByTestId('sagemaker-plan-monthly-difference')
      .innerText();
    const monthlyMatch =
      /^(?:−\$[\d,.]+ per month \(less than now\)|about the same per month) — ≈ (\$[\d,.]+) now, ≈ (\$[\d,.]+) proposed, estimate from list prices\.$/.exec(
        monthly,
      );
    assert.ok(monthlyMatch, `monthly cost difference: "${monthly}"`);
    assert.ok(usd(monthlyMatch[2]) <= usd(monthlyMatch[1]), monthly);
    // the replay asked for was the form's, over the chosen window
    const replayed = planBodies.at(-1);
    assert.equal(replayed.settings.targetValue, proposedTarget);
    assert.equal(replayed.hours, 24);
    assert.equal(replayed.suggest, undefined);

    // Suggest: a threshold beyond the window is refused in the form, before any request
    const suggest = view.getByTestId('sagemaker-plan-suggest');
    const threshold = suggest.getByLabel('Max minutes above target');
    const suggestButton = suggest.getByRole('button', { name: 'Suggest' });
    await threshold.fill('1441');
    await suggest
      .getByText(
        "Max minutes above target must be at most the window's 1440 minutes",
      )
      .waitFor();
    assert.equal(await suggestButton.isDisabled(), true);
    // the whole window: every candidate is acceptable, so the pick is the cheapest of all
    await threshold.fill('1440');
    await suggest.getByText('100 % of the replayed window').waitFor();
    const asked = planBodies.length;
    await suggestButton.click();
    const suggestion = suggest.getByTestId('sagemaker-suggestion');
    const pickLine = suggestion.getByText(
      /^Target [\d.]+, min \d+, max \d+ — ≈ \$[\d,.]+\/month \(estimate from list prices\), ≈ \$[\d,.]+\/month now$/,
    );
    await pickLine.waitFor(REPLAY_WAIT);
    assert.deepEqual(planBodies[asked].suggest, {
      maxMinutesAboveTarget: 1440,
    });
    assert.equal(planBodies[asked].hours, 24);
    const [, pickTarget, , pickMax, pickMonthly, nowMonthly] =
      /^Target ([\d.]+), min (\d+), max (\d+) — ≈ (\$[\d,.]+)\/month .*, ≈ (\$[\d,.]+)\/month now$/.exec(
        (await pickLine.innerText()).trim(),
      );
    assert.ok(
      usd(pickMonthly) <= usd(nowMonthly),
      `the cheapest setting costs no more than now: ${pickMonthly} vs ${nowMonthly}`,
    );
    // candidates are the current target x 0.5..1.5
    assert.ok(
      Number(pickTarget) >= currentTarget * 0.5 &&
        Number(pickTarget) <= currentTarget * 1.5,
      `suggested target ${pickTarget} near the current ${currentTarget}`,
    );
    await suggestion
      .getByText(
        new RegExp(
          `^The cheapest of \\d+ of \\d+ candidates that keep at most 1440 minutes above ${currentTarget} invocations per instance is target ${pickTarget}, max ${pickMax}`,
        ),
      )
      .waitFor();
    const suggestionSummary = suggestion.getByRole('table', {
      name: 'Replay summary',
    });
    const [nowHours, pickHours] = (
      await summaryRow(suggestionSummary, 'Instance-hours')
    ).map(Number);
    assert.ok(
      pickHours <= nowHours,
      `instance-hours ${nowHours} -> ${pickHours}`,
    );
    // the guest owns the service, so it may also take the pick into the edit dialog
    await suggestion
      .getByRole('button', { name: 'Edit with these settings' })
      .waitFor();
    await page.screenshot({
      path: screenshotPath('plan-view.png'),
      fullPage: true,
    });

    const pickIsCurrent =
      Number(pickTarget) === currentTarget && Number(pickMax) === currentMax;
    // the pick, replayed as the proposed settings once it is in the form
    const pickReplayed = pickIsCurrent
      ? undefined
      : page.waitForResponse(res => {
          if (!/\/plan$/.test(res.url())) return false;
          const body = res.request().postDataJSON();
          return (
            body.suggest === undefined &&
            body.settings.targetValue === Number(pickTarget) &&
            body.settings.maxCapacity === Number(pickMax)
          );
        }, REPLAY_WAIT);
    await suggestion.getByRole('button', { name: 'Use in plan' }).click();
    assert.equal(await target.inputValue(), pickTarget);
    assert.equal(await max.inputValue(), pickMax);
    if (pickIsCurrent) {
      await preview
        .getByText(
          'Change a setting to see it replayed beside the current ones.',
        )
        .waitFor();
    } else {
      assert.equal((await pickReplayed).status(), 200);
      await chart.waitFor(REPLAY_WAIT);
      await preview.getByTestId('sagemaker-plan-monthly-difference').waitFor();
    }

    // nothing was written: no request but reads and replays, the same saved settings
    assert.deepEqual(writes, []);
    assert.deepEqual(await savedScaling(), saved);
  } catch (error) {
    await page.screenshot({
      path: '/tmp/plan-view-failure.png',
      fullPage: true,
    });
    throw error;
  }
  await page.close();
});
