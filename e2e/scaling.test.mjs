import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
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
  return page.getByTestId('sagemaker-scaling-card');
}

/** Reads "current / desired instances" from the card, e.g. [1, 2]. */
async function instanceCounts(card) {
  const text = await card.getByTestId('sagemaker-scaling-instances').innerText();
  const m = /(\d+)\s*\/\s*(\d+)/.exec(text);
  assert.ok(m, `instance counts in "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

test('the demo service card shows InService with instance counts', async () => {
  const page = await signedInPage(browser);
  const opened = Date.now();
  await page.goto(ENTITY_PAGE);
  const card = scalingCard(page);
  await card.getByText('InService').first().waitFor();
  const populatedMs = Date.now() - opened;
  console.log(`[measure] entity page open -> populated scaling card: ${populatedMs} ms`);
  const [current, desired] = await instanceCounts(card);
  assert.ok(current >= 1 && desired >= 1);
  await card.getByText(/min 1/).first().waitFor();
  await page.screenshot({ path: screenshotPath('card-light.png') });
  await page.close();
});

test('sandbox traffic scales the endpoint out and the card follows without a reload', async () => {
  const page = await signedInPage(browser);
  await page.goto(ENTITY_PAGE);
  const card = scalingCard(page);
  await card.getByText('InService').first().waitFor();
  const [, desiredBefore] = await instanceCounts(card);
  let navigations = 0;
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations++;
  });
  // the demo's spiky traffic at 30x time scale scales out within about two minutes
  const deadline = Date.now() + 240_000;
  let desired = desiredBefore;
  while (desired <= desiredBefore) {
    assert.ok(Date.now() < deadline, 'no scale-out shown within 4 minutes');
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
    await page.getByTestId('sagemaker-scaling-capacity-chart').locator('svg').first().waitFor();
    await page.getByText('ScalingPolicy').first().waitFor();
    await page.screenshot({ path: screenshotPath(`tab-${colorScheme}.png`), fullPage: true });
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
  await page.getByRole('button', { name: 'Edit scaling' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit scaling' });
  const max = dialog.getByLabel('Max capacity');
  await max.fill('6');
  await dialog.getByRole('button', { name: 'Review changes' }).click();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.goto(ENTITY_PAGE);
  await scalingCard(page).getByText(/max 6/).first().waitFor();
  await page.close();
});

test('a user who does not own the service sees no edit button', async () => {
  const page = await signedInPage(browser);
  await page.goto(`${APP}/catalog/default/component/fraud-detection/scaling`);
  await page.getByText('InService').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Edit scaling' }).count(), 0);
  await page.close();
});
