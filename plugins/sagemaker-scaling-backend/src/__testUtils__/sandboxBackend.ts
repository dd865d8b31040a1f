/**
 * The plugin in a test backend against a real sandbox cluster (Kubernetes API over
 * HTTPS, Application Auto Scaling and CloudWatch over AWS JSON), with the real clients:
 * the setup the plugin-level tests share.
 */
import type http from 'node:http';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SandboxCluster } from '@mlplatform/sandbox-cluster';
import request from 'supertest';
import { sagemakerScalingPlugin } from '../plugin';

/** The owner of every test entity. */
export const OWNER = 'user:default/owner';

/** An ML service entity whose annotations name `endpointName` in ml-serving. */
export function mlService(name: string, endpointName = name): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'sagemaker.services.k8s.aws/endpoint-name': endpointName,
        'backstage.io/kubernetes-namespace': 'ml-serving',
      },
    },
    spec: { type: 'ml-service', lifecycle: 'production', owner: OWNER },
  };
}

/** Server-side applies objects straight into the sandbox, as `fieldManager`. */
export function applyToSandbox(
  sandbox: SandboxCluster,
  objects: any[],
  fieldManager = 'kubectl-client-side-apply',
) {
  for (const o of objects) {
    sandbox.api.patch(
      sandbox.api.resourceForKind(o.kind),
      o.metadata.namespace,
      o.metadata.name,
      'apply',
      o,
      { fieldManager, force: true },
    );
  }
}

/** Retries `fn` every 100 ms until it resolves or `timeoutMs` passes. */
export async function eventually<T>(
  fn: () => Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await fn();
    } catch (e) {
      lastError = e;
      await new Promise(r => setTimeout(r, 100));
    }
  }
  throw lastError;
}

/**
 * Starts the plugin with the catalog's `entities` (plus `features`, e.g. a permission
 * policy) against `sandbox`'s ml-serving namespace, and waits for its first sync.
 */
export async function startSandboxBackend(options: {
  sandbox: SandboxCluster;
  entities: Entity[];
  features?: any[];
  /** Extra `sagemakerScaling` config, merged over the defaults. */
  config?: Record<string, unknown>;
  /** Extra top-level config (e.g. `backend.actions`), next to `sagemakerScaling`. */
  appConfig?: Record<string, unknown>;
}): Promise<{ server: http.Server; stop: () => Promise<void> }> {
  const { sandbox } = options;
  const backend = await startTestBackend({
    features: [
      sagemakerScalingPlugin,
      ...(options.features ?? []),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          sagemakerScaling: {
            clusters: [
              {
                name: 'sandbox',
                url: sandbox.kubeApiUrl,
                caData: sandbox.caData!,
                namespaces: ['ml-serving'],
                auth: { type: 'serviceAccount', token: sandbox.token },
              },
            ],
            aws: {
              region: 'us-east-1',
              applicationAutoScalingEndpoint: sandbox.aasUrl,
              cloudWatchEndpoint: sandbox.cloudWatchUrl,
            },
            ...options.config,
          },
          aws: {
            mainAccount: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
          },
          ...options.appConfig,
        },
      }),
    ],
  });
  // The first sync can take a while on a busy machine.
  await eventually(async () => {
    const res = await request(backend.server)
      .get('/api/sagemaker-scaling/v1/clusters')
      .set('Authorization', mockCredentials.user.header(OWNER));
    if (!res.body.clusters?.[0]?.reachable) {
      throw new Error(`cluster not synced yet: ${JSON.stringify(res.body)}`);
    }
  }, 30_000);
  return { server: backend.server, stop: () => backend.stop() };
}
