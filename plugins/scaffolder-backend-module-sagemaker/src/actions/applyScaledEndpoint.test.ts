import { ConflictError, InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ACK_KINDS,
  manifestsToYaml,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  FAILING_IMAGE_MARKER,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AckClusterClient } from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  ownedManifests,
  ownerOnlyServices,
} from '../authorization/__testUtils__/teams';
import {
  capturingLogger,
  sandboxClient,
  sandboxConfig,
  startFastSandbox,
} from '../lib/__testUtils__/sandbox';
import { createApplyScaledEndpointAction } from './applyScaledEndpoint';

describe('sagemaker:endpoint:apply against the sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;
  let action: ReturnType<typeof createApplyScaledEndpointAction>;

  beforeAll(async () => {
    sandbox = await startFastSandbox();
    client = await sandboxClient(sandbox);
    action = createApplyScaledEndpointAction({
      ...ownerOnlyServices(),
      config: sandboxConfig(sandbox),
      pollIntervalMs: 50,
    });
  });
  afterAll(() => sandbox.stop());

  async function resourceVersions(m: ScaledEndpointManifests) {
    const objects = [
      m.model,
      m.endpointConfig,
      m.endpoint,
      m.scalableTarget,
      m.scalingPolicy,
    ];
    return Promise.all(
      objects.map(
        async o =>
          (await client.get(o.kind, 'ml-serving', o.metadata.name))?.metadata
            .resourceVersion,
      ),
    );
  }

  function run(
    input: Record<string, unknown>,
    extra: { isDryRun?: boolean } = {},
  ) {
    const { logger, lines } = capturingLogger();
    const ctx = {
      ...createMockActionContext({ input: input as any, logger }),
      ...extra,
    };
    return { ctx, lines, done: action.handler(ctx as any) };
  }

  it('applies the five resources in order and waits until the endpoint is InService', async () => {
    const manifests = ownedManifests('churn-a');
    const { ctx, lines, done } = run({ manifests });
    await done;

    expect(ctx.output).toHaveBeenCalledWith('endpointName', 'churn-a');
    expect(ctx.output).toHaveBeenCalledWith('namespace', 'ml-serving');
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'sandbox');
    expect(ctx.output).toHaveBeenCalledWith('endpointStatus', 'InService');
    const resources = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'resources',
    )[1];
    expect(resources.map((r: any) => [r.kind, r.exists])).toEqual(
      ACK_KINDS.map(k => [k.kind, true]),
    );

    const log = lines();
    const applied = log.filter(l => / created \(resourceVersion/.test(l));
    expect(applied.map(l => l.split(':')[0])).toEqual([
      'Model churn-a-model',
      'EndpointConfig churn-a-config',
      'Endpoint churn-a',
      'ScalableTarget churn-a-scalable-target',
      'ScalingPolicy churn-a-scaling-policy',
    ]);
    // each status transition of the endpoint is logged with its time
    const endpointLines = log.filter(l => / Endpoint churn-a: /.test(l));
    expect(endpointLines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT.*Endpoint churn-a: Creating/,
    );
    expect(endpointLines[endpointLines.length - 1]).toMatch(
      /Endpoint churn-a: InService, synced/,
    );
    expect(log[log.length - 1]).toMatch(
      /is InService and all five resources are synced/,
    );

    const endpoint = await client.get('Endpoint', 'ml-serving', 'churn-a');
    expect(endpoint?.metadata.managedFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          manager: 'backstage-sagemaker-scaling',
          operation: 'Apply',
        }),
      ]),
    );
  });

  it('changes nothing when run a second time', async () => {
    const manifests = ownedManifests('churn-a');
    const before = await resourceVersions(manifests);
    const { lines, done } = run({ manifests });
    await done;
    expect(await resourceVersions(manifests)).toEqual(before);
    expect(
      lines().filter(l => / unchanged \(resourceVersion/.test(l)),
    ).toHaveLength(5);
  });

  it('reads the rendered YAML from a workspace path', async () => {
    const manifests = ownedManifests('churn-b');
    const { logger } = capturingLogger();
    const ctx = createMockActionContext({
      input: { manifests: 'out/manifests.yaml', wait: false },
      logger,
    });
    mkdirSync(join(ctx.workspacePath, 'out'), { recursive: true });
    writeFileSync(
      join(ctx.workspacePath, 'out/manifests.yaml'),
      manifestsToYaml(manifests),
    );
    await action.handler(ctx as any);
    expect(
      await client.get('ScalingPolicy', 'ml-serving', 'churn-b-scaling-policy'),
    ).toBeDefined();
    expect(ctx.output).toHaveBeenCalledWith(
      'endpointStatus',
      expect.stringMatching(/Creating|InService/),
    );
  });

  it('in a dry run applies nothing and says what would change', async () => {
    const fresh = ownedManifests('churn-dry');
    const first = run({ manifests: fresh }, { isDryRun: true });
    await first.done;
    expect(first.lines()).toEqual(
      expect.arrayContaining([
        'Dry run: Model churn-dry-model would be created',
        'Dry run: ScalingPolicy churn-dry-scaling-policy would be created',
      ]),
    );
    for (const { kind } of ACK_KINDS) {
      expect(
        await client.get(
          kind,
          'ml-serving',
          kind === 'Endpoint' ? 'churn-dry' : 'x',
        ),
      ).toBeUndefined();
    }
    expect(first.ctx.output).toHaveBeenCalledWith(
      'endpointStatus',
      'NotCreated',
    );

    const changed = ownedManifests('churn-a', { maxCapacity: 5 });
    const before = await resourceVersions(changed);
    const second = run({ manifests: changed }, { isDryRun: true });
    await second.done;
    expect(second.lines()).toEqual(
      expect.arrayContaining([
        'Dry run: Model churn-a-model is unchanged',
        'Dry run: ScalableTarget churn-a-scalable-target would be updated (spec.maxCapacity)',
      ]),
    );
    expect(await resourceVersions(changed)).toEqual(before);
    const target = await client.get(
      'ScalableTarget',
      'ml-serving',
      'churn-a-scalable-target',
    );
    expect((target?.spec as any).maxCapacity).toBe(3);
  });

  it('updates only what changed when the scaling settings change', async () => {
    const { ctx, lines, done } = run({
      manifests: ownedManifests('churn-a', { maxCapacity: 4 }),
    });
    await done;
    const log = lines();
    expect(
      log.filter(l => / unchanged \(resourceVersion/.test(l)),
    ).toHaveLength(4);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ScalableTarget churn-a-scalable-target: updated/,
        ),
      ]),
    );
    const target = await client.get(
      'ScalableTarget',
      'ml-serving',
      'churn-a-scalable-target',
    );
    expect((target?.spec as any).maxCapacity).toBe(4);
    expect(ctx.output).toHaveBeenCalledWith('endpointStatus', 'InService');
  });

  it('fails with the controller message and the existing resources when the endpoint fails', async () => {
    const manifests = ownedManifests('churn-bad', {
      image: `683313688378.dkr.ecr.us-east-1.amazonaws.com/${FAILING_IMAGE_MARKER}:1`,
    });
    const { done } = run({ manifests });
    await expect(done).rejects.toThrow(/Failed to pull the container image/);
    await expect(done).rejects.toThrow(/- Model churn-bad-model: exists/);
    await expect(done).rejects.toThrow(/- Endpoint churn-bad: exists \(Failed/);
  });

  it('fails after the timeout, listing what exists', async () => {
    const manifests = ownedManifests('churn-slow');
    const { done } = run({ manifests, timeoutMinutes: 0.003 });
    await expect(done).rejects.toThrow(
      /Timed out after 0s waiting for Endpoint churn-slow/,
    );
    await expect(done).rejects.toThrow(
      /- ScalingPolicy churn-slow-scaling-policy: exists/,
    );
  });

  it('refuses up front to change the instance type of an autoscaled variant', async () => {
    const manifests = ownedManifests('churn-a', {
      instanceType: 'ml.c5.xlarge',
      endpointConfigName: 'churn-a-config-v2',
    });
    const before = await resourceVersions(ownedManifests('churn-a'));
    const { done } = run({ manifests });
    await expect(done).rejects.toThrow(ConflictError);
    await expect(done).rejects.toThrow(
      /changes the instance type of autoscaled variant AllTraffic from ml.m5.large to ml.c5.xlarge/,
    );
    expect(
      await client.get('EndpointConfig', 'ml-serving', 'churn-a-config-v2'),
    ).toBeUndefined();
    expect(await resourceVersions(ownedManifests('churn-a'))).toEqual(before);
  });

  it('refuses to change an EndpointConfig in place, which ACK cannot update', async () => {
    const { done } = run({
      manifests: ownedManifests('churn-a', {
        initialInstanceCount: 2,
        minCapacity: 2,
      }),
    });
    await expect(done).rejects.toThrow(
      /EndpointConfig churn-a-config already exists with a different spec \(productionVariants\)/,
    );
  });

  it('rejects invalid manifests before talking to any cluster', async () => {
    const clusterClientFactory = jest.fn();
    const offline = createApplyScaledEndpointAction({
      ...ownerOnlyServices(),
      config: sandboxConfig(sandbox),
      clusterClientFactory,
    });
    const manifests = ownedManifests('churn-c');
    manifests.endpoint.spec.endpointName = 'bad_name\nx';
    manifests.scalableTarget.spec.maxCapacity = 0;
    const ctx = createMockActionContext({ input: { manifests } as any });
    const result = offline.handler(ctx as any);
    await expect(result).rejects.toThrow(InputError);
    await expect(result).rejects.toThrow(
      /Endpoint.spec.endpointName must be letters, digits and inner hyphens only.*\(SageMaker name rule\)/,
    );
    await expect(result).rejects.toThrow(
      /ScalableTarget.spec.maxCapacity must be between 1 and 2147483647 instances, got 0/,
    );
    expect(clusterClientFactory).not.toHaveBeenCalled();
  });

  it('rejects an unknown cluster naming the configured ones', async () => {
    const { done } = run({
      manifests: ownedManifests('churn-d'),
      cluster: 'prod',
    });
    await expect(done).rejects.toThrow(
      "cluster 'prod' is not configured; configured clusters: 'sandbox'",
    );
  });

  it('retries API errors (HTTP 503) while applying and waiting', async () => {
    sandbox.faults.setErrorRate(0.25, 503, 'kube');
    try {
      const { ctx, lines, done } = run({
        manifests: ownedManifests('churn-f'),
      });
      await done;
      expect(ctx.output).toHaveBeenCalledWith('endpointStatus', 'InService');
      expect(lines().join('\n')).toMatch(/unavailable \(.*\); retrying/);
    } finally {
      sandbox.faults.setErrorRate(0);
    }
    expect(
      await client.get('ScalingPolicy', 'ml-serving', 'churn-f-scaling-policy'),
    ).toBeDefined();
  }, 30_000);

  it('waits out an API outage with backoff', async () => {
    const { logger, lines } = capturingLogger();
    // Take the API server down right after the last resource is applied, for 1.5 s.
    (logger.info as jest.Mock).mockImplementation((line: string) => {
      if (/^ScalingPolicy churn-e-scaling-policy: created/.test(line)) {
        void sandbox.faults
          .goDown()
          .then(() => setTimeout(() => void sandbox.faults.comeUp(), 1500));
      }
    });
    const ctx = createMockActionContext({
      input: { manifests: ownedManifests('churn-e') } as any,
      logger,
    });
    await action.handler(ctx as any);
    expect(lines().join('\n')).toMatch(
      /Kubernetes API of cluster sandbox unavailable \(.*ECONNREFUSED.*\); retrying with backoff/,
    );
    expect(lines().join('\n')).toMatch(/reachable again/);
    expect(ctx.output).toHaveBeenCalledWith('endpointStatus', 'InService');
  });
});
