/*
 * First navigation -> populated card, production build (the e2e run's stack, as
 * `./scripts/dev.sh start` serves it) against the dev servers (`./scripts/dev.sh dev`, started
 * here on ports of their own), printed as [measure] lines. Each navigation is in a new browser
 * context (empty cache) of a returning guest, so it counts loading the app, signing in and the
 * card's data.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP, launchBrowser, returningGuestContext } from './browser.mjs';
import { e2eStateDir, freePortOffset, startStack } from './stack.mjs';

const ENTITY_PAGE = '/catalog/default/component/churn-prediction';
const WARM_RUNS = 3;

let browser;
let devStack;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await devStack?.stop();
});

/**
 * Milliseconds from navigating a fresh context to the entity page until the card shows live
 * data (its instance counts; the status may be Updating while the demo scales).
 */
async function firstNavigationToCard(appUrl, timeoutMs) {
  const context = await returningGuestContext(browser);
  // bytes over the wire (after compression); event streams never finish, so they are left out
  const sizes = [];
  context.on('response', res => {
    if (
      !String(res.headers()['content-type']).startsWith('text/event-stream')
    ) {
      sizes.push(
        res
          .request()
          .sizes()
          .then(
            s => s.responseBodySize,
            () => 0,
          ),
      );
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const started = Date.now();
  await page.goto(`${appUrl}${ENTITY_PAGE}`);
  await page
    .getByTestId('sagemaker-data')
    .getByTestId('sagemaker-instance-counts')
    .waitFor();
  const ms = Date.now() - started;
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { ms, bytes };
}

/**
 * The first navigation after the start (the dev server compiles its bundle on that first
 * request), then fresh browsers against the warmed-up server.
 */
async function measure(appUrl) {
  // on two busy cores the dev server's first compile has taken from one to four minutes
  const first = await firstNavigationToCard(appUrl, 480_000);
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++)
    warm.push(await firstNavigationToCard(appUrl, 120_000));
  const sorted = warm.map(r => r.ms).sort((a, b) => a - b);
  return { first, warm, median: sorted[Math.floor(WARM_RUNS / 2)] };
}

function describe(result) {
  return `first after start ${
    result.first.ms
  } ms; fresh browser, warm server: median ${result.median} ms (${result.warm
    .map(r => r.ms)
    .join(', ')} ms); ${Math.round(
    result.warm[0].bytes / 1024,
  )} KB transferred`;
}

let production;

test('production build: first navigation to a populated card', async () => {
  production = await measure(APP);
  console.log(
    `[measure] first navigation -> populated card, production build: ${describe(
      production,
    )}`,
  );
});

test('dev servers: first navigation to a populated card, slower than the production build', async () => {
  const portOffset = await freePortOffset(
    Number(process.env.E2E_PORT_OFFSET ?? 10000) + 200,
  );
  devStack = await startStack({
    stateDir: e2eStateDir(`dev-${portOffset}`),
    portOffset,
    dev: true,
    fresh: true,
  });
  // the dev server compiles its bundle after it listens and holds requests until then
  const listened = Date.now();
  const html = await (await fetch(devStack.appUrl)).text();
  for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    await (await fetch(new URL(src, devStack.appUrl))).arrayBuffer();
  }
  console.log(
    `[measure] dev servers listening after ${
      devStack.startMs
    } ms, bundle compiled ${Date.now() - listened} ms later`,
  );
  const dev = await measure(devStack.appUrl);
  console.log(
    `[measure] first navigation -> populated card, dev servers: ${describe(
      dev,
    )}`,
  );
  assert.ok(production, 'the production measurement ran first');
  console.log(
    `[measure] first navigation -> populated card, production vs dev: first after start ${
      production.first.ms
    } vs ${dev.first.ms} ms, warm server ${production.median} vs ${
      dev.median
    } ms (${(dev.median / production.median).toFixed(1)}x)`,
  );
  assert.ok(production.median < dev.median, 'the production build is faster');
});
