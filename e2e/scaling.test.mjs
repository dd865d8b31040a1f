import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
  SANDBOX_ADMIN,
  launchBrowser,
  screenshotPath,
  signedInPage,
} from './browser.mjs';

const ENTITY_PAGE = `${APP}/catalog/default/component/churn-prediction`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The card on the entity overview page. */
function scalingCard(page) {
  return page.getByTestId('sagemaker-data');
}

/** Reads "current / desired instances" from the card, e.g. [1, 2]. */
async function instanceCounts(card) {
  const text = await card.getByTestId('sagemaker-instance-counts').innerText();
  const m = /(\d+)\s*\/\s*(\d+)/.exec(text);
  assert.ok(m, `instance counts in "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

test('the demo service card shows InService with instance counts', async () => {
  const page = await signedInPage(browser);
  await page.goto(ENTITY_PAGE);
  const card = scalingCard(page);
  await card.getByText('InService').first().waitFor();
  const [current, desired] = await instanceCounts(card);
  assert.ok(current >= 1 && desired >= 1);
  await card
    .getByTestId('sagemaker-capacity-range')
    .getByText(/min 1/)
    .waitFor();
  // the load per instance needs the sandbox's first metric period after its start
  await card
    .getByText(/Load\s+\d/)
    .first()
    .waitFor({ timeout: 150_000 });
  await page.screenshot({ path: screenshotPath('card-light.png') });
  await page.close();
});

test('sandbox traffic scales the endpoint out and the card follows without a reload', async () => {
  // fraud-detection: steady, quiet traffic keeps it at 1 of at most 2 instances, so there is
  // room to scale out (churn-prediction's spiky demo traffic may already have it at max)
  const page = await signedInPage(browser);
  await page.goto(`${APP}/catalog/default/component/fraud-detection`);
  const card = scalingCard(page);
  await card.getByText('InService').first().waitFor();
  const [, desiredBefore] = await instanceCounts(card);
  const range = await card.getByTestId('sagemaker-capacity-range').innerText();
  const max = Number(/max (\d+)/.exec(range)?.[1]);
  assert.ok(
    desiredBefore < max,
    `room to scale out: ${desiredBefore} of ${range}`,
  );
  let navigations = 0;
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations++;
  });
  // a traffic surge through the sandbox's admin API: 10x the target per instance, so target
  // tracking scales out after three metric periods (18 s with the demo's --speed-up 10)
  const res = await fetch(
    `${SANDBOX_ADMIN}/traffic/ml-serving/fraud-detection`,
    {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pattern: 'steady', base: 600 * desiredBefore }),
    },
  );
  assert.equal(res.status, 200, await res.text());
  const deadline = Date.now() + 180_000;
  let desired = desiredBefore;
  while (desired <= desiredBefore) {
    assert.ok(Date.now() < deadline, 'no scale-out shown within 3 minutes');
    await page.waitForTimeout(2000);
    [, desired] = await instanceCounts(card);
  }
  assert.equal(navigations, 0, 'the page was not reloaded');
  await page.close();
});

test('the Scaling tab renders the capacity chart and the five resources', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await signedInPage(browser, { colorScheme });
    await page.goto(`${ENTITY_PAGE}/scaling`);
    // the Overview view opens by default; Plan and History are tabs beside it
    const overviewTab = page.getByRole('tab', { name: 'Overview' });
    assert.equal(await overviewTab.getAttribute('aria-selected'), 'true');
    await page.getByRole('tabpanel', { name: 'Overview' }).waitFor();
    await page.getByTestId('sagemaker-chart').locator('svg').first().waitFor();
    await page.getByText('ScalingPolicy').first().waitFor();
    await page.screenshot({
      path: screenshotPath(`tab-${colorScheme}.png`),
      fullPage: true,
    });
    if (colorScheme === 'dark') {
      await page.goto(ENTITY_PAGE);
      await scalingCard(page).getByText('InService').first().waitFor();
      await page.screenshot({ path: screenshotPath('card-dark.png') });
    }
    await page.close();
  }
});

test('an owner changes max capacity and the card shows it', async () => {
  const page = await signedInPage(browser);
  await page.goto(`${ENTITY_PAGE}/scaling`);
  await page.getByTestId('sagemaker-edit-scaling').click();
  const dialog = page.getByTestId('sagemaker-edit-dialog');
  const max = dialog.getByLabel('Max capacity');
  await max.fill('6');
  await dialog.getByRole('button', { name: 'Review changes' }).click();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.goto(ENTITY_PAGE);
  await scalingCard(page)
    .getByTestId('sagemaker-capacity-range')
    .getByText(/max 6/)
    .waitFor();
  await page.close();
});

test('a user who does not own the service sees no edit button', async () => {
  const page = await signedInPage(browser);
  // the button depends on a permission decision: wait for it, so the test can fail
  const decided = page.waitForResponse(
    res => res.url().includes('/api/permission/authorize') && res.ok(),
  );
  await page.goto(`${APP}/catalog/default/component/fraud-detection/scaling`);
  await page.getByTestId('sagemaker-endpoint-status').first().waitFor();
  await decided;
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('sagemaker-edit-scaling').count(), 0);
  await page.close();
});
