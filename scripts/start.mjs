#!/usr/bin/env node
/*
 * `./scripts/dev.sh start`: the sandbox cluster (with the demo ML services), then the Backstage
 * backend in production mode serving the production build of the app, all on one port (7007).
 * `./scripts/dev.sh dev` (--dev): the hot-reloading dev servers instead (app :3000, backend
 * :7007). State (SQLite databases, sandbox objects and simulated AWS state) lives in the
 * state directory and survives restarts; `./scripts/dev.sh reset` deletes it. Ctrl-C stops
 * everything.
 *
 * Options:
 *   --dev               hot-reloading dev servers instead of the production build
 *   --state-dir <dir>   state directory (default .sandbox)
 *   --port-offset <n>   add n to every port (tests run next to a running start this way)
 *   --config <file>     one more app-config file, loaded last (repeatable), e.g. catalog
 *                       locations of your own; lists in it replace the ones it names
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultStateDir = join(root, '.sandbox');
const yarn = join(root, '.yarn/releases/yarn-4.13.0.cjs');

/** Fixed local ports; see README "Ports". */
const BASE_PORTS = {
  kube: 6443,
  aas: 6480,
  admin: 6490,
  backend: 7007,
  app: 3000,
};

const { values: opts } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    'state-dir': { type: 'string' },
    'port-offset': { type: 'string', default: '0' },
    config: { type: 'string', multiple: true, default: [] },
  },
});
const dev = opts.dev;
const stateDir = resolve(opts['state-dir'] ?? defaultStateDir);
const offset = Number(opts['port-offset']);
if (!Number.isInteger(offset) || offset < 0 || offset > 50000) {
  console.error(
    `[start] --port-offset needs a whole number 0..50000, got ${opts['port-offset']}`,
  );
  process.exit(2);
}
const PORTS = Object.fromEntries(
  Object.entries(BASE_PORTS).map(([k, p]) => [k, p + offset]),
);
const backendUrl = `http://localhost:${PORTS.backend}`;
const appUrl = dev ? `http://localhost:${PORTS.app}` : backendUrl;
const kubeconfig = join(stateDir, 'kubeconfig');

const children = [];
let shuttingDown = false;

function run(name, command, commandArgs, { cwd = root, env = {} } = {}) {
  const child = spawn(command, commandArgs, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    // own process group, so stopping also reaches the grandchildren (yarn -> cli -> node)
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

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops every child gracefully and exits only when they are gone, so the sandbox writes its
 * state file and the ports are free when this process ends (restarts depend on both).
 */
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 15_000;
  while (children.some(c => groupAlive(c.pid)) && Date.now() < deadline) {
    await sleep(200);
  }
  for (const child of children) {
    if (groupAlive(child.pid)) {
      console.error(
        `[start] process group ${child.pid} did not stop within 15 s; killing it`,
      );
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function waitFor(url, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (shuttingDown) throw new Error(`stopped while waiting for ${what}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not become ready at ${url} within ${timeoutMs / 1000}s`,
      );
    }
    await sleep(500);
  }
}

function portInUse(port) {
  return new Promise(res => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      res(true);
    });
    socket.once('error', () => res(false));
  });
}

/** Workspace packages by name, with their folders. */
function workspacePackages() {
  const packages = new Map();
  for (const group of ['packages', 'plugins']) {
    for (const name of readdirSync(join(root, group))) {
      const file = join(root, group, name, 'package.json');
      if (existsSync(file)) {
        const json = JSON.parse(readFileSync(file, 'utf8'));
        packages.set(json.name, { dir: join(root, group, name), json });
      }
    }
  }
  return packages;
}

function hashTree(hash, dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    if (['node_modules', 'dist', 'dist-types', '.git'].includes(entry.name))
      continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      hashTree(hash, path);
    } else if (entry.isFile()) {
      hash
        .update(`${relative(root, path)}\0`)
        .update(readFileSync(path))
        .update('\0');
    }
  }
}

/**
 * What the app build depends on: the app and the workspace packages it pulls in (transitively),
 * the lockfile, the build-time config (app.packages) and the Node version.
 */
