import { ConfigReader } from '@backstage/config';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  buildScaledEndpointManifests,
  type AnyAckResource,
  type Model,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import type { AckWatchEvent } from './AckClusterApi';
import type { AckClusterClient } from './AckClusterClient';
import { SAGEMAKER_SCALING_FIELD_MANAGER } from './fieldManager';
import { createAckClusterClientFactory } from './resolveClusterConfig';
import { isTransientClusterError, toClusterError } from './toClusterError';

const NS = 'ml-serving';

function manifests(serviceName: string) {
  return buildScaledEndpointManifests({
    serviceName,
    namespace: NS,
    modelDataURL: 's3://bucket/model.tar.gz',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1',
    executionRoleARN: 'arn:aws:iam::123456789012:role/sagemaker',
    instanceType: 'ml.m5.large',
    initialInstanceCount: 1,
    minCapacity: 1,
    maxCapacity: 3,
    targetValue: 60,
  });
}

function clientOf(sandbox: SandboxCluster, token: string) {
  return createAckClusterClientFactory({
    config: new ConfigReader({
      sagemakerScaling: {
        clusters: [
          {
            name: 'sandbox',
            url: sandbox.kubeApiUrl,
            skipTLSVerify: true,
            auth: { type: 'serviceAccount', token },
          },
        ],
      },
    }),
  })('sandbox');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

function collect(client: AckClusterClient, resourceVersion: string) {
  const events: AckWatchEvent[] = [];
  const closed: unknown[] = [];
  const watch = client.watch(
    'Model',
    { namespace: NS, resourceVersion },
    {
      onEvent: e => events.push(e),
      onClose: e => closed.push(e ?? 'normal'),
    },
  );
  return { events, closed, watch };
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('AckClusterClient against the sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let client: AckClusterClient;

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      tls: false,
      bookmarkIntervalMs: 100,
      deletionSeconds: 0.2,
      tickIntervalMs: 20,
    });
    client = await clientOf(sandbox, sandbox.token);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('applies server-side with the field manager, gets, lists and deletes', async () => {
    const { model } = manifests('crud');
    expect(await client.get('Model', NS, model.metadata.name)).toBeUndefined();

    const dryRun = await client.apply(model, { dryRun: true });
    expect(dryRun.metadata.name).toBe(model.metadata.name);
    expect(await client.get('Model', NS, model.metadata.name)).toBeUndefined();

    const applied = await client.apply(model);
    const stored = await client.get<Model>('Model', NS, model.metadata.name);
    // the (simulated) controller may have written the status since
    expect(Number(stored?.metadata.resourceVersion)).toBeGreaterThanOrEqual(
      Number(applied.metadata.resourceVersion),
    );
    expect(
      (stored?.metadata.managedFields ?? []).map((f: any) => f.manager),
    ).toContain(SAGEMAKER_SCALING_FIELD_MANAGER);

    const list = await client.list('Model', { namespace: NS });
    expect(list.resourceVersion).not.toBe('');
    expect(
      list.items.map(i => [i.kind, i.apiVersion, i.metadata.name]),
    ).toEqual([['Model', model.apiVersion, model.metadata.name]]);

    expect(await client.delete('Model', NS, model.metadata.name)).toBe(
      'deleting',
    );
    // ACK's finalizer keeps the object until the (simulated) AWS resource is gone
    await waitFor(
      async () => !(await client.get('Model', NS, model.metadata.name)),
    );
    expect(await client.delete('Model', NS, model.metadata.name)).toBe(
      'missing',
    );
  });

  it('refuses an apply whose resourceVersion precondition is out of date with a ConflictError', async () => {
    const { model } = manifests('precondition');
    const first = await client.apply(model);
    await client.apply({
      ...model,
      spec: {
        ...model.spec,
        primaryContainer: {
          ...model.spec.primaryContainer,
          environment: { A: '1' },
        },
      },
    } as Model);
    const error = toClusterError(
      'sandbox',
      await rejection(
        client.apply(model, {
          resourceVersion: first.metadata.resourceVersion,
        }),
      ),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(
      /^Cluster 'sandbox' rejected the change as conflicting \(HTTP 409: /,
    );
  });

  it('turns an invalid object into an InputError with the API server message', async () => {
    const { model } = manifests('invalid');
    const bad = {
      ...model,
      spec: { ...model.spec, modelName: 42 },
    } as unknown as AnyAckResource;
    const error = toClusterError('sandbox', await rejection(client.apply(bad)));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^Cluster 'sandbox' rejected the change \(HTTP 422: .*modelName/,
    );
  });

  it('watches from a resourceVersion with bookmarks', async () => {
    const { model } = manifests('watched');
    const { resourceVersion } = await client.list('Model', { namespace: NS });
    const { events, watch } = collect(client, resourceVersion);
    try {
      await client.apply(model);
      await waitFor(() =>
        events.some(
          e =>
            e.type === 'ADDED' &&
            e.object.metadata.name === model.metadata.name,
        ),
      );
      await waitFor(() => events.some(e => e.type === 'BOOKMARK'));
      const bookmark = events.find(e => e.type === 'BOOKMARK')!;
      expect(Number(bookmark.object.metadata.resourceVersion)).toBeGreaterThan(
        Number(resourceVersion),
      );
    } finally {
      watch.stop();
    }
  });

  it('says 410 Gone for a watch from a compacted resourceVersion', async () => {
    const { resourceVersion } = await client.list('Model', { namespace: NS });
    await client.apply(manifests('compacted').model);
    sandbox.compact();
    const { events, closed, watch } = collect(client, resourceVersion);
    try {
      await waitFor(() => events.length > 0 || closed.length > 0);
      const gone =
        events.find(e => e.type === 'ERROR')?.object.code ??
        (closed[0] as { statusCode?: number }).statusCode;
      expect(gone).toBe(410);
    } finally {
      watch.stop();
    }
  });

  it('reports a cluster refusing the credentials as a 503 naming the cluster, on reads (401) and writes (403) alike', async () => {
    const stranger = await clientOf(sandbox, 'not-a-token-of-this-cluster');
    const viewer = await clientOf(sandbox, sandbox.viewerToken);
    const read = toClusterError(
      'sandbox',
      await rejection(stranger.list('Model', { namespace: NS })),
    );
    const write = toClusterError(
      'sandbox',
      await rejection(viewer.apply(manifests('refused').model)),
    );
    for (const error of [read, write]) {
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.message).toMatch(
        /^Cluster 'sandbox' refused the SageMaker scaling plugin's credentials \(HTTP 40[13](: .*)?\); its service account needs access to the ACK resources$/,
      );
      expect(error.message).not.toContain(sandbox.viewerToken);
      expect(error.message).not.toMatch(/authorization|bearer/i);
    }
    // the viewer may read: the refusal is about writes only
    await expect(
      viewer.list('Model', { namespace: NS }),
    ).resolves.toBeDefined();
  });

  it('reports an unreachable cluster as a transient 503 naming the cluster and the cause', async () => {
    await sandbox.faults.goDown();
    try {
      const raw = await rejection(client.list('Model', { namespace: NS }));
      expect(isTransientClusterError(raw)).toBe(true);
      const error = toClusterError('sandbox', raw);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        "Cluster 'sandbox' is not available: connection failed (ECONNREFUSED)",
      );
    } finally {
      await sandbox.faults.comeUp();
    }
  });
});
