/**
 * The provider against a started sandbox cluster, with the real `@kubernetes/client-node`:
 * what the catalog receives (full and delta mutations) as Endpoints come, change and go.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  CustomObjectsApi,
  type KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ackKindInfo,
  type Endpoint,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  createKubeConfigForCluster,
  type SageMakerClusterConfig,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { SageMakerEndpointEntityProvider } from './SageMakerEndpointEntityProvider';

jest.setTimeout(60_000);

const NAMESPACE = 'ml-serving';
const endpointInfo = ackKindInfo('Endpoint');
const LONG_NAME = `long-${'x'.repeat(70)}`;

function capturingLogger() {
  const lines: string[] = [];
  const logger: LoggerService = {
    debug: () => {},
    info: message => lines.push(`info ${message}`),
    warn: message => lines.push(`warn ${message}`),
    error: message => lines.push(`error ${message}`),
    child: () => logger,
  };
  return { logger, lines };
}

/** An Endpoint as the template's apply delivery labels it, plus overrides. */
function endpoint(
  name: string,
  options: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    marker?: boolean;
    /** false: no service label (the entity is then named after the Endpoint). */
    service?: boolean;
  } = {},
): Endpoint {
  return {
    apiVersion: endpointInfo.apiVersion,
    kind: 'Endpoint',
    metadata: {
      name,
      namespace: NAMESPACE,
      labels: {
        ...(options.service === false
          ? {}
          : { 'sagemaker-scaling.backstage.io/service': name }),
        ...(options.marker === false
          ? {}
          : { 'sagemaker-scaling.backstage.io/catalog': 'entity-provider' }),
        ...options.labels,
      },
      annotations: {
        'sagemaker-scaling.backstage.io/owner': 'group:default/ml-platform',
        'sagemaker-scaling.backstage.io/lifecycle': 'production',
        ...options.annotations,
      },
    },
    spec: { endpointName: name, endpointConfigName: `${name}-config` },
  };
}

