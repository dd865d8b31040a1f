/*
 * Reads and writes the sandbox cluster as its administrator (the kubeconfig the stack
 * writes), for e2e tests that act as another team or check what a refused request left.
 */
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const KUBECONFIG = process.env.E2E_KUBECONFIG;

function connection() {
  if (!KUBECONFIG)
    throw new Error('E2E_KUBECONFIG is not set (run through scripts/e2e.mjs)');
  const config = parse(readFileSync(KUBECONFIG, 'utf8'));
  const cluster = config.clusters[0].cluster;
  return {
    server: new URL(cluster.server),
    token: config.users[0].user.token,
    ca: cluster['certificate-authority-data']
      ? Buffer.from(cluster['certificate-authority-data'], 'base64')
      : undefined,
  };
}

/** One Kubernetes API call; resolves with status and parsed body. */
export function kube(method, path, body, contentType = 'application/json') {
  const { server, token, ca } = connection();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, server),
      {
        method,
        ca,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body ? { 'Content-Type': contentType } : {}),
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', c => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

const PATHS = {
  Model: 'sagemaker.services.k8s.aws/v1alpha1/namespaces/%ns/models',
  EndpointConfig:
    'sagemaker.services.k8s.aws/v1alpha1/namespaces/%ns/endpointconfigs',
  Endpoint: 'sagemaker.services.k8s.aws/v1alpha1/namespaces/%ns/endpoints',
  ScalableTarget:
    'applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/%ns/scalabletargets',
  ScalingPolicy:
    'applicationautoscaling.services.k8s.aws/v1alpha1/namespaces/%ns/scalingpolicies',
};

/** The objects of one ACK kind in a namespace. */
export async function listAck(kind, namespace) {
  const res = await kube(
    'GET',
    `/apis/${PATHS[kind].replace('%ns', namespace)}`,
  );
  if (res.status !== 200) throw new Error(`list ${kind}: HTTP ${res.status}`);
  return res.body.items;
}

/** Server-side apply of one ACK object as `fieldManager`. */
export async function applyAck(object, fieldManager) {
  const path = `/apis/${PATHS[object.kind].replace(
    '%ns',
    object.metadata.namespace,
  )}/${object.metadata.name}?fieldManager=${fieldManager}&force=true`;
  const res = await kube('PATCH', path, object, 'application/apply-patch+yaml');
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(
      `apply ${object.kind}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  return res.body;
}

/** Deletes one ACK object; resolves with the HTTP status (404 when already gone). */
export async function deleteAck(kind, namespace, name) {
  const res = await kube(
    'DELETE',
    `/apis/${PATHS[kind].replace('%ns', namespace)}/${name}`,
  );
  return res.status;
}

/** One ACK object by name. */
export async function getAck(kind, namespace, name) {
  const res = await kube(
    'GET',
    `/apis/${PATHS[kind].replace('%ns', namespace)}/${name}`,
  );
  if (res.status !== 200) {
    throw new Error(`get ${kind} ${namespace}/${name}: HTTP ${res.status}`);
  }
  return res.body;
}
