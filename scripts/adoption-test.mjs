#!/usr/bin/env node
/*
 * Adoption test: installs this suite into a stock Backstage app the way an adopter does, and
 * fails when the READMEs are wrong. Run by `./scripts/dev.sh test` after `repo build --all`.
 *
 *  1. packs every publishable package (`yarn pack`, which runs backstage-cli's prepack);
 *  2. serves the tarballs from a loopback registry for the `@mlplatform` scope (stands in for
 *     npm; everything else comes from the npm registry as usual);
 *  3. creates an app with `@backstage/create-app` (pinned, non-interactive) and installs it;
 *  4. runs the `## Installation` steps of the READMEs literally (scripts/adoption/readmeSteps.mjs);
 *  5. `yarn tsc:full` and a production build of the app;
 *  6. starts a sandbox cluster and the stock backend on free ports, then checks that the
 *     templates are registered, runs "New scaled model endpoint" through the scaffolder API,
 *     waits for the new service to reach the catalog (entity provider) and reads its scaling
 *     snapshot (InService).
 *
 *   node scripts/adoption-test.mjs            full run (a fresh app in a temp folder)
 *   ADOPTION_KEEP=1 node scripts/adoption-test.mjs   keep the app folder afterwards
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import YAML from 'yaml';
import { startLocalRegistry } from './adoption/localRegistry.mjs';
import { readInstallSteps } from './adoption/readmeSteps.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const YARN_JS = join(ROOT, '.yarn/releases/yarn-4.13.0.cjs');
/** The create-app release the test scaffolds: the newest on npm when this was last checked. */
export const CREATE_APP_VERSION = '0.9.2';
/** READMEs whose Installation sections are followed, in this order. */
const READMES = [
  'README.md',
  'plugins/sagemaker-scaling-backend/README.md',
  'plugins/catalog-backend-module-sagemaker/README.md',
  'plugins/scaffolder-backend-module-sagemaker/README.md',
  'plugins/sagemaker-scaling/README.md',
];

const timings = [];
const work = mkdtempSync(join(tmpdir(), 'sagemaker-adoption-'));
const appDir = join(work, 'stock-app');
const children = [];
let registry;

function log(message) {
  console.log(`[adoption] ${message}`);
}

async function stage(name, fn) {
  const started = Date.now();
  log(`${name} ...`);
  const result = await fn();
  const seconds = Math.round((Date.now() - started) / 1000);
  timings.push([name, seconds]);
  log(`${name}: ${seconds}s`);
  return result;
}

/** PATH with the project's Node first and a `yarn` that runs the committed yarn release. */
function toolEnv() {
  const bin = join(work, 'bin');
  if (!existsSync(bin)) {
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'yarn'),
      `#!/bin/sh\nexec "${process.execPath}" "${YARN_JS}" "$@"\n`,
    );
    chmodSync(join(bin, 'yarn'), 0o755);
  }
  return {
    ...process.env,
    PATH: `${bin}:${dirname(process.execPath)}:${process.env.PATH}`,
    // CI makes yarn default to --immutable; the stock app's first install writes its lockfile
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
  };
}

/**
 * Runs a shell command; its output goes to `<work>/<logName>.log` and its tail is printed
 * when it fails. Asynchronous on purpose: the registry answers from this process.
 */
async function sh(command, cwd, { logName = 'commands', env = {} } = {}) {
  const logFile = join(work, `${logName}.log`);
  appendFileSync(logFile, `\n$ ${command}\n`);
  const out = openSync(logFile, 'a');
  const child = spawn('bash', ['-euo', 'pipefail', '-c', command], {
    cwd,
    env: { ...toolEnv(), ...env },
    stdio: ['ignore', out, out],
  });
  const code = await new Promise(resolve => child.on('exit', resolve));
  closeSync(out);
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8')
      .split('\n')
      .slice(-40)
      .join('\n');
    throw new Error(
      `\`${command}\` exited with ${code}; end of ${logFile}:\n${tail}`,
    );
  }
}

