#!/usr/bin/env node
/*
 * `./scripts/dev.sh start`: the sandbox cluster (with the demo ML service), then the Backstage
 * backend (:7007) and frontend (:3000). Ctrl-C stops everything.
 *
 * Options: --no-frontend (backend + sandbox only, used by some tests).
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = join(root, '.sandbox');
const args = process.argv.slice(2);
const withFrontend = !args.includes('--no-frontend');

/** Fixed local ports; see README "Ports". */
export const PORTS = { kube: 6443, aas: 6480, admin: 6490, backend: 7007, app: 3000 };

const children = [];

function run(name, command, commandArgs, env = {}) {
  const child = spawn(command, commandArgs, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping`);
      shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function waitFor(url, what, timeoutMs, init) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, init);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not become ready at ${url} within ${timeoutMs / 1000}s`);
    }
    await sleep(500);
  }
}

async function main() {
  // a fresh sandbox every start: its state is in memory, so old files would be stale
  rmSync(stateDir, { recursive: true, force: true });
  run('sandbox cluster', process.execPath, [
    join(root, 'packages/sandbox-cluster/bin/sandbox-cluster.js'),
    '--demo',
    '--state-dir',
    stateDir,
    '--kube-port',
    String(PORTS.kube),
    '--aas-port',
    String(PORTS.aas),
    '--admin-port',
    String(PORTS.admin),
  ]);
  // the sandbox writes endpoints.json once all its listeners are up
  const kubeconfig = join(stateDir, 'kubeconfig');
  const endpointsFile = join(stateDir, 'endpoints.json');
  const deadline = Date.now() + 60_000;
  while (!existsSync(endpointsFile)) {
    if (Date.now() > deadline) throw new Error('sandbox cluster did not write .sandbox/endpoints.json');
    await sleep(200);
  }
  await waitFor(`http://127.0.0.1:${PORTS.admin}/`, 'sandbox cluster admin API', 30_000);

  const yarn = join(root, '.yarn/releases/yarn-4.13.0.cjs');
  if (withFrontend) {
    run('backstage', process.execPath, [yarn, 'start'], { NODE_ENV: 'development' });
  } else {
    run('backend', process.execPath, [yarn, 'workspace', 'backend', 'start'], {
      NODE_ENV: 'development',
    });
  }
  await waitFor(
    `http://localhost:${PORTS.backend}/.backstage/health/v1/readiness`,
    'backend',
    180_000,
  );
  if (withFrontend) {
    await waitFor(`http://localhost:${PORTS.app}/`, 'frontend', 240_000);
  }
  console.log(`
  ML Platform Backstage is running (sandbox cluster, not AWS):
    app                 http://localhost:${PORTS.app}${withFrontend ? '' : ' (not started)'}
    backend             http://localhost:${PORTS.backend}
    demo ML service     http://localhost:${PORTS.app}/catalog/default/component/churn-prediction
    kubectl             export KUBECONFIG=${kubeconfig}
                        kubectl get endpoints.sagemaker -A
  Ctrl-C stops everything.
`);
}

main().catch(err => {
  console.error(`[start] ${err.message}`);
  shutdown(1);
});