function appSourceStamp() {
  const packages = workspacePackages();
  const seen = new Set();
  const queue = ['app'];
  while (queue.length) {
    const name = queue.shift();
    if (seen.has(name) || !packages.has(name)) continue;
    seen.add(name);
    const { json } = packages.get(name);
    queue.push(
      ...Object.keys({ ...json.dependencies, ...json.peerDependencies }),
    );
  }
  const hash = createHash('sha256').update(process.version);
  for (const name of [...seen].sort()) hashTree(hash, packages.get(name).dir);
  for (const file of [
    'yarn.lock',
    'package.json',
    'app-config.yaml',
    'app-config.local.yaml',
  ]) {
    if (existsSync(join(root, file)))
      hash.update(file).update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

/** A lock across start processes (e2e runs next to a start), so only one builds at a time. */
async function withBuildLock(fn) {
  const lock = join(root, 'node_modules/.cache/app-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // being created or removed right now
      }
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = true;
      } catch {
        // no such process
      }
      if (
        !alive &&
        Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 5000
      ) {
        rmSync(lock, { recursive: true, force: true }); // left behind by a killed start
      } else {
        await sleep(1000);
      }
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds packages/app/dist unless it was built from the same sources. */
async function ensureAppBuild() {
  const dist = join(root, 'packages/app/dist');
  const stampFile = join(dist, '.build-stamp');
  const fresh = want =>
    existsSync(join(dist, 'index.html')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === want;
  await withBuildLock(async () => {
    const want = appSourceStamp();
    if (fresh(want)) return;
    console.log(
      '[start] building the app (its sources changed since the last build)',
    );
    const started = Date.now();
    const build = spawn(process.execPath, [yarn, 'workspace', 'app', 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise(r => build.on('exit', r));
    if (code !== 0) throw new Error(`the app build failed (exit ${code})`);
    writeFileSync(stampFile, want);
    console.log(
      `[start] app built in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
}

/**
 * Config for a state directory or ports other than the defaults (tests): absolute paths, so
 * app-config.yaml stays readable. It replaces the sagemakerScaling.clusters list.
 */
function instanceConfig() {
  return {
    app: { baseUrl: appUrl },
    backend: {
      baseUrl: backendUrl,
      listen: { port: PORTS.backend },
      cors: { origin: appUrl },
      database: { connection: { directory: join(stateDir, 'db') } },
    },
    sagemakerScaling: {
      clusters: [
        { name: 'sandbox', auth: { type: 'kubeconfig', path: kubeconfig } },
      ],
      aws: {
        applicationAutoScalingEndpoint: `http://127.0.0.1:${PORTS.aas}`,
        cloudWatchEndpoint: `http://127.0.0.1:${PORTS.aas}`,
        pricing: { enabled: true, endpoint: `http://127.0.0.1:${PORTS.aas}` },
      },
    },
  };
}

function configArgs() {
  const files = [join(root, 'app-config.yaml')];
  if (!dev) files.push(join(root, 'app-config.start.yaml'));
  // loaded by default when no --config is given; keep honouring it
  if (existsSync(join(root, 'app-config.local.yaml')))
    files.push(join(root, 'app-config.local.yaml'));
  if (offset !== 0 || stateDir !== defaultStateDir) {
    const file = join(stateDir, 'app-config.instance.json');
    writeFileSync(file, JSON.stringify(instanceConfig(), null, 2));
    files.push(file);
  }
  for (const extra of opts.config) {
    const file = resolve(extra);
    if (!existsSync(file)) {
      throw new Error(`--config ${extra}: no such file`);
    }
    files.push(file);
  }
  return files.flatMap(f => ['--config', f]);
}

async function main() {
  for (const port of dev ? [PORTS.backend, PORTS.app] : [PORTS.backend]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is in use (is a start or dev already running?)`,
      );
    }
  }
  mkdirSync(stateDir, { recursive: true });
  // rewritten by the sandbox on every start; waiting for it tells us its listeners are up
  const endpointsFile = join(stateDir, 'endpoints.json');
  rmSync(endpointsFile, { force: true });
  if (!dev) await ensureAppBuild();
  const config = configArgs();

  run('sandbox cluster', process.execPath, [
    join(root, 'packages/sandbox-cluster/bin/sandbox-cluster.js'),
    '--demo',
    '--state-dir',
    stateDir,
    '--state-file',
    join(stateDir, 'sandbox-state.json'),
    '--kube-port',
    String(PORTS.kube),
    '--aas-port',
    String(PORTS.aas),
    '--admin-port',
    String(PORTS.admin),
  ]);
  const deadline = Date.now() + 60_000;
  while (!existsSync(endpointsFile)) {
    if (Date.now() > deadline)
      throw new Error(`sandbox cluster did not write ${endpointsFile}`);
    if (shuttingDown) return;
    await sleep(200);
  }
  await waitFor(
    `http://127.0.0.1:${PORTS.admin}/`,
    'sandbox cluster admin API',
    30_000,
  );

  if (dev) {
    run('backstage dev servers', process.execPath, [yarn, 'start', ...config], {
      env: { NODE_ENV: 'development' },
    });
  } else {
    // From the TypeScript sources through the CLI's SWC transform (as the sandbox runs):
    // `backstage-cli package build` makes a deployable bundle for an image, not something to
    // run in place, and the workspace plugins' entry points are their sources.
    const require = createRequire(import.meta.url);
    run(
      'backend',
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
        ...config,
      ],
      { cwd: join(root, 'packages/backend'), env: { NODE_ENV: 'production' } },
    );
  }
  await waitFor(
    `${backendUrl}/.backstage/health/v1/readiness`,
    'backend',
    240_000,
  );
  await waitFor(`${appUrl}/`, dev ? 'app dev server' : 'app', 300_000);
  const stateNote =
    stateDir === defaultStateDir
      ? '.sandbox/ is kept across restarts; ./scripts/dev.sh reset clears it'
      : `${stateDir}/ is kept across restarts`;
  console.log(`
  ML Platform Backstage is running (${
    dev ? 'dev servers, hot reload' : 'production build'
  }; sandbox cluster, not AWS):
    app                 ${appUrl}${dev ? `  (backend ${backendUrl})` : ''}
    demo ML service     ${appUrl}/catalog/default/component/churn-prediction
    kubectl             export KUBECONFIG=${kubeconfig}
                        kubectl get endpoints.sagemaker -A
    state               ${stateNote}
  Ctrl-C stops everything.
`);
}

main().catch(err => {
  console.error(`[start] ${err.message}`);
  shutdown(1);
});
