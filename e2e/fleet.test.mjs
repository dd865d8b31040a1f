/*
 * The "ML endpoints" page in the browser: reached from the sidebar, "My groups" by default
 * (the guest's team's services only), "All", sorting by a column, a service just made
 * with the template appearing, the finding filter and the search; and the fleet card on
 * the Group and System pages, linking to the page filtered the same way.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { APP, ROOT, launchBrowser, signedInPage } from './browser.mjs';
import { createScaledModelEndpoint } from './templates.mjs';
import { applyAck, deleteAck, listAck } from './kube.mjs';

const CHURN = 'component:default/churn-prediction';
const FRAUD = 'component:default/fraud-detection';
const SERVICE = `e2e-fleet-${randomBytes(3).toString('hex')}`;
const SERVICE_REF = `component:default/${SERVICE}`;
const NAMESPACE = 'ml-serving';
const KINDS = [
  'ScalingPolicy',
  'ScalableTarget',
  'Endpoint',
  'EndpointConfig',
  'Model',
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  // the service made here is removed again, so later tests see the demo as it was
  for (const kind of KINDS) {
    for (const object of await listAck(kind, NAMESPACE).catch(() => [])) {
      if (object.metadata.name.startsWith(SERVICE)) {
        await deleteAck(kind, NAMESPACE, object.metadata.name).catch(
          () => undefined,
        );
      }
    }
  }
});

const row = (page, entityRef) =>
  page.locator(`tr[data-entity-ref="${entityRef}"]`);

/** The entity refs of the table's rows, top to bottom. */
const rowOrder = page =>
  page
    .locator('tr[data-entity-ref]')
    .evaluateAll(rows => rows.map(r => r.getAttribute('data-entity-ref')));

/** Polls until `check` holds (the page reads the list again after each change). */
async function eventually(check, message, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    assert.ok(Date.now() < deadline, message);
    await new Promise(r => setTimeout(r, 250));
  }
}

async function assertBefore(page, first, second) {
  await eventually(async () => {
    const order = await rowOrder(page);
    return (
      order.includes(first) &&
      order.includes(second) &&
      order.indexOf(first) < order.indexOf(second)
    );
  }, `${first} before ${second}`);
}

test('the sidebar opens "ML endpoints": my groups by default, all on request, sorted by any column', async () => {
  const page = await signedInPage(browser);
  const started = Date.now();
  await page.getByRole('link', { name: 'ML endpoints' }).click();
  await page.waitForURL(/\/ml-endpoints/);
  await row(page, CHURN).waitFor();
  console.log(
    `[measure] sidebar click -> fleet page with rows: ${
      Date.now() - started
    } ms`,
  );
  assert.equal(
    await page.getByLabel('Owner').inputValue(),
    'me',
    'the default owner filter is "My groups"',
  );
  assert.equal(await row(page, FRAUD).count(), 0, 'another team owns it');
  await row(page, CHURN).getByText('InService').waitFor();
  // cluster, and the endpoint's namespace below it
  assert.match(await row(page, CHURN).innerText(), /sandbox\s+ml-serving/);

  await page.getByLabel('Owner').selectOption({ label: 'All' });
  await row(page, FRAUD).waitFor();
  await row(page, CHURN).waitFor();
  assert.match(page.url(), /owner=all/);

  // by name (the default): churn-prediction before fraud-detection
  await assertBefore(page, CHURN, FRAUD);
  // by owner: data-science before ml-platform, then the other way round
  await page.getByRole('button', { name: 'Owner' }).click();
  await assertBefore(page, FRAUD, CHURN);
  assert.match(page.url(), /sort=owner/);
  await page.getByRole('button', { name: 'Owner' }).click();
  await assertBefore(page, CHURN, FRAUD);
  assert.match(page.url(), /order=desc/);
  // all ten columns fit a 1440 px window with the sidebar open: nothing to scroll to
  const table = page.getByRole('table', { name: 'ML endpoints' });
  const overflow = await table.evaluate(t => {
    const box = t.parentElement;
    return { scroll: box.scrollWidth, visible: box.clientWidth };
  });
  assert.ok(
    overflow.scroll <= overflow.visible,
    `the table is ${overflow.scroll} px wide in ${overflow.visible} px`,
  );
  const findingHeader = await page
    .getByRole('columnheader', { name: /Top finding/ })
    .boundingBox();
  assert.ok(
    findingHeader.x + findingHeader.width <= page.viewportSize().width,
    'the last column is on screen',
  );
  await page.screenshot({
    path: join(ROOT, 'plugins/sagemaker-scaling/docs/fleet-light.png'),
  });
  await page.close();
});

