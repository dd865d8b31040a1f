#!/usr/bin/env node
/*
 * End-to-end tests: starts the whole local stack as `./scripts/dev.sh start` does (production
 * build on one port), but on shifted ports (offset 10000 or the next free one) with a fresh
 * state directory in the temp folder, so a running start is neither disturbed nor used. Runs
 * e2e/*.test.mjs with Node's test runner (they drive Debian's Chromium through playwright-core;
 * some start stacks of their own), then stops the stack.
 *
 *   node scripts/e2e.mjs                 every test file
 *   node scripts/e2e.mjs restart scaling only the files whose names contain one of the words
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  e2eStateDir,
  extraCatalogConfig,
  freePortOffset,
  startStack,
} from '../e2e/stack.mjs';

const filters = process.argv.slice(2);
const files = readdirSync(join(ROOT, 'e2e'))
  .filter(f => f.endsWith('.test.mjs'))
  .filter(f => filters.length === 0 || filters.some(word => f.includes(word)))
  .sort()
  .map(f => join('e2e', f));
if (files.length === 0) {
  console.error(`[e2e] no test file matches ${filters.join(', ')}`);
  process.exit(2);
}

const started = Date.now();
const portOffset = await freePortOffset(
  Number(process.env.E2E_PORT_OFFSET ?? 10000),
);
const stateDir = e2eStateDir(String(portOffset));
let stack;
let code = 1;
// Ctrl-C or a kill of this run must not leave the stack running
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stack?.stop();
    process.exit(130);
  });
}
try {
  stack = await startStack({
    stateDir,
    portOffset,
    fresh: true,
    // attack.test.mjs: an entity of the guest's team that claims another team's endpoint,
    // as anyone who can write a catalog-info.yaml somewhere the catalog reads could register
    configs: [
      extraCatalogConfig(stateDir, [join(ROOT, 'e2e/fixtures/intruder.yaml')]),
      // notifications.test.mjs: a short at-max threshold (the demo keeps the default)
      join(ROOT, 'e2e/fixtures/notifications.app-config.yaml'),
    ],
  });
  console.log(
    `[e2e] stack up in ${Math.round(stack.startMs / 1000)}s at ${
      stack.appUrl
    } (port offset ${portOffset})`,
  );
  const runner = spawn(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_APP_URL: stack.appUrl,
        E2E_BACKEND_URL: stack.backendUrl,
        E2E_SANDBOX_ADMIN_URL: stack.adminUrl,
        E2E_KUBECONFIG: stack.kubeconfig,
        // tests that start stacks of their own look for free ports above this one
        E2E_PORT_OFFSET: String(portOffset),
      },
    },
  );
  code = await new Promise(resolve => runner.on('exit', c => resolve(c ?? 1)));
} catch (err) {
  console.error(`[e2e] ${err.message}`);
  code = 1;
}
if (code !== 0 && stack) {
  console.error('[e2e] last output of the stack:\n' + stack.log().slice(-6000));
}
await stack?.stop();
console.log(`[e2e] done in ${Math.round((Date.now() - started) / 1000)}s`);
process.exit(code);
