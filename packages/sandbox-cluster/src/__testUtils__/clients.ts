/**
 * Test helpers: a sandbox with frozen time and real clients pointed at it.
 */
import https from 'node:https';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  SandboxCluster,
  SandboxClusterOptions,
  startSandboxCluster,
} from '../startSandboxCluster';

/** A sandbox whose time only moves through advance(). */
export async function startTestSandbox(options: SandboxClusterOptions = {}) {
  return startSandboxCluster({
    clock: 'manual',
    endpointCreateSeconds: 60,
    ...options,
  });
}

export function kubeConfigFor(
  sandbox: SandboxCluster,
  token = sandbox.token,
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'sandbox',
        server: sandbox.kubeApiUrl,
        caData: sandbox.caData,
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'user', token }],
    contexts: [{ name: 'sandbox', cluster: 'sandbox', user: 'user' }],
    currentContext: 'sandbox',
  });
  return kc;
}

export function customObjects(sandbox: SandboxCluster, token?: string) {
  return kubeConfigFor(sandbox, token).makeApiClient(CustomObjectsApi);
}

/** fetch against the Kubernetes API with the sandbox's CA. */
export async function kubeFetch(
  sandbox: SandboxCluster,
  path: string,
  init: {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    token?: string | null;
  } = {},
): Promise<{ status: number; body: any; headers: Record<string, string> }> {
  const url = new URL(path, sandbox.kubeApiUrl);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: init.method ?? 'GET',
        ca: sandbox.caCertificate,
        headers: {
          ...(init.token === null
            ? {}
            : { authorization: `Bearer ${init.token ?? sandbox.token}` }),
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({
            status: res.statusCode ?? 0,
            body,
            headers: res.headers as Record<string, string>,
          });
        });
      },
    );
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

export const SAGEMAKER = {
  group: 'sagemaker.services.k8s.aws',
  version: 'v1alpha1',
};
export const AAS = {
  group: 'applicationautoscaling.services.k8s.aws',
  version: 'v1alpha1',
};

export function scalableTarget(
  name: string,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
    kind: 'ScalableTarget',
    metadata: { name, ...metadata },
    spec: {
      minCapacity: 1,
      maxCapacity: 3,
      resourceID: `endpoint/${name}/variant/AllTraffic`,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      serviceNamespace: 'sagemaker',
      ...spec,
    },
  };
}

/** The five objects of a scaled endpoint named `name`. */
export function scaledEndpoint(
  name: string,
  options: {
    image?: string;
    instanceType?: string;
    withScaling?: boolean;
    namespace?: string;
  } = {},
) {
  const ns = options.namespace ? { namespace: options.namespace } : {};
  const objects: any[] = [
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Model',
      metadata: { name: `${name}-model`, ...ns },
      spec: {
        modelName: `${name}-model`,
        executionRoleARN: 'arn:aws:iam::111122223333:role/sagemaker',
        primaryContainer: {
          image:
            options.image ??
            '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
          modelDataURL: 's3://bucket/model.tar.gz',
        },
      },
    },
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'EndpointConfig',
      metadata: { name: `${name}-config`, ...ns },
      spec: {
        endpointConfigName: `${name}-config`,
        productionVariants: [
          {
            modelName: `${name}-model`,
            variantName: 'AllTraffic',
            instanceType: options.instanceType ?? 'ml.m5.large',
            initialInstanceCount: 1,
          },
        ],
      },
    },
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Endpoint',
      metadata: { name, ...ns },
      spec: { endpointName: name, endpointConfigName: `${name}-config` },
    },
  ];
  if (options.withScaling ?? true) {
    objects.push(
      { ...scalableTarget(name), metadata: { name: `${name}-target`, ...ns } },
      {
        apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
        kind: 'ScalingPolicy',
        metadata: { name: `${name}-policy`, ...ns },
        spec: {
          policyName: `${name}-policy`,
          policyType: 'TargetTrackingScaling',
          resourceID: `endpoint/${name}/variant/AllTraffic`,
          scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          serviceNamespace: 'sagemaker',
          targetTrackingScalingPolicyConfiguration: {
            targetValue: 60,
            scaleInCooldown: 600,
            scaleOutCooldown: 300,
            predefinedMetricSpecification: {
              predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
            },
          },
        },
      },
    );
  }
  return objects;
}

/** Creates objects through the library API (not HTTP). */
export function createAll(
  sandbox: SandboxCluster,
  objects: any[],
  namespace = 'default',
) {
  for (const o of objects) {
    sandbox.api.create(
      sandbox.api.resourceForKind(o.kind),
      o.metadata.namespace ?? namespace,
      o,
      {
        fieldManager: 'test',
      },
    );
  }
  sandbox.settle();
}

export function getObject(
  sandbox: SandboxCluster,
  kind: string,
  name: string,
  namespace = 'default',
): any {
  return sandbox.api.tryGet(sandbox.api.resourceForKind(kind), namespace, name);
}

export function condition(object: any, type: string) {
  return object?.status?.conditions?.find((c: any) => c.type === type);
}
