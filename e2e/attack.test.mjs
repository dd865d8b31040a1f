/*
 * The attack replay of issue "Only owners change what they own", against the running stack
 * as the signed-in guest (a member of ml-platform, not of data-science which owns
 * fraud-detection): an entity of the guest's team that claims fraud-detection's endpoint
 * (e2e/fixtures/intruder.yaml), a template step applying over fraud-detection's resources,
 * a delete step with override inputs, and a secret planted in a manifest by the other team.
 * Every attempt is refused and fraud-detection's scaling objects are unchanged.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BACKEND, guestToken } from './browser.mjs';
import { applyAck, listAck } from './kube.mjs';

const NAMESPACE = 'ml-serving';
const API = `${BACKEND}/api/sagemaker-scaling/v1/entities/component/default`;
const VICTIM = 'fraud-detection';

let token;
let before_;
before(async () => {
  token = await guestToken();
  before_ = await victimScalingObjects();
});
after(async () => {
  // every attack has run: the other team's scaling objects are as they were
  assert.deepEqual(await victimScalingObjects(), before_);
});

function auth(extra = {}) {
  return { Authorization: `Bearer ${token}`, ...extra };
}

/** fraud-detection's ScalableTarget and ScalingPolicy specs and versions, from the cluster. */
async function victimScalingObjects() {
  const pick = items =>
    items
      .filter(o => o.metadata.name.startsWith(VICTIM))
      .map(o => ({
        name: o.metadata.name,
        resourceVersion: o.metadata.resourceVersion,
        spec: o.spec,
      }));
  return {
    targets: pick(await listAck('ScalableTarget', NAMESPACE)),
    policies: pick(await listAck('ScalingPolicy', NAMESPACE)),
  };
}

async function snapshotOf(name) {
  const res = await fetch(`${API}/${name}/scaling`, { headers: auth() });
  return { status: res.status, body: await res.json() };
}

/** Runs a template the guest wrote through the scaffolder's dry-run API. */
async function dryRun(steps, values = {}) {
  const res = await fetch(`${BACKEND}/api/scaffolder/v2/dry-run`, {
    method: 'POST',
    headers: auth({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'guest-attack', namespace: 'default' },
        spec: { type: 'service', parameters: [], steps },
      },
      values,
      secrets: {},
      directoryContents: [],
    }),
  });
  const body = await res.json();
  // a refused step fails the whole dry run with the refusal as the answer; other failures
  // come back as a failed step in the log
  const log = [
    body.error?.message ?? '',
    ...(body.log ?? []).map(l => l.body?.message ?? ''),
  ].join('\n');
  return { status: res.status, body, log };
}