function publishablePackages() {
  return readdirSync(join(ROOT, 'plugins'))
    .map(dir => join(ROOT, 'plugins', dir))
    .filter(dir => existsSync(join(dir, 'package.json')))
    .filter(
      dir => !JSON.parse(readFileSync(join(dir, 'package.json'))).private,
    );
}

async function packAll() {
  const out = join(work, 'tarballs');
  mkdirSync(out, { recursive: true });
  for (const dir of publishablePackages()) {
    // prepack rewrites package.json for publishing and postpack puts it back; restore it
    // ourselves as well, so an interrupted pack never leaves a rewritten file in the tree
    const manifest = join(dir, 'package.json');
    const original = readFileSync(manifest);
    try {
      await sh(`yarn pack --out '${out}/%s-%v.tgz'`, dir, { logName: 'pack' });
    } finally {
      writeFileSync(manifest, original);
    }
  }
  return readdirSync(out).map(f => join(out, f));
}

function configureStockApp() {
  // An adopter's registry setup for a private scope; the stock app's own config otherwise.
  const yarnrcPath = join(appDir, '.yarnrc.yml');
  const yarnrc = YAML.parse(readFileSync(yarnrcPath, 'utf8'));
  yarnrc.npmScopes = { mlplatform: { npmRegistryServer: registry.url } };
  // yarn refuses plain http unless the host is listed, even for localhost
  yarnrc.unsafeHttpWhitelist = ['localhost'];
  yarnrc.npmPreapprovedPackages = [
    ...(yarnrc.npmPreapprovedPackages ?? []),
    '@mlplatform/*',
  ];
  writeFileSync(yarnrcPath, YAML.stringify(yarnrc));
}

