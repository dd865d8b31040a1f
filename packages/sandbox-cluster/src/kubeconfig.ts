/**
 * The kubeconfig and endpoints file the sandbox writes on start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/** Context, cluster and user name in the written kubeconfig. @public */
export const SANDBOX_CONTEXT = 'sandbox';

/** A kubeconfig for the sandbox (bearer token; the self-signed certificate as CA). @internal */
export function kubeconfigYaml(
  server: string,
  token: string,
  caCertificate?: string,
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': SANDBOX_CONTEXT,
    clusters: [
      {
        name: SANDBOX_CONTEXT,
        cluster: {
          server,
          ...(caCertificate
            ? {
                'certificate-authority-data':
                  Buffer.from(caCertificate).toString('base64'),
              }
            : {}),
        },
      },
    ],
    users: [{ name: 'sandbox-admin', user: { token } }],
    contexts: [
      {
        name: SANDBOX_CONTEXT,
        context: {
          cluster: SANDBOX_CONTEXT,
          user: 'sandbox-admin',
          namespace: 'default',
        },
      },
    ],
  });
}

/** Writes `kubeconfig` (mode 0600) and `endpoints.json` into `stateDir`. @internal */
export function writeStateFiles(
  stateDir: string,
  info: {
    kubeApiUrl: string;
    aasUrl: string;
    adminUrl?: string;
    token: string;
    caCertificate?: string;
    region: string;
    accountId: string;
  },
): string {
  fs.mkdirSync(stateDir, { recursive: true });
  const kubeconfigPath = path.join(stateDir, 'kubeconfig');
  fs.writeFileSync(
    kubeconfigPath,
    kubeconfigYaml(info.kubeApiUrl, info.token, info.caCertificate),
    { mode: 0o600 },
  );
  fs.chmodSync(kubeconfigPath, 0o600);
  fs.writeFileSync(
    path.join(stateDir, 'endpoints.json'),
    `${JSON.stringify(
      {
        sandbox: true,
        kubeApiUrl: info.kubeApiUrl,
        applicationAutoScalingUrl: info.aasUrl,
        ...(info.adminUrl ? { adminUrl: info.adminUrl } : {}),
        kubeconfig: kubeconfigPath,
        region: info.region,
        accountId: info.accountId,
      },
      null,
      2,
    )}\n`,
  );
  return kubeconfigPath;
}
