/*
 * Nothing is lost on restart: on a stack of its own, a new ML service created through the
 * scaffolder API (the "New scaled model endpoint" template, delivery "apply"), a scale-out
 * driven through the sandbox and a scaling change are all still there after the stack is
 * stopped (as Ctrl-C does) and started again on the same state directory.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, guestToken } from './browser.mjs';
import { e2eStateDir, freePortOffset, startStack } from './stack.mjs';

const BUILD_STAMP = join(ROOT, 'packages/app/dist/.build-stamp');
const SERVICE = `e2e-restart-${randomBytes(3).toString('hex')}`;
const NAMESPACE = 'ml-serving';

let stack;
after(async () => {
  await stack?.stop();
});

async function api(path, init = {}) {
  const token = await guestToken(stack.backendUrl);
  const res = await fetch(`${stack.backendUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls fn until it returns a truthy value. */
async function eventually(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    assert.ok(Date.now() < deadline, `${what} within ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** The `default` of every property of the template's form pages. */
function formDefaults(template) {
  const values = {};
  for (const page of template.spec.parameters) {
    for (const [key, schema] of Object.entries(page.properties ?? {})) {
      if (schema.default !== undefined) values[key] = schema.default;
    }
  }
  return values;
}

const scalingPath = `/api/sagemaker-scaling/v1/entities/component/default/${SERVICE}`;
const before = {};

test('a new service, a scale-out and a scaling change are still there after a restart', async () => {
  const portOffset = await freePortOffset(
    Number(process.env.E2E_PORT_OFFSET ?? 10000) + 100,
  );
  const stateDir = e2eStateDir(`restart-${portOffset}`);
  stack = await startStack({ stateDir, portOffset, fresh: true });

  // a fresh catalog reads the template's location a few seconds after the start
  const template = await eventually(
    'the template in the catalog',
    async () => {
      const res = await api(
        '/api/catalog/entities/by-name/template/default/scaled-model-endpoint',
      );
      return res.status === 200 && res.body;
    },
    60_000,
  );
  // the template through the scaffolder API with what the form would send: its defaults
  // (as the form fills them in) and the tutorial's values
  const task = await api('/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({
      templateRef: 'template:default/scaled-model-endpoint',
      values: {
        ...formDefaults(template),
        name: SERVICE,
        owner: 'group:default/ml-platform',
        description: 'Survives restarts',
        namespace: NAMESPACE,
        modelDataURL:
          's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
        image:
          '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
        executionRoleARN:
          'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role-123456789012',
        scaleOutCooldown: 60,
        delivery: 'apply',
        cluster: 'sandbox',
        timeoutMinutes: 10,
      },
    }),
  });
  assert.equal(task.status, 201, JSON.stringify(task.body));
  before.taskId = task.body.id;
  const finished = await eventually(
    'the scaffolder task ends',
    async () => {
      const { body } = await api(`/api/scaffolder/v2/tasks/${before.taskId}`);
      return ['completed', 'failed', 'cancelled'].includes(body.status) && body;
    },
    240_000,
  );
  assert.equal(finished.status, 'completed');
  // registered by the task or ingested from the cluster by the catalog's entity provider
  await eventually(
    `${SERVICE} in the catalog`,
    async () =>
      (
        await api(`/api/catalog/entities/by-name/component/default/${SERVICE}`)
      ).status === 200,
    60_000,
  );

  // a traffic surge (10x the target per instance) makes target tracking scale out
  const surge = await fetch(
    `${stack.adminUrl}/traffic/${NAMESPACE}/${SERVICE}`,
    {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pattern: 'steady', base: 600 }),
    },
  );
  assert.equal(surge.status, 200, await surge.text());
  before.activityIds = await eventually(
    'a scaling activity',
    async () => {
      const { body } = await api(`${scalingPath}/activities?limit=100`);
      return body?.items?.length > 0 && body.items.map(a => a.activityId);
    },
    180_000,
  );
  // and an owner's scaling change, written to the cluster's ScalableTarget, made from
  // the settings as the snapshot shows them (expectedVersion)
  const { body: current } = await api(`${scalingPath}/scaling`);
  const change = await api(`${scalingPath}/scaling`, {
    method: 'PUT',
    body: JSON.stringify({
      expectedVersion: current.variants[0].settingsVersion,
      minCapacity: 1,
      maxCapacity: 4,
      targetValue: 60,
      scaleInCooldown: 600,
      scaleOutCooldown: 60,
      disableScaleIn: false,
    }),
  });
  assert.ok(change.status < 300, JSON.stringify(change.body));
  // the scale-out updates the endpoint (Updating) before it is InService again
  await eventually(
    'the scaling change in the snapshot and the endpoint InService',
    async () => {
      const { body } = await api(`${scalingPath}/scaling`);
      return (
        body?.scalableTargets?.[0]?.maxCapacity === 4 &&
        body.endpoint?.status === 'InService'
      );
    },
    120_000,
  );
  const sandboxBefore = await (await fetch(`${stack.adminUrl}/state`)).json();
  // the sandbox writes its state file every 5 s and when it stops; stopping covers both
  const stopped = Date.now();
  assert.equal(
    await stack.stop(),
    0,
    `start.mjs exit code\n${stack.log().slice(-3000)}`,
  );
  const stopMs = Date.now() - stopped;

  const stampBefore = readFileSync(BUILD_STAMP, 'utf8');
  stack = await startStack({ stateDir, portOffset });
  const rebuilt = stack.log().includes('building the app');
  console.log(
    `[measure] restart: stop ${stopMs} ms, start again ${stack.startMs} ms (${
      rebuilt ? 'app rebuilt' : 'app build reused'
    })`,
  );
  // a rebuild is right only when the app's sources changed meanwhile (others editing them)
  assert.ok(
    !rebuilt || readFileSync(BUILD_STAMP, 'utf8') !== stampBefore,
    'the second start reuses the app build of unchanged sources',
  );
  const entity = await api(
    `/api/catalog/entities/by-name/component/default/${SERVICE}`,
  );
  assert.equal(
    entity.status,
    200,
    `${SERVICE} is in the catalog right after the restart`,
  );
  const taskAfter = await api(`/api/scaffolder/v2/tasks/${before.taskId}`);
  assert.equal(taskAfter.status, 200, 'the scaffolder task is still listed');
  assert.equal(taskAfter.body.status, 'completed');
  // the backend's watch cache syncs with the cluster after start: poll for the endpoint
  const restored = await eventually(
    'the endpoint InService after the restart',
    async () => {
      const { body } = await api(`${scalingPath}/scaling`);
      return body?.endpoint?.status === 'InService' && body;
    },
    60_000,
  );
  assert.equal(
    restored.scalableTargets[0].maxCapacity,
    4,
    'the scaling change is kept',
  );
  const { body: activities } = await api(`${scalingPath}/activities?limit=100`);
  const idsAfter = activities.items.map(a => a.activityId);
  for (const id of before.activityIds) {
    assert.ok(idsAfter.includes(id), `activity ${id} is still in the history`);
  }
  // every Kubernetes object and simulated SageMaker endpoint is back, none twice
  const sandboxAfter = await (await fetch(`${stack.adminUrl}/state`)).json();
  assert.equal(
    sandboxAfter.objects,
    sandboxBefore.objects,
    'objects in the sandbox',
  );
  assert.deepEqual(
    sandboxAfter.endpoints.map(e => e.name).sort(),
    sandboxBefore.endpoints.map(e => e.name).sort(),
  );
  // and the demo service next to it (its spiky traffic may have it scaling right now)
  const demo = await api(
    '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/scaling',
  );
  assert.ok(
    ['InService', 'Updating'].includes(demo.body.endpoint?.status),
    JSON.stringify(demo.body.endpoint?.status),
  );
});