describe('SageMakerEndpointEntityProvider', () => {
  let sandbox: SandboxCluster;
  let api: CustomObjectsApi;
  let provider: SageMakerEndpointEntityProvider;
  let kubeConfig: KubeConfig;
  let clusterConfig: SageMakerClusterConfig;
  const mutations: EntityProviderMutation[] = [];
  const { logger, lines } = capturingLogger();

  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };

  async function create(object: Endpoint) {
    await api.createNamespacedCustomObject({
      group: endpointInfo.group,
      version: endpointInfo.version,
      plural: endpointInfo.plural,
      namespace: NAMESPACE,
      body: object,
    });
  }

  async function remove(name: string) {
    await api.deleteNamespacedCustomObject({
      group: endpointInfo.group,
      version: endpointInfo.version,
      plural: endpointInfo.plural,
      namespace: NAMESPACE,
      name,
    });
  }

  async function eventually<T>(read: () => T | undefined, ms = 20_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = read();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out; mutations so far: ${JSON.stringify(
            mutations.map(summary),
          )}\n${lines.join('\n')}`,
        );
      }
      await new Promise(r => setTimeout(r, 50));
    }
  }

  function summary(m: EntityProviderMutation) {
    return m.type === 'full'
      ? { full: m.entities.map(e => e.entity.metadata.name).sort() }
      : {
          added: m.added.map(e => e.entity.metadata.name),
          removed: m.removed.map(r => ('entityRef' in r ? r.entityRef : '?')),
        };
  }

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      tls: false,
      speedUp: 60,
      endpointCreateSeconds: 60,
      deletionSeconds: 5,
      tickIntervalMs: 20,
    });
    const cluster: SageMakerClusterConfig = {
      name: 'sandbox',
      url: sandbox.kubeApiUrl,
      skipTLSVerify: true,
      namespaces: [],
      auth: { type: 'serviceAccount', token: sandbox.token },
    };
    kubeConfig = await createKubeConfigForCluster(cluster);
    clusterConfig = cluster;
    api = kubeConfig.makeApiClient(CustomObjectsApi);

    await create(endpoint('churn'));
    await create(endpoint('gitops-service', { marker: false }));
    await create(
      endpoint('odd-values', {
        annotations: {
          'sagemaker-scaling.backstage.io/system': 'not a system ref',
          'sagemaker-scaling.backstage.io/lifecycle': 'in production',
          'sagemaker-scaling.backstage.io/description': 'x'.repeat(501),
        },
      }),
    );
    await create(
      endpoint('no-owner', {
        annotations: { 'sagemaker-scaling.backstage.io/owner': '' },
      }),
    );
    // a valid Kubernetes name, too long for an entity name
    await create(endpoint(LONG_NAME, { service: false }));

    provider = new SageMakerEndpointEntityProvider({
      cluster,
      kubeConfig: () => Promise.resolve(kubeConfig),
      logger,
      backoff: { initialMs: 200, maxMs: 1000 },
    });
    await provider.connect(connection);
  });

  afterAll(async () => {
    await provider?.stop();
    await sandbox?.stop();
  });

  it('starts with a full mutation of the labelled endpoints only', async () => {
    const full = await eventually(() => mutations.find(m => m.type === 'full'));
    if (full.type !== 'full') throw new Error('not a full mutation');
    const byName = Object.fromEntries(
      full.entities.map(e => [e.entity.metadata.name, e]),
    );
    expect(Object.keys(byName).sort()).toEqual(['churn', 'odd-values']);
    expect(byName.churn).toEqual({
      locationKey: 'sagemaker-endpoints:sandbox',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'churn',
          namespace: 'default',
          labels: {
            'sagemaker-scaling.backstage.io/catalog': 'entity-provider',
          },
          annotations: {
            'sagemaker.services.k8s.aws/endpoint-name': 'churn',
            'backstage.io/kubernetes-namespace': NAMESPACE,
            'sagemaker.services.k8s.aws/cluster': 'sandbox',
            'backstage.io/managed-by-location':
              'sagemaker-endpoint:sandbox/ml-serving/churn',
            'backstage.io/managed-by-origin-location':
              'sagemaker-endpoint:sandbox/ml-serving/churn',
          },
          tags: ['sagemaker', 'ml'],
        },
        spec: {
          type: 'ml-service',
          lifecycle: 'production',
          owner: 'group:default/ml-platform',
        },
      },
    });
  });

  it('leaves out invalid values with a warning and skips endpoints without a name or owner', async () => {
    const full = mutations.find(m => m.type === 'full');
    if (full?.type !== 'full') throw new Error('no full mutation');
    const odd = full.entities.find(
      e => e.entity.metadata.name === 'odd-values',
    )!.entity as Entity;
    expect(odd.spec).toEqual({
      type: 'ml-service',
      lifecycle: 'experimental',
      owner: 'group:default/ml-platform',
    });
    expect(odd.metadata.description).toBeUndefined();
    const warnings = lines.filter(l => l.startsWith('warn '));
    for (const pattern of [
      /odd-values.*system "not a system ref" must be an entity reference.*left out/,
      /odd-values.*lifecycle "in production".*left out/,
      /odd-values.*description must be a string of at most 500.*left out/,
      /no-owner.*owner "" must be an entity reference.*not catalogued/,
      new RegExp(
        `${LONG_NAME}.*service name "${LONG_NAME}" is not a valid entity name; not catalogued`,
      ),
    ]) {
      expect(warnings.some(w => pattern.test(w))).toBe(true);
    }
  });

  it('adds an endpoint applied later as a delta, and never one without the label', async () => {
    const before = mutations.length;
    await create(endpoint('not-catalogued', { marker: false }));
    await create(
      endpoint('fraud', {
        annotations: {
          'sagemaker-scaling.backstage.io/system': 'payments',
          'sagemaker-scaling.backstage.io/description': 'Scores payments',
        },
      }),
    );
    const delta = await eventually(() =>
      mutations
        .slice(before)
        .find(
          m =>
            m.type === 'delta' &&
            m.added.some(e => e.entity.metadata.name === 'fraud'),
        ),
    );
    if (delta.type !== 'delta') throw new Error('not a delta');
    const fraud = delta.added[0].entity;
    expect(fraud.spec?.system).toBe('system:default/payments');
    expect(fraud.metadata.description).toBe('Scores payments');
    expect(delta.removed).toEqual([]);
    const names = mutations.flatMap(m =>
      m.type === 'full'
        ? m.entities.map(e => e.entity.metadata.name)
        : m.added.map(e => e.entity.metadata.name),
    );
    expect(names).not.toContain('not-catalogued');
    expect(names).not.toContain('gitops-service');
  });

  it('removes the service when its endpoint is deleted or loses the label', async () => {
    const before = mutations.length;
    await remove('fraud');
    await eventually(() =>
      mutations
        .slice(before)
        .find(
          m =>
            m.type === 'delta' &&
            m.removed.some(
              r =>
                'entityRef' in r && r.entityRef === 'component:default/fraud',
            ),
        ),
    );
    const relabelled = mutations.length;
    await api.patchNamespacedCustomObject(
      {
        group: endpointInfo.group,
        version: endpointInfo.version,
        plural: endpointInfo.plural,
        namespace: NAMESPACE,
        name: 'odd-values',
        body: {
          metadata: {
            labels: { 'sagemaker-scaling.backstage.io/catalog': null },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const removal = await eventually(() =>
      mutations
        .slice(relabelled)
        .find(m => m.type === 'delta' && m.removed.length > 0),
    );
    expect(summary(removal)).toEqual({
      added: [],
      removed: ['component:default/odd-values'],
    });
  });

  it('lists again with a full mutation after the cluster was unreachable', async () => {
    const before = mutations.length;
    await sandbox.faults.goDown();
    // changed while the provider cannot see it (straight into the sandbox's store)
    sandbox.api.create(
      sandbox.api.resourceForKind('Endpoint'),
      NAMESPACE,
      endpoint('while-away'),
    );
    // longer than the watcher's pause before it resumes a closed watch, so it finds the
    // cluster gone and lists again once it is back
    await new Promise(r => setTimeout(r, 1500));
    await sandbox.faults.comeUp();
    const full = await eventually(() =>
      mutations.slice(before).find(m => m.type === 'full'),
    );
    expect(summary(full)).toEqual({ full: ['churn', 'while-away'] });
    expect(lines.some(l => /^warn .*listing again in/.test(l))).toBe(true);
  });

  it('resumes its watch after the server ends it, and keeps following changes', async () => {
    const before = mutations.length;
    expect(sandbox.faults.dropWatches()).toBeGreaterThan(0);
    await create(endpoint('after-drop'));
    await eventually(() =>
      mutations
        .slice(before)
        .find(
          m =>
            m.type === 'delta' &&
            m.added.some(e => e.entity.metadata.name === 'after-drop'),
        ),
    );
  });

  it('stops watching when stopped', async () => {
    await provider.stop();
    const before = mutations.length;
    await create(endpoint('after-stop'));
    await new Promise(r => setTimeout(r, 1000));
    expect(mutations.length).toBe(before);
  });

  it('keeps trying to configure cluster access (e.g. a kubeconfig not written yet)', async () => {
    let calls = 0;
    const seen: EntityProviderMutation[] = [];
    const late = new SageMakerEndpointEntityProvider({
      cluster: clusterConfig,
      kubeConfig: async () => {
        calls += 1;
        if (calls < 3) throw new Error('ENOENT: no kubeconfig yet');
        return kubeConfig;
      },
      logger,
      backoff: { initialMs: 50, maxMs: 100 },
    });
    await late.connect({
      applyMutation: async m => {
        seen.push(m);
      },
      refresh: async () => {},
    });
    try {
      const full = await eventually(() => seen.find(m => m.type === 'full'));
      expect(summary(full).full).toContain('churn');
      expect(calls).toBe(3);
      expect(
        lines.some(l =>
          /^warn listing endpoints in all namespaces of cluster 'sandbox' failed: ENOENT: no kubeconfig yet; listing again in/.test(
            l,
          ),
        ),
      ).toBe(true);
    } finally {
      await late.stop();
    }
  });
});
