import { launchBrowser, signedInPage, APP } from '/work/main/e2e/browser.mjs';
const browser = await launchBrowser();
const page = await signedInPage(browser);
try {
  await page.goto(`${APP}/create/templates/default/scaled-model-endpoint`);
  await page.locator('#root_name').fill('e2e-churn-explore');
  const owner = page.locator('#root_owner');
  await owner.click();
  await owner.fill('ml-platform');
  await page.getByRole('option', { name: /ml-platform/ }).first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#root_modelDataURL').fill('s3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz');
  await page.locator('#root_image').fill('683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1');
  await page.locator('#root_executionRoleARN').fill('arn:aws:iam::123456789012:role/ack-sagemaker-execution-role-123456789012');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#root_variantName').waitFor();
  console.log(await page.locator('label').allInnerTexts());
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#root_scaleInCooldown').fill('700');
  console.log(await page.locator('label').allInnerTexts());
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForTimeout(800);
  console.log(await page.locator('label').allInnerTexts());
  await page.screenshot({ path: '/tmp/F/form5.png', fullPage: true });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/F/review.png', fullPage: true });
  console.log(await page.getByRole('button').allInnerTexts());
} catch (e) { console.log(e.message); await page.screenshot({ path: '/tmp/F/err.png', fullPage: true }); }
finally { await browser.close(); }
