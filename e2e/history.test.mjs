/*
 * Change history and revert (issue 13, "Done when"): the demo service's maximum changed out of
 * band the way `kubectl edit` changes it (a JSON merge patch of the ScalableTarget with the
 * field manager kubectl-edit), then in Chromium: the Scaling tab's history shows the change
 * with kubectl's field manager as the actor, without a reload; the guest reverts it from the
 * tab; the history shows both, the tab the restored maximum, and the cluster has it again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP,
  launchBrowser,
  screenshotPath,
  signedInPage,
} from './browser.mjs';
import { kube, listAck } from './kube.mjs';

const NAMESPACE = 'ml-serving';
const SERVICE = 'churn-prediction';
const TAB = `${APP}/catalog/default/component/${SERVICE}/scaling`;
const TARGETS = `/apis/applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/${NAMESPACE}/scalabletargets`;

let browser;
let target;
before(async () => {
  browser = await launchBrowser();
  target = await scalableTarget();
});
after(async () => {
  await browser?.close();
  // Leave the demo service as it was found, even when the revert did not happen.
  const now = await scalableTarget();
  if (target && now.spec.maxCapacity !== target.spec.maxCapacity) {
    await kubectlEditMaxCapacity(target.spec.maxCapacity);
  }
});

/** The demo service's ScalableTarget, from the cluster. */
async function scalableTarget() {
  const targets = await listAck('ScalableTarget', NAMESPACE);
  const found = targets.find(t =>
    t.spec.resourceID.startsWith(`endpoint/${SERVICE}/variant/`),
  );
  assert.ok(found, `a ScalableTarget of ${SERVICE} in ${NAMESPACE}`);
  return found;
}

/**
 * What `kubectl edit scalabletarget <name>` sends after the maximum is changed in the
 * editor: a JSON merge patch (custom resources have no strategic merge) of the changed field,
 * with the field manager kubectl-edit.
 */
async function kubectlEditMaxCapacity(maxCapacity) {
  const res = await kube(
    'PATCH',
    `${TARGETS}/${target.metadata.name}?fieldManager=kubectl-edit`,
    { spec: { maxCapacity } },
    'application/merge-patch+json',
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const instances = n => `${n} ${n === 1 ? 'instance' : 'instances'}`;

test('an out-of-band change appears in the history and the owner reverts it from the tab', async () => {
  const original = target.spec.maxCapacity;
  const changed = original + 2;
  const page = await signedInPage(browser);
  await page.goto(TAB);
  // History is a view of the tab: open it like a user, by its tab; the URL names it.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.waitForURL(/\?view=history$/);
  const card = page.getByTestId('sagemaker-history-card');
  await card.waitFor();
  // The first page of the history has arrived (a list or the empty state).
  await card
    .getByText(/recorded yet|out of band|revert|edit/)
    .first()
    .waitFor();
  // Switching views changes the URL in the page (no document load): a mark on the
  // window survives exactly as long as the page is not reloaded.
  await page.evaluate(() => {
    window.__historyTestNotReloaded = true;
  });
  const notReloaded = () =>
    page.evaluate(() => window.__historyTestNotReloaded === true);

  const edited = Date.now();
  const patched = await kubectlEditMaxCapacity(changed);
  assert.ok(
    patched.metadata.managedFields.some(
      f => f.manager === 'kubectl-edit' && f.operation === 'Update',
    ),
    'the cluster names kubectl-edit as the manager of the change',
  );

  const entries = card.getByTestId(/^sagemaker-history-entry-/);
  const outOfBand = entries
    .filter({ hasText: 'out of band: kubectl-edit' })
    .filter({
      hasText: `Max capacity: ${instances(original)} → ${instances(changed)}`,
    });
  await outOfBand.waitFor({ timeout: 60_000 });
  console.log(
    `[measure] kubectl edit -> entry in the tab's history: ${
      Date.now() - edited
    } ms`,
  );
  assert.ok(await notReloaded(), 'the page was not reloaded');

  await outOfBand.getByRole('button', { name: /^Revert change/ }).click();
  const dialog = page.getByTestId('sagemaker-revert-dialog');
  const maxRow = dialog.locator('tr[data-changed="true"]');
  assert.equal(await maxRow.count(), 1, 'only the maximum is restored');
  assert.match(
    await maxRow.innerText(),
    new RegExp(`Max capacity\\s+${changed}\\s+${original}\\s+changed`),
  );
  await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Both changes, newest first: the revert by the guest, then kubectl's.
  const reverted = `Max capacity: ${instances(changed)} → ${instances(
    original,
  )}`;
  const revert = entries.filter({ hasText: reverted });
  await revert.waitFor();
  const revertText = await revert.innerText();
  assert.match(revertText, /^revert$/m, 'the revert chip');
  assert.match(revertText, /guest/i, 'the guest as the actor');
  const texts = await entries.allInnerTexts();
  const revertAt = texts.findIndex(t => t.includes(reverted));
  const kubectlAt = texts.findIndex(t =>
    t.includes('out of band: kubectl-edit'),
  );
  assert.equal(
    revertAt,
    0,
    `the revert is the newest: ${JSON.stringify(texts)}`,
  );
  assert.equal(kubectlAt, 1, `kubectl's change next: ${JSON.stringify(texts)}`);
  // kubectl's change is undone: nothing left to revert on it.
  await outOfBand.getByRole('button').waitFor({ state: 'detached' });
  await page.getByTestId('sagemaker-apply-success').waitFor();
  await card
    .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]')
    .screenshot({ path: screenshotPath('history-light.png') });

  // The Overview shows the restored maximum from the same live snapshot, and the
  // browser's back button returns to the History view.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const range = page.getByTestId('sagemaker-capacity-range').first();
  await range.getByText(new RegExp(`max ${original}\\b`)).waitFor();
  await page.goBack();
  await page.waitForURL(/\?view=history$/);
  await entries.filter({ hasText: reverted }).waitFor();

  assert.equal((await scalableTarget()).spec.maxCapacity, original);
  assert.ok(await notReloaded(), 'the page was not reloaded');
  await page.close();
});
