import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  TUTORIAL_SCALING_NAMES,
  TUTORIAL_VARIABLES,
  tutorialManifests,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  createAll,
  customObjects,
  getObject,
  SANDBOX_AWS_CREDENTIALS,
  scaledEndpoint,
  scalingActivities,
} from './__testUtils__/clients';
import { SandboxCluster, startSandboxCluster } from './startSandboxCluster';

// Two sandboxes (TLS keys) and real clients; a loaded CI machine needs the room.
jest.setTimeout(60_000);

const ENDPOINT = TUTORIAL_VARIABLES.ENDPOINT_NAME;
const apply = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

const plural: Record<string, string> = {
  Model: 'models',
  EndpointConfig: 'endpointconfigs',
  Endpoint: 'endpoints',
  ScalableTarget: 'scalabletargets',
  ScalingPolicy: 'scalingpolicies',
};

/** Server-side applies the tutorial's five manifests with the real client. */
async function applyTutorial(sandbox: SandboxCluster) {
  const api = customObjects(sandbox);
  for (const manifest of tutorialManifests()) {
    const [group, version] = manifest.apiVersion.split('/');
    await api.patchNamespacedCustomObject(
      {
        group,
        version,
        plural: plural[manifest.kind],
        namespace: 'default',
        name: manifest.metadata.name,
        body: manifest,
        fieldManager: 'state-file-test',
      },
      apply,
    );
  }
}

async function eventually<T>(
  what: string,
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what}: still ${JSON.stringify(value)}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

const activitiesOf = (sandbox: SandboxCluster) => scalingActivities(sandbox);