function mergeConfig(target, source) {
  for (const [key, value] of Object.entries(source ?? {})) {
    if (Array.isArray(value) && Array.isArray(target[key])) {
      target[key] = [...target[key], ...value];
    } else if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      target[key] &&
      typeof target[key] === 'object'
    ) {
      mergeConfig(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

async function followReadmes() {
  const backendIndex = join(appDir, 'packages/backend/src/index.ts');
  const appConfigPath = join(appDir, 'app-config.yaml');
  for (const readme of READMES) {
    const steps = readInstallSteps(join(ROOT, readme));
    log(`following ${readme}`);
    for (const command of steps.commands) {
      log(`  $ ${command}`);
      await sh(command, appDir, { logName: 'readme-steps' });
    }
    if (steps.backendLines.length > 0) {
      const source = readFileSync(backendIndex, 'utf8');
      if (!source.includes('backend.start();')) {
        throw new Error(`${backendIndex} has no backend.start()`);
      }
      writeFileSync(
        backendIndex,
        source.replace(
          'backend.start();',
          `${steps.backendLines.join('\n')}\n\nbackend.start();`,
        ),
      );
    }
    for (const block of steps.appConfig) {
      const config = YAML.parse(readFileSync(appConfigPath, 'utf8'));
      writeFileSync(
        appConfigPath,
        YAML.stringify(mergeConfig(config, YAML.parse(block))),
      );
    }
  }
  // Type-check both entry points of the frontend package against the stock app's framework
  // packages: with `app.packages: all` no source file imports them, so tsc:full would not.
  writeFileSync(
    join(appDir, 'packages/app/src/sagemakerScalingTypeCheck.tsx'),
    `import { createApp } from '@backstage/frontend-defaults';
import type { Entity } from '@backstage/catalog-model';
import sagemakerScalingPlugin from '@mlplatform/plugin-sagemaker-scaling/alpha';
import {
  EntitySageMakerScalingCard,
  isSageMakerScalingAvailable,
} from '@mlplatform/plugin-sagemaker-scaling';

export function adoptionCheck(entity: Entity): JSX.Element | null {
  createApp({ features: [sagemakerScalingPlugin] });
  return isSageMakerScalingAvailable(entity) ? <EntitySageMakerScalingCard /> : null;
}
`,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startChild(name, command, args, options) {
  const child = spawn(command, args, {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logFile = join(work, `${name}.log`);
  const chunks = [];
  child.stdout.on('data', d => chunks.push(d));
  child.stderr.on('data', d => chunks.push(d));
  child.on('exit', () => writeFileSync(logFile, Buffer.concat(chunks)));
  children.push({ name, child, chunks, logFile });
  return child;
}

function stopChildren() {
  for (const { child } of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function waitFor(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const result = await fn();
      if (result) return result;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${timeoutMs / 1000}s${
          last ? `: ${last.message}` : ''
        }`,
      );
    }
    await sleep(1000);
  }
}

async function startStack() {
  const [kubePort, aasPort, adminPort, backendPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const sandboxDir = join(work, 'sandbox');
  startChild('sandbox', process.execPath, [
    join(ROOT, 'packages/sandbox-cluster/bin/sandbox-cluster.js'),
    '--state-dir',
    sandboxDir,
    '--kube-port',
    String(kubePort),
    '--aas-port',
    String(aasPort),
    '--admin-port',
    String(adminPort),
    '--endpoint-create-seconds',
    '5',
  ]);
  await waitFor(
    'the sandbox writing its endpoints file',
    () => existsSync(join(sandboxDir, 'endpoints.json')),
    60_000,
  );

  // The test's environment: its own sandbox instead of the README's EKS example.
  const backendUrl = `http://localhost:${backendPort}`;
  writeFileSync(
    join(appDir, 'app-config.local.yaml'),
    YAML.stringify({
      app: { baseUrl: backendUrl },
      backend: {
        baseUrl: backendUrl,
        listen: { port: backendPort, host: '127.0.0.1' },
        cors: { origin: backendUrl },
      },
      sagemakerScaling: {
        clusters: [
          {
            name: 'sandbox',
            auth: { type: 'kubeconfig', path: join(sandboxDir, 'kubeconfig') },
          },
        ],
        aws: {
          region: 'us-east-1',
          applicationAutoScalingEndpoint: `http://127.0.0.1:${aasPort}`,
          cloudWatchEndpoint: `http://127.0.0.1:${aasPort}`,
        },
      },
      aws: {
        mainAccount: {
          accessKeyId: 'sandbox-access-key',
          secretAccessKey: 'sandbox-secret-key',
        },
      },
    }),
  );
  startChild(
    'backend',
    process.execPath,
    [YARN_JS, 'workspace', 'backend', 'start'],
    { cwd: appDir, env: toolEnv() },
  );
  await waitFor(
    'the stock backend becoming ready',
    async () =>
      (
        await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
      ).ok,
    240_000,
  );
  return { backendUrl };
}

async function api(backendUrl, token, path, init = {}) {
  const res = await fetch(`${backendUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const body = await res.text();
  if (!res.ok) {
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${body}`);
  }
  return JSON.parse(body);
}

async function checkStack({ backendUrl }) {
  const { backstageIdentity } = await (
    await fetch(`${backendUrl}/api/auth/guest/refresh`)
  ).json();
  const token = backstageIdentity.token;

  for (const name of [
    'scaled-model-endpoint',
    'decommission-scaled-model-endpoint',
  ]) {
    await waitFor(
      `template ${name} in the catalog`,
      () =>
        api(
          backendUrl,
          token,
          `/api/catalog/entities/by-name/template/default/${name}`,
        ),
      60_000,
    );
  }
  log('both templates are registered');

  const service = 'adoption-check';
  const { id } = await api(backendUrl, token, '/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({
      templateRef: 'template:default/scaled-model-endpoint',
      values: templateValues(service),
    }),
  });
  const task = await waitFor(
    'the scaffolder task finishing',
    async () => {
      const t = await api(backendUrl, token, `/api/scaffolder/v2/tasks/${id}`);
      return ['completed', 'failed', 'cancelled'].includes(t.status) && t;
    },
    240_000,
  );
  if (task.status !== 'completed') {
    const events = await api(
      backendUrl,
      token,
      `/api/scaffolder/v2/tasks/${id}/events`,
    );
    const lines = events.map(e => e.body?.message).filter(Boolean);
    throw new Error(`template task ${task.status}:\n${lines.join('\n')}`);
  }
  log('"New scaled model endpoint" completed');

  await waitFor(
    `component ${service} in the catalog (entity provider)`,
    () =>
      api(
        backendUrl,
        token,
        `/api/catalog/entities/by-name/component/default/${service}`,
      ),
    60_000,
  );
  const snapshot = await waitFor(
    `the scaling snapshot of ${service} saying InService`,
    async () => {
      const s = await api(
        backendUrl,
        token,
        `/api/sagemaker-scaling/v1/entities/component/default/${service}/scaling`,
      );
      return s.endpoint?.status === 'InService' && s;
    },
    120_000,
  );
  log(
    `snapshot: endpoint ${snapshot.endpoint.status}, ${snapshot.variants.length} variant(s)`,
  );
}

/** The tutorial's values, as the template form submits them. */
function templateValues(name) {
  return {
    name,
    // no owner: the template defaults to the initiator's first group, else the user
    // (`user:development/guest` in a stock app, which has no groups), and the apply
    // action lets the initiator bind new resources only to an entity they own
    description: 'Adoption test service',
    namespace: 'ml-serving',
    modelDataURL: 's3://sagemaker-us-east-1-123456789012/xgboost/model.tar.gz',
    image:
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    executionRoleARN: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole',
    instanceType: 'ml.m5.large',
    initialInstanceCount: 1,
    variantName: 'AllTraffic',
    minCapacity: 1,
    maxCapacity: 3,
    metricType: 'SageMakerVariantInvocationsPerInstance',
    targetValue: 60,
    scaleInCooldown: 300,
    scaleOutCooldown: 300,
    disableScaleIn: false,
    lifecycle: 'experimental',
    delivery: 'apply',
    cluster: 'sandbox',
    timeoutMinutes: 5,
  };
}

let failed = false;
try {
  const tarballs = await stage('pack the publishable packages', packAll);
  registry = await startLocalRegistry(tarballs);
  log(`registry ${registry.url} serves ${registry.packages.join(', ')}`);
  await stage(
    `create a stock app (@backstage/create-app@${CREATE_APP_VERSION})`,
    () =>
      sh(
        `npx -y @backstage/create-app@${CREATE_APP_VERSION} --skip-install --path '${appDir}'`,
        work,
        { logName: 'create-app', env: { BACKSTAGE_APP_NAME: 'stock-app' } },
      ),
  );
  configureStockApp();
  await stage('install the stock app', () =>
    sh('yarn install', appDir, { logName: 'install' }),
  );
  await stage('follow the READMEs', followReadmes);
  await stage('yarn tsc:full', () =>
    sh('yarn tsc:full', appDir, { logName: 'tsc-full' }),
  );
  await stage('production build of the app', () =>
    sh('yarn workspace app build', appDir, { logName: 'app-build' }),
  );
  const stack = await stage('start sandbox + stock backend', startStack);
  await stage('check the installed plugins', () => checkStack(stack));
} catch (e) {
  failed = true;
  console.error(`[adoption] FAILED: ${e.stack ?? e}`);
  for (const { name, chunks } of children) {
    const text = Buffer.concat(chunks).toString('utf8');
    console.error(`[adoption] last output of ${name}:\n${text.slice(-6000)}`);
  }
} finally {
  stopChildren();
  await registry?.close();
  console.log('[measure] adoption test stages (s):');
  for (const [name, seconds] of timings)
    console.log(`[measure]   ${name}: ${seconds}`);
  if (process.env.ADOPTION_KEEP || failed) {
    log(`kept ${work}`);
  } else {
    rmSync(work, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
