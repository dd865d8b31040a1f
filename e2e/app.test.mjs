import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
  guestToken,
  BACKEND,
  ROOT,
  launchBrowser,
  signedInPage,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the demo ML service is in the catalog with its endpoint annotations', async () => {
  const token = await guestToken();
  const res = await fetch(
    `${BACKEND}/api/catalog/entities/by-name/component/default/churn-prediction`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  assert.equal(res.status, 200);
  const entity = await res.json();
  assert.equal(entity.spec.type, 'ml-service');
  assert.equal(
    entity.metadata.annotations['sagemaker.services.k8s.aws/endpoint-name'],
    'churn-prediction',
  );
  assert.equal(
    entity.metadata.annotations['backstage.io/kubernetes-namespace'],
    'ml-serving',
  );
});

test('a guest signs in and sees the demo ML service in the catalog', async () => {
  const page = await signedInPage(browser);
  await page.goto(`${APP}/`); // the catalog is the home page
  await page.getByRole('link', { name: 'churn-prediction' }).first().waitFor();
  await page.close();
});

test('"New scaled model endpoint" is offered under Create', async () => {
  const page = await signedInPage(browser);
  await page.goto(`${APP}/create`);
  await page.getByText('New scaled model endpoint').first().waitFor();
  await page.close();
});

test('app and API share one origin: the backend serves the production build', async () => {
  assert.equal(new URL(APP).origin, new URL(BACKEND).origin);
  const html = await (
    await fetch(`${APP}/catalog/default/component/churn-prediction`)
  ).text();
  // the built index.html with hashed bundles, not the dev server's
  assert.match(html, /static\/main\.[0-9a-f]+\.js/);
});

test('the backend runs in production mode: error bodies carry no stack or file paths', async () => {
  const token = await guestToken();
  const res = await fetch(
    `${BACKEND}/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/scaling`,
    {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: '{not json',
    },
  );
  assert.equal(res.status, 400);
  const body = await res.text();
  assert.match(body, /"error"/);
  assert.doesNotMatch(body, /"stack"/);
  assert.ok(!body.includes(ROOT), `no paths of the machine in ${body}`);
});
