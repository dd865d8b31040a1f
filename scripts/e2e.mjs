#!/usr/bin/env node
/*
 * End-to-end tests: starts the whole local stack (sandbox cluster, backend, frontend) as
 * `./scripts/dev.sh start` does, runs e2e/*.test.mjs with Node's test runner (they drive
 * Debian's Chromium through playwright-core), then stops the stack.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const APP = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';

async function isUp(url) {
  try {
    const res = await fetch(url);
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntilUp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isUp(url))) {
    if (Date.now() > deadline) throw new Error(`${url} not up after ${timeoutMs / 1000}s`);
    await sleep(1000);
  }
}

const readiness = `${BACKEND}/.backstage/health/v1/readiness`;
if ((await isUp(readiness)) || (await isUp(APP))) {
  console.error('[e2e] something already listens on :7007 or :3000; stop it first');
  process.exit(1);
}

const started = Date.now();
const stack = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let stackLog = '';
const keep = chunk => {
  stackLog = (stackLog + chunk.toString()).slice(-20000);
};
stack.stdout.on('data', keep);
stack.stderr.on('data', keep);

function stopStack() {
  try {
    process.kill(-stack.pid, 'SIGTERM');
  } catch {
    // already stopped
  }
}
process.on('exit', stopStack);

let code = 1;
try {
  await waitUntilUp(readiness, 300_000);
  await waitUntilUp(APP, 300_000);
  console.log(`[e2e] stack up in ${Math.round((Date.now() - started) / 1000)}s`);
  const files = readdirSync(join(root, 'e2e'))
    .filter(f => f.endsWith('.test.mjs'))
    .sort()
    .map(f => join('e2e', f));
  const runner = spawn(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_APP_URL: APP, E2E_BACKEND_URL: BACKEND } },
  );
  code = await new Promise(resolve => runner.on('exit', c => resolve(c ?? 1)));
} catch (err) {
  console.error(`[e2e] ${err.message}`);
  code = 1;
}
if (code !== 0) {
  console.error('[e2e] last output of the stack:\n' + stackLog.slice(-6000));
}
stopStack();
await sleep(1500);
process.exit(code);
