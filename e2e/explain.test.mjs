/*
 * "Why did it (not) scale?" in the browser: a surge pins the demo service at its maximum;
 * the card's explanation follows live and the tab's evidence names AWS's not-scaled reason
 * and the high alarm's state; when the load drops, the explanation says when scale-in comes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
  launchBrowser,
  screenshotPath,
  signedInPage,
} from './browser.mjs';
import { LULL, SURGE, restoreTraffic, setTraffic } from './traffic.mjs';

const ENTITY_PAGE = `${APP}/catalog/default/component/churn-prediction`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  // the other files expect the demo's own traffic
  await restoreTraffic('ml-serving', 'churn-prediction');
  await browser?.close();
});

/** The explanation of the (only) variant in `scope`, in the given state. */
const explanationIn = (scope, state) =>
  scope
    .locator(`[data-testid="sagemaker-explanation"][data-state="${state}"]`)
    .first();

test('a surge to the maximum: the card says why it stopped scaling, live; the tab shows the reason code and the alarm state; the drop says when scale-in comes', async () => {
  const page = await signedInPage(browser);
  await page.goto(ENTITY_PAGE);
  const card = page.getByTestId('sagemaker-data');
  await card.getByText('InService').first().waitFor();
  const range = await card.getByTestId('sagemaker-capacity-range').innerText();
  const max = Number(/max (\d+)/.exec(range)?.[1]);
  assert.ok(max >= 1, `a maximum in "${range}"`);
  let navigations = 0;
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations++;
  });

  const surgeAt = Date.now();
  await setTraffic('ml-serving', 'churn-prediction', SURGE);
  // three datapoints above the target (18 s at the demo's speed-up), provisioning (24 s),
  // then the next snapshot
  const atMax = explanationIn(card, 'at-max');
  await atMax.waitFor({ timeout: 240_000 });
  console.log(
    `[measure] surge to "at its maximum" in the card: ${Math.round(
      (Date.now() - surgeAt) / 1000,
    )} s`,
  );
  assert.match(
    await atMax.innerText(),
    new RegExp(
      `At its maximum of ${max} instances?; load is [\\d.]+× the target — raise the maximum or the target`,
    ),
  );
  assert.equal(navigations, 0, 'the card followed without a reload');

  // The tab: the evidence behind "Why?"
  await page.goto(`${ENTITY_PAGE}/scaling`);
  const tabExplanation = explanationIn(page, 'at-max');
  await tabExplanation.waitFor();
  await tabExplanation.getByRole('button', { name: 'Why?' }).click();
  const evidence = tabExplanation.getByTestId('sagemaker-explanation-evidence');
  // AWS's decision not to scale, with its code and the capacities it saw
  await evidence
    .locator('[data-evidence-kind="not-scaled-reason"]')
    .filter({
      hasText: new RegExp(
        `Not scaled \\(AlreadyAtMaxCapacity\\): capacity ${max}, range \\d+–${max}`,
      ),
    })
    .first()
    .waitFor({ timeout: 120_000 });
  // the target-tracking high alarm, in ALARM
  await evidence
    .locator('[data-evidence-kind="alarm"]')
    .filter({
      hasText: /AlarmHigh-\S+ is ALARM: the last \d of 3 datapoints above \d+/,
    })
    .first()
    .waitFor();
  await page.screenshot({
    path: screenshotPath('explanation-at-max.png'),
    fullPage: true,
  });

  // The load drops: the card says when scale-in comes (the low alarm's minutes, or the
  // scale-in cooldown's end), in its evidence as "Next scale-in: ..."
  await page.goto(ENTITY_PAGE);
  await card.getByTestId('sagemaker-explanation').first().waitFor();
  navigations = 0;
  const dropAt = Date.now();
  await setTraffic('ml-serving', 'churn-prediction', LULL);
  // the evidence stays open while the explanation changes under it
  const explanation = card.getByTestId('sagemaker-explanation').first();
  await explanation.getByRole('button', { name: 'Why?' }).click();
  const nextScaleIn = explanation.getByText(/^Next scale-in: /).first();
  await nextScaleIn.waitFor({ timeout: 300_000 });
  const next = await nextScaleIn.innerText();
  const summary = await explanation.innerText();
  assert.match(
    next,
    /^Next scale-in: (\d+ more minute\(s\) below [\d.]+|the low alarm fires after the cooldown, not before \d\d:\d\d)/,
  );
  assert.match(
    summary,
    /Scale-in waits: load has been below 90 % of the target for \d+ of the 15 minutes the low alarm needs|In scale-in cooldown; no further scale-in until it ends.*\(until \d\d:\d\d[^)]*\)/,
  );
  console.log(
    `[measure] drop to "${next}" in the card: ${Math.round(
      (Date.now() - dropAt) / 1000,
    )} s`,
  );
  assert.equal(navigations, 0, 'the card followed without a reload');
  await page.close();
});