test('an entity claiming another team’s endpoint can neither read nor change it', async () => {
  const claimed = await snapshotOf('intruder-dashboard');
  assert.equal(claimed.status, 403, JSON.stringify(claimed.body));
  assert.match(
    claimed.body.error.message,
    /bound to component:default\/fraud-detection/,
  );

  // the strongest attempt: the victim's own current settings and version, one more instance
  const victim = await snapshotOf(VICTIM);
  assert.equal(victim.status, 200);
  const variant = victim.body.variants[0];
  const res = await fetch(`${API}/intruder-dashboard/scaling`, {
    method: 'PUT',
    headers: auth({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({
      variantName: variant.variantName,
      minCapacity: variant.minCapacity,
      maxCapacity: variant.maxCapacity + 1,
      targetValue: variant.targetValue,
      scaleInCooldown: variant.scaleInCooldown,
      scaleOutCooldown: variant.scaleOutCooldown,
      disableScaleIn: variant.disableScaleIn,
      expectedVersion: variant.settingsVersion,
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 403, JSON.stringify(body));
  assert.match(body.error.message, /fraud-detection/);
});

test('a template step cannot apply over another team’s resources, and its dry run reveals nothing', async () => {
  const { log, body, status } = await dryRun([
    {
      id: 'render',
      action: 'sagemaker:endpoint:render',
      input: {
        serviceName: VICTIM,
        namespace: NAMESPACE,
        modelDataURL: 's3://attacker/model.tar.gz',
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1',
        executionRoleARN: 'arn:aws:iam::123456789012:role/attacker',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
        minCapacity: 1,
        maxCapacity: 3,
        targetValue: 61,
        owner: 'group:default/ml-platform',
      },
    },
    {
      id: 'apply',
      action: 'sagemaker:endpoint:apply',
      input: { manifests: '${{ steps.render.output.manifests }}' },
    },
  ]);
  assert.notEqual(status, 200, JSON.stringify(body).slice(0, 2000));
  assert.match(log, /not allowed|refus/i, log);
  assert.match(log, /component:default\/fraud-detection/, log);
  // nothing of the other team's current state: no diff, no current values
  assert.doesNotMatch(
    log,
    /would (change|update|create)|unchanged|maxCapacity: 2/i,
    log,
  );
});

test('delete takes no override inputs and refuses an entity the guest does not own', async () => {
  const override = await dryRun([
    {
      id: 'delete',
      action: 'sagemaker:endpoint:delete',
      input: {
        entityRef: 'component:default/churn-prediction',
        endpointName: VICTIM,
        namespace: NAMESPACE,
      },
    },
  ]);
  assert.match(override.log, /endpointName/, override.log);
  assert.doesNotMatch(
    override.log,
    /fraud-detection-(model|config|target|policy)/,
    override.log,
  );

  const notOwned = await dryRun([
    {
      id: 'delete',
      action: 'sagemaker:endpoint:delete',
      input: { entityRef: `component:default/${VICTIM}` },
    },
  ]);
  assert.match(notOwned.log, /not allowed/i, notOwned.log);
  assert.doesNotMatch(notOwned.log, /would delete/i, notOwned.log);
});

test('a secret planted in a manifest reaches no route and no stream', async () => {
  const secret = `e2e-planted-${randomBytes(6).toString('hex')}`;
  const [model] = (await listAck('Model', NAMESPACE)).filter(m =>
    m.metadata.name.startsWith(VICTIM),
  );
  const manager = 'e2e-other-team';
  const planted = {
    apiVersion: model.apiVersion ?? 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Model',
    metadata: {
      name: model.metadata.name,
      namespace: NAMESPACE,
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': `{"password":"${secret}"}`,
      },
    },
    spec: { primaryContainer: { environment: { DB_PASSWORD: secret } } },
  };
  await applyAck(planted, manager);
  try {
    // the watch cache sees it within a moment; read until the snapshot shows the annotation key gone
    await new Promise(r => setTimeout(r, 3000));
    for (const route of ['scaling', 'activities']) {
      const res = await fetch(`${API}/${VICTIM}/${route}`, { headers: auth() });
      const text = await res.text();
      assert.equal(res.status, 200, text.slice(0, 500));
      assert.ok(!text.includes(secret), `${route} leaks the planted secret`);
    }
    const stream = await fetch(`${API}/${VICTIM}/events`, { headers: auth() });
    const reader = stream.body.getReader();
    let text = '';
    const deadline = Date.now() + 15_000;
    while (!/event: snapshot/.test(text) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    assert.match(text, /event: snapshot/);
    assert.ok(
      !text.includes(secret),
      'the event stream leaks the planted secret',
    );
  } finally {
    // the other team takes its fields back out (server-side apply of nothing it owns)
    await applyAck(
      {
        apiVersion: planted.apiVersion,
        kind: 'Model',
        metadata: { name: model.metadata.name, namespace: NAMESPACE },
      },
      manager,
    );
  }
});

test('registering files of the backend’s disk is refused, dry run included', async () => {
  for (const dryRun of [true, false]) {
    const res = await fetch(
      `${BACKEND}/api/catalog/locations${dryRun ? '?dryRun=true' : ''}`,
      {
        method: 'POST',
        headers: auth({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({
          type: 'file',
          target: `${process.cwd()}/.sandbox/**/*.json`,
        }),
      },
    );
    const text = await res.text();
    assert.equal(res.status, 400, text.slice(0, 500));
    assert.match(text, /allowed/i);
    assert.doesNotMatch(text, /"token"|BEGIN CERTIFICATE|apiVersion/);
  }
});