test('a service made with the template appears, and the finding filter and the search find it', async () => {
  const page = await signedInPage(browser);
  const taskMs = await createScaledModelEndpoint(page, SERVICE);
  console.log(
    `[measure] template task for the fleet's new service: ${taskMs} ms`,
  );

  const shown = Date.now();
  await page.goto(`${APP}/ml-endpoints`);
  await row(page, SERVICE_REF).waitFor();
  console.log(
    `[measure] fleet page opened -> new service's row: ${
      Date.now() - shown
    } ms`,
  );
  await row(page, SERVICE_REF).getByText('InService').waitFor();
  assert.match(await row(page, SERVICE_REF).innerText(), /of 1\.\.3/);

  // its owner turns scale-in off out of band, as with kubectl: a finding of its own
  const [policy] = (await listAck('ScalingPolicy', NAMESPACE)).filter(p =>
    p.metadata.name.startsWith(SERVICE),
  );
  assert.ok(policy, `the ScalingPolicy of ${SERVICE}`);
  const tracking = policy.spec.targetTrackingScalingPolicyConfiguration;
  await applyAck(
    {
      apiVersion: policy.apiVersion,
      kind: 'ScalingPolicy',
      metadata: { name: policy.metadata.name, namespace: NAMESPACE },
      spec: {
        ...policy.spec,
        targetTrackingScalingPolicyConfiguration: {
          ...tracking,
          disableScaleIn: true,
        },
      },
    },
    'kubectl-edit',
  );

  await page.getByLabel('Owner').selectOption({ label: 'All' });
  await page.getByLabel('Finding').selectOption({ label: 'scale in disabled' });
  await eventually(
    async () => {
      // the list of the new filter, once the backend's cache has the changed policy
      if ((await row(page, SERVICE_REF).count()) > 0) return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return false;
    },
    `${SERVICE} listed under the scale-in-disabled finding`,
    60_000,
  );
  await row(page, SERVICE_REF)
    .getByText(/scale-in disabled/)
    .waitFor();
  assert.deepEqual(
    (await rowOrder(page)).filter(r => r === CHURN || r === FRAUD),
    [],
    'the demo services have scale-in enabled',
  );

  await page.getByLabel('Finding').selectOption({ label: 'Any or none' });
  await row(page, CHURN).waitFor();
  await page.getByLabel('Search by name').fill(SERVICE);
  await eventually(
    async () => (await rowOrder(page)).join() === SERVICE_REF,
    `only ${SERVICE} matches the search`,
  );
  await page.close();
});

test('Group and System pages show their ML endpoints with a link to the filtered page', async () => {
  const page = await signedInPage(browser);
  await page.goto(`${APP}/catalog/default/group/data-science`);
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('View in ML endpoints') });
  await row(card, FRAUD).waitFor();
  assert.equal(await row(card, CHURN).count(), 0);
  await card.getByText('View in ML endpoints').click();
  await page.waitForURL(/\/ml-endpoints\?owner=group%3Adefault%2Fdata-science/);
  await row(page, FRAUD).waitFor();
  assert.equal(await row(page, CHURN).count(), 0);

  await page.goto(`${APP}/catalog/default/system/ml-inference`);
  await row(card, CHURN).waitFor();
  await row(card, FRAUD).waitFor();
  await page.close();
});

test('the page in the dark theme', async () => {
  const page = await signedInPage(browser, { colorScheme: 'dark' });
  await page.goto(`${APP}/ml-endpoints?owner=all`);
  await row(page, CHURN).getByText('InService').waitFor();
  await row(page, FRAUD).waitFor();
  await page.screenshot({
    path: join(ROOT, 'plugins/sagemaker-scaling/docs/fleet-dark.png'),
  });
  await page.close();
});