describe('state file', () => {
  let dir: string;
  let stateFile: string;
  const running: SandboxCluster[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
    stateFile = path.join(dir, 'sandbox-state.json');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map(s => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async (options: Parameters<typeof startSandboxCluster>[0]) => {
    const sandbox = await startSandboxCluster({ stateFile, ...options });
    running.push(sandbox);
    return sandbox;
  };

  it('keeps the tutorial endpoint, its status, activities, traffic and metrics across a restart', async () => {
    // Wall clock; durations divided by 60: InService after 2 s, a datapoint every second.
    const first = await start({ speedUp: 60 });
    await applyTutorial(first);
    const endpoint = (s: SandboxCluster) => getObject(s, 'Endpoint', ENDPOINT);
    await eventually(
      'endpoint InService',
      () => endpoint(first)?.status?.endpointStatus,
      s => s === 'InService',
    );
    // 10x the target per instance: target tracking scales out after 3 datapoints.
    first.traffic.set('default', ENDPOINT, { pattern: 'steady', base: 600 });
    const [activity] = await eventually(
      'a scaling activity',
      () => activitiesOf(first),
      a => a.length > 0,
    );
    expect(activity.Description).toBe('Setting desired instance count to 3.');
    // Stamped with the wall clock: it just happened.
    expect(Math.abs(activity.StartTime!.getTime() - Date.now())).toBeLessThan(
      10_000,
    );
    const before = endpoint(first);
    const objectsBefore = Object.fromEntries(
      tutorialManifests().map(m => [
        m.kind,
        getObject(first, m.kind, m.metadata.name),
      ]),
    );
    const activities = await activitiesOf(first);
    const metrics = first.metrics(ENDPOINT);
    await first.stop();
    running.splice(0);

    const second = await start({ speedUp: 60 });
    const after = endpoint(second);
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(after.status.endpointStatus).toBe(before.status.endpointStatus);
    expect(after.status.productionVariants).toEqual(
      before.status.productionVariants,
    );
    for (const manifest of tutorialManifests()) {
      const { kind, name } = {
        kind: manifest.kind,
        name: manifest.metadata.name,
      };
      expect(getObject(second, kind, name)).toEqual(objectsBefore[kind]);
    }
    expect(
      getObject(
        second,
        'ScalingPolicy',
        TUTORIAL_SCALING_NAMES.scalingPolicyName,
      ).status.alarms,
    ).toHaveLength(2);
    expect(await activitiesOf(second)).toEqual(activities);
    expect(second.traffic.get('default', ENDPOINT).settings).toEqual({
      pattern: 'steady',
      base: 600,
    });
    expect(second.metrics(ENDPOINT)).toEqual(metrics);
    // The activity in progress completes after the restart, and the endpoint stays in service.
    const done = await eventually(
      'the activity completes',
      async () => (await activitiesOf(second))[0],
      a => a.StatusCode === 'Successful',
    );
    expect(done.ActivityId).toBe(activity.ActivityId);
    expect(endpoint(second).status.productionVariants[0]).toMatchObject({
      currentInstanceCount: 3,
      desiredInstanceCount: 3,
    });
  });

  it('seeds the demo once: a restart neither duplicates nor overwrites restored objects', async () => {
    const first = await start({ demo: true, clock: 'manual' });
    const target = () =>
      getObject(
        first,
        'ScalableTarget',
        'churn-prediction-scalable-target',
        'ml-serving',
      );
    first.api.patch(
      first.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: 7 } },
      { fieldManager: 'someone' },
    );
    expect(target().spec.maxCapacity).toBe(7);
    first.api.delete(
      first.api.resourceForKind('Endpoint'),
      'ml-serving',
      'fraud-detection',
      {},
    );
    first.advance(60_000);
    const count = first.store.count();
    await first.stop();
    running.splice(0);

    const second = await start({ demo: true, clock: 'manual' });
    expect(second.store.count()).toBe(count);
    expect(
      getObject(
        second,
        'ScalableTarget',
        'churn-prediction-scalable-target',
        'ml-serving',
      ).spec.maxCapacity,
    ).toBe(7);
    expect(
      getObject(second, 'Endpoint', 'fraud-detection', 'ml-serving'),
    ).toBeUndefined();
  });

  it('keeps the alarms with their state and the not-scaled activities across a restart', async () => {
    const alarmsOf = async (sandbox: SandboxCluster) => {
      const client = new CloudWatchClient({
        endpoint: sandbox.cloudWatchUrl,
        region: sandbox.region,
        credentials: SANDBOX_AWS_CREDENTIALS,
        maxAttempts: 1,
      });
      try {
        return (
          await client.send(
            new DescribeAlarmsCommand({ AlarmNamePrefix: 'TargetTracking-' }),
          )
        ).MetricAlarms;
      } finally {
        client.destroy();
      }
    };
    const first = await start({ clock: 'manual', endpointCreateSeconds: 60 });
    createAll(first, scaledEndpoint('capped'));
    first.advance(2 * 60_000);
    // Far above target at max 3: AlarmHigh in ALARM, AlreadyAtMaxCapacity.
    first.traffic.set('default', 'capped', { pattern: 'steady', base: 1000 });
    first.advance(20 * 60_000);
    const alarms = await alarmsOf(first);
    expect(alarms?.map(a => a.StateValue).sort()).toEqual(['ALARM', 'OK']);
    const activities = await scalingActivities(first, {
      includeNotScaled: true,
    });
    expect(
      activities.filter(a => a.NotScaledReasons).map(a => a.NotScaledReasons),
    ).toEqual([[expect.objectContaining({ Code: 'AlreadyAtMaxCapacity' })]]);
    await first.stop();
    running.splice(0);

    const second = await start({ clock: 'manual' });
    expect(await alarmsOf(second)).toEqual(alarms);
    expect(await scalingActivities(second, { includeNotScaled: true })).toEqual(
      activities,
    );
    // Still at the maximum in the same ALARM episode: not recorded again.
    second.advance(5 * 60_000);
    expect(
      (await scalingActivities(second, { includeNotScaled: true })).filter(
        a => a.NotScaledReasons,
      ),
    ).toHaveLength(1);
  });

  it('writes atomically, about a second after a change, and flushes on stop', async () => {
    const sandbox = await start({ clock: 'manual' });
    const def = sandbox.api.resourceForKind('Model');
    const [model] = tutorialManifests();
    sandbox.api.create(def, 'default', model, { fieldManager: 'test' });
    const saved = () =>
      fs.existsSync(stateFile)
        ? JSON.parse(fs.readFileSync(stateFile, 'utf8'))
        : undefined;
    const hasModel = (state: any) =>
      Boolean(
        state?.objects['sagemaker.services.k8s.aws/models']?.some(
          (o: any) => o.metadata.name === model.metadata.name,
        ),
      );
    await eventually('the debounced write', saved, hasModel, 5_000);
    // No temporary file is left beside it.
    expect(fs.readdirSync(dir)).toEqual(['sandbox-state.json']);

    // A change just before stop is not lost.
    sandbox.api.patch(
      def,
      'default',
      model.metadata.name,
      'merge',
      {
        metadata: { labels: { last: 'change' } },
      },
      { fieldManager: 'test' },
    );
    await sandbox.stop();
    const last = saved().objects['sagemaker.services.k8s.aws/models'].find(
      (o: any) => o.metadata.name === model.metadata.name,
    );
    expect(last.metadata.labels).toEqual({ last: 'change' });
  });

  it('flushes on SIGTERM when run from the command line', async () => {
    const bin = path.resolve(__dirname, '../bin/sandbox-cluster.js');
    const child = spawn(
      process.execPath,
      [
        bin,
        '--demo',
        '--state-dir',
        dir,
        '--state-file',
        stateFile,
        '--kube-port',
        '0',
        '--aas-port',
        '0',
        '--admin-port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    await eventually(
      'the sandbox started',
      () => output,
      o => o.includes('export KUBECONFIG='),
    );
    const admin = /Admin API \(faults, traffic\): +(\S+)/.exec(output)![1];
    const res = await fetch(`${admin}/traffic/ml-serving/churn-prediction`, {
      method: 'PUT',
      body: JSON.stringify({ pattern: 'wave', peak: 300 }),
    });
    expect(res.status).toBe(200);
    // At once, well before the debounced write: the shutdown writes it.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(state.demoSeeded).toBe(true);
    expect(state.traffic).toEqual([
      [
        'ml-serving/churn-prediction',
        { settings: { pattern: 'wave', peak: 300 }, since: expect.any(Number) },
      ],
    ]);
    expect(
      state.objects['sagemaker.services.k8s.aws/endpoints'].map(
        (o: any) => o.metadata.name,
      ),
    ).toEqual(expect.arrayContaining(['churn-prediction', 'fraud-detection']));
  });

  it('refuses a file that is not a sandbox state file, naming it', async () => {
    fs.writeFileSync(stateFile, '{"hello": 1}');
    await expect(startSandboxCluster({ stateFile })).rejects.toThrow(
      `state file ${stateFile} is not a sandbox-cluster-state/v2 file`,
    );
  });
});
