/*
 * Owner notifications in the browser: a surge pins the demo service at its maximum; its
 * owner (the guest) gets one notification in the bell, not one per snapshot, linking to
 * the Scaling tab; when the surge ends the same notification says it is resolved. The e2e
 * stack shortens the at-max threshold to 15 s (e2e/fixtures/notifications.app-config.yaml).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
  BACKEND,
  guestToken,
  launchBrowser,
  screenshotPath,
  signedInPage,
} from './browser.mjs';
import { LULL, SURGE, restoreTraffic, setTraffic } from './traffic.mjs';

const ENTITY_PAGE = `${APP}/catalog/default/component/churn-prediction`;
const TAB_PATH = '/catalog/default/component/churn-prediction/scaling';
const AT_MAX_TITLE =
  'SageMaker endpoint pinned at its maximum capacity: churn-prediction';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await restoreTraffic('ml-serving', 'churn-prediction');
  await browser?.close();
});

/** The notifications backend's REST API, as the guest. */
async function notificationsApi(path, init = {}) {
  const res = await fetch(`${BACKEND}/api/notifications${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  assert.ok(res.ok, `${path}: HTTP ${res.status} ${await res.clone().text()}`);
  return res.json();
}

/** The guest's notifications about churn-prediction from this plugin. */
async function churnNotifications() {
  const { notifications } = await notificationsApi(
    '/notifications?topic=sagemaker-scaling&limit=100',
  );
  return notifications.filter(n => n.payload.link === TAB_PATH);
}

test("a surge that pins the demo service at its maximum: one notification in the owner's bell, resolved when the surge ends", async () => {
  // The demo's spike (or an earlier file's surge) may have it at its maximum already: start
  // below it, so this surge starts a new at-max episode.
  const page = await signedInPage(browser);
  await page.goto(ENTITY_PAGE);
  const card = page.getByTestId('sagemaker-data');
  await card.getByText('InService').first().waitFor();
  await setTraffic('ml-serving', 'churn-prediction', LULL);
  await card
    .getByTestId('sagemaker-capacity-range')
    .filter({ hasNotText: 'at max' })
    .waitFor({ timeout: 300_000 });
  // and one evaluation later (every 3 s), its end is sent
  await page.waitForTimeout(8000);
  // Start from an empty bell: an earlier file's surge may have left a notification.
  const { notifications: earlier } = await notificationsApi(
    '/notifications?limit=100',
  );
  if (earlier.length) {
    await notificationsApi('/notifications/update', {
      method: 'POST',
      body: JSON.stringify({ ids: earlier.map(n => n.id), read: true }),
    });
  }
  await page.reload();
  const bell = page.getByRole('link', { name: /^Notifications/ });
  await bell.waitFor();
  assert.equal(await bell.getByLabel('Unread notifications').count(), 0);

  const surgeAt = Date.now();
  await setTraffic('ml-serving', 'churn-prediction', SURGE);
  // scale-out to the maximum, 15 s there, the next evaluation; the bell updates by signal
  try {
    await bell
      .getByLabel('Unread notifications')
      .getByText('1', { exact: true })
      .waitFor({ timeout: 240_000 });
  } catch (e) {
    await page.screenshot({ path: '/tmp/notifications-bell-failure.png' });
    console.log(
      '[debug] notifications:',
      JSON.stringify(await churnNotifications()),
    );
    throw e;
  }
  console.log(
    `[measure] surge to the at-max notification in the bell: ${Math.round(
      (Date.now() - surgeAt) / 1000,
    )} s`,
  );
  // Evaluations every 3 s and snapshots every few seconds send nothing more.
  await page.waitForTimeout(20_000);
  const started = await churnNotifications();
  assert.deepEqual(
    started.map(n => [n.payload.title, n.payload.severity, Boolean(n.read)]),
    [[AT_MAX_TITLE, 'high', false]],
  );
  assert.equal(
    await bell.getByLabel('Unread notifications').innerText(),
    '1',
    'one unread notification, not one per snapshot',
  );

  // The notifications page lists it, linking to the Scaling tab.
  await bell.click();
  await page.waitForURL(/\/notifications/);
  const link = page.getByRole('link', { name: AT_MAX_TITLE });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), TAB_PATH);
  assert.equal(
    await page.getByRole('link', { name: /churn-prediction$/ }).count(),
    1,
  );
  await page.screenshot({ path: screenshotPath('notifications-at-max.png') });

  // The surge ends: the same notification (one scope per entity and finding) is updated.
  const dropAt = Date.now();
  await setTraffic('ml-serving', 'churn-prediction', LULL);
  const resolved = page.getByRole('link', {
    name: `Resolved: ${AT_MAX_TITLE}`,
  });
  await resolved.waitFor({ timeout: 300_000 });
  console.log(
    `[measure] load drop to the resolved notification on the page: ${Math.round(
      (Date.now() - dropAt) / 1000,
    )} s`,
  );
  assert.equal(await resolved.getAttribute('href'), TAB_PATH);
  const ended = await churnNotifications();
  assert.deepEqual(
    ended.map(n => [n.id, n.payload.title, n.payload.severity]),
    [[started[0].id, `Resolved: ${AT_MAX_TITLE}`, 'low']],
  );
  await page.screenshot({ path: screenshotPath('notifications-resolved.png') });
  await page.close();
});
