/**
 * Test helpers: a sandbox with frozen time and real clients pointed at it.
 */
import https from 'node:https';
import {
  ApplicationAutoScalingClient,
  DescribeScalingActivitiesCommand,
  ScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import type { SandboxClusterOptions } from '../sandboxClusterOptions';
import { SandboxCluster, startSandboxCluster } from '../startSandboxCluster';

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

/**
 * The five objects of a scaled endpoint named `name` in `default` (the tutorial's with
 * derived names: `<name>-model`, `<name>-config`, `<name>`, `<name>-scalable-target`,
 * `<name>-scaling-policy`).
 */
export function scaledEndpoint(
  name: string,
  options: { image?: string; withScaling?: boolean; namespace?: string } = {},
): any[] {
  return scaledEndpointObjects(name, {
    ...options,
    namespace: options.namespace ?? 'default',
  });
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

/** Credentials the sandbox accepts (it does not check signatures). */
export const SANDBOX_AWS_CREDENTIALS = {
  accessKeyId: 'AKIDSANDBOX',
  secretAccessKey: 'sandbox-secret',
};

/** The real Application Auto Scaling SDK client, pointed at the sandbox. */
function aasClient(sandbox: SandboxCluster): ApplicationAutoScalingClient {
  return new ApplicationAutoScalingClient({
    endpoint: sandbox.aasUrl,
    region: sandbox.region,
    credentials: SANDBOX_AWS_CREDENTIALS,
    maxAttempts: 1,
  });
}

/**
 * Every SageMaker scaling activity, newest first, through the real SDK client (all
 * pages); not-scaled ones only with `includeNotScaled`.
 */
export async function scalingActivities(
  sandbox: SandboxCluster,
  options: { includeNotScaled?: boolean; resourceId?: string } = {},
): Promise<ScalingActivity[]> {
  const client = aasClient(sandbox);
  try {
    const all: ScalingActivity[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeScalingActivitiesCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: options.resourceId,
          IncludeNotScaledActivities: options.includeNotScaled,
          NextToken,
        }),
      );
      all.push(...(page.ScalingActivities ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  } finally {
    client.destroy();
  }
}

/** The admin API's `GET /state` (the sandbox must be started with `adminPort`). */
export async function adminState(sandbox: SandboxCluster): Promise<{
  endpoints: Array<{
    name: string;
    status: string;
    endpointConfigName: string;
    variants: Array<{
      variantName: string;
      instanceType?: string;
      currentInstanceCount: number;
      desiredInstanceCount: number;
    }>;
  }>;
}> {
  if (!sandbox.adminUrl) {
    throw new Error('adminState needs a sandbox started with adminPort');
  }
  const res = await fetch(new URL('/state', sandbox.adminUrl));
  if (!res.ok) throw new Error(`GET /state answered ${res.status}`);
  return res.json();
}
