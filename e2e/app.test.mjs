import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, guestToken, BACKEND, launchBrowser, signedInPage } from './browser.mjs';

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
  assert.equal(entity.metadata.annotations['backstage.io/kubernetes-namespace'], 'ml-serving');
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
