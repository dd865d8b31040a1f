import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { createKubeConfigForCluster } from './createKubeConfigForCluster';
import type { SageMakerClusterConfig } from './types';

function cluster(
  overrides: Partial<SageMakerClusterConfig> &
    Pick<SageMakerClusterConfig, 'auth'>,
): SageMakerClusterConfig {
  return {
    name: 'c1',
    skipTLSVerify: false,
    namespaces: [],
    ...overrides,
  };
}

async function authHeader(
  kc: Awaited<ReturnType<typeof createKubeConfigForCluster>>,
) {
  const opts = await kc.applyToFetchOptions({});
  const headers = opts.headers as unknown as {
    get(name: string): string | null;
  };
  return headers.get('Authorization') ?? undefined;
}

describe('createKubeConfigForCluster', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses a service-account token with the configured server and TLS settings', async () => {
    const kc = await createKubeConfigForCluster(
      cluster({
        url: 'https://k8s.example.com:6443',
        skipTLSVerify: true,
        auth: { type: 'serviceAccount', token: 'sa-token' },
      }),
    );
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://k8s.example.com:6443',
      skipTLSVerify: true,
    });
    expect(await authHeader(kc)).toBe('Bearer sa-token');
  });

  it('loads a kubeconfig file and selects the context', async () => {
    const path = join(dir, 'kubeconfig');
    writeFileSync(
      path,
      `apiVersion: v1
kind: Config
current-context: a
clusters:
- name: ca
  cluster: { server: 'http://127.0.0.1:1111', insecure-skip-tls-verify: true }
- name: cb
  cluster: { server: 'http://127.0.0.1:2222', insecure-skip-tls-verify: true }
users:
- name: ua
  user: { token: token-a }
- name: ub
  user: { token: token-b }
contexts:
- name: a
  context: { cluster: ca, user: ua }
- name: b
  context: { cluster: cb, user: ub }
`,
    );
    const kc = await createKubeConfigForCluster(
      cluster({ auth: { type: 'kubeconfig', path, context: 'b' } }),
    );
    expect(kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:2222');
    expect(await authHeader(kc)).toBe('Bearer token-b');

    const overridden = await createKubeConfigForCluster(
      cluster({
        url: 'http://127.0.0.1:3333',
        auth: { type: 'kubeconfig', path },
      }),
    );
    expect(overridden.getCurrentCluster()?.server).toBe(
      'http://127.0.0.1:3333',
    );
    expect(await authHeader(overridden)).toBe('Bearer token-a');

    await expect(
      createKubeConfigForCluster(
        cluster({ auth: { type: 'kubeconfig', path, context: 'nope' } }),
      ),
    ).rejects.toThrow(`context 'nope' does not exist in kubeconfig ${path}`);
  });

  it('signs an EKS token from the AWS credentials and renews it only when old', async () => {
    const getCredentialProvider = jest.fn(async () => ({
      sdkCredentialProvider: async () => ({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      }),
    }));
    const manager: AwsCredentialsManager = { getCredentialProvider };
    const kc = await createKubeConfigForCluster(
      cluster({
        name: 'prod',
        url: 'https://eks.example.com',
        auth: { type: 'aws', region: 'eu-west-1', clusterName: 'prod-eks' },
      }),
      { awsCredentialsManager: manager },
    );
    const header = await authHeader(kc);
    expect(header).toMatch(/^Bearer k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = new URL(
      Buffer.from(
        header!.slice('Bearer k8s-aws-v1.'.length),
        'base64url',
      ).toString(),
    );
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/eu-west-1\/sts\/aws4_request$/,
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'host;x-k8s-aws-id',
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    // Second request reuses the token.
    expect(await authHeader(kc)).toBe(header);
    expect(getCredentialProvider).toHaveBeenCalledTimes(1);
  });

  it('refuses AWS auth without a credentials manager and URL-less token auth', async () => {
    await expect(
      createKubeConfigForCluster(
        cluster({ url: 'https://x', auth: { type: 'aws' } }),
      ),
    ).rejects.toThrow("Cluster 'c1' uses AWS IAM authentication");
    await expect(
      createKubeConfigForCluster(
        cluster({ auth: { type: 'serviceAccount', token: 't' } }),
      ),
    ).rejects.toThrow("Cluster 'c1' has no url");
  });
});
