import { ConfigReader } from '@backstage/config';
import { readSageMakerClusterConfigs } from './readSageMakerClusterConfigs';

describe('readSageMakerClusterConfigs', () => {
  it('reads every auth type of sagemakerScaling.clusters', () => {
    const config = new ConfigReader({
      sagemakerScaling: {
        clusters: [
          {
            name: 'sa',
            url: 'https://k8s.example.com',
            caData: 'Q0E=',
            namespaces: ['ml-serving'],
            auth: { type: 'serviceAccount', token: 'secret-token' },
          },
          {
            name: 'kc',
            auth: { type: 'kubeconfig', path: '/tmp/kubeconfig', context: 'x' },
          },
          { name: 'in', auth: { type: 'inCluster' } },
          {
            name: 'eks',
            url: 'https://eks.example.com',
            skipTLSVerify: true,
            auth: {
              type: 'aws',
              clusterName: 'prod',
              region: 'eu-west-1',
              assumeRole: 'arn:aws:iam::123456789012:role/reader',
              externalId: 'ext',
            },
          },
        ],
      },
    });
    expect(readSageMakerClusterConfigs(config)).toEqual([
      {
        name: 'sa',
        url: 'https://k8s.example.com',
        caData: 'Q0E=',
        caFile: undefined,
        skipTLSVerify: false,
        namespaces: ['ml-serving'],
        auth: { type: 'serviceAccount', token: 'secret-token' },
      },
      expect.objectContaining({
        name: 'kc',
        url: undefined,
        auth: { type: 'kubeconfig', path: '/tmp/kubeconfig', context: 'x' },
      }),
      expect.objectContaining({ name: 'in', auth: { type: 'inCluster' } }),
      expect.objectContaining({
        name: 'eks',
        skipTLSVerify: true,
        auth: {
          type: 'aws',
          clusterName: 'prod',
          region: 'eu-west-1',
          assumeRole: 'arn:aws:iam::123456789012:role/reader',
          externalId: 'ext',
          accountId: undefined,
        },
      }),
    ]);
  });

  it.each([
    [
      { name: 'a', auth: { type: 'magic' } },
      "Invalid config at 'sagemakerScaling.clusters[0].auth.type': 'magic' is not one of serviceAccount, kubeconfig, inCluster, aws",
    ],
    [
      { name: 'a', auth: { type: 'serviceAccount', token: 't' } },
      "Missing required config value at 'sagemakerScaling.clusters[0].url'",
    ],
    [
      {
        name: 'a',
        url: 'ftp://x',
        auth: { type: 'serviceAccount', token: 't' },
      },
      "Invalid config at 'sagemakerScaling.clusters[0].url': the URL must use http or https",
    ],
    [
      { name: 'a', url: 'not a url', auth: { type: 'inCluster' } },
      "Invalid config at 'sagemakerScaling.clusters[0].url': 'not a url' is not a URL",
    ],
    [
      { name: 'a', namespaces: ['Bad_NS'], auth: { type: 'inCluster' } },
      "Invalid config at 'sagemakerScaling.clusters[0].namespaces[0]'",
    ],
    [
      { name: 'a', auth: { type: 'serviceAccount' }, url: 'https://x' },
      'sagemakerScaling.clusters[0].auth.token',
    ],
    [{ auth: { type: 'inCluster' } }, 'sagemakerScaling.clusters[0].name'],
  ])('rejects bad config %j naming the key', (cluster, message) => {
    const config = new ConfigReader({
      sagemakerScaling: { clusters: [cluster] },
    });
    expect(() => readSageMakerClusterConfigs(config)).toThrow(message);
  });

  it('rejects duplicate cluster names', () => {
    const config = new ConfigReader({
      sagemakerScaling: {
        clusters: [
          { name: 'a', auth: { type: 'inCluster' } },
          { name: 'a', auth: { type: 'inCluster' } },
        ],
      },
    });
    expect(() => readSageMakerClusterConfigs(config)).toThrow(
      "cluster name 'a' is used more than once",
    );
  });

  it('falls back to the Kubernetes plugin config and skips unsupported auth providers', () => {
    const skipped: string[] = [];
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'dev',
                url: 'https://dev.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'tok',
                caFile: '/ca.pem',
              },
              {
                name: 'prod',
                url: 'https://prod.example.com',
                authProvider: 'aws',
                authMetadata: {
                  'kubernetes.io/aws-assume-role':
                    'arn:aws:iam::123456789012:role/k8s',
                  'kubernetes.io/x-k8s-aws-id': 'prod-eks',
                },
              },
              {
                name: 'gke',
                url: 'https://gke.example.com',
                authProvider: 'google',
              },
            ],
          },
        ],
      },
    });
    const clusters = readSageMakerClusterConfigs(config, {
      onSkippedCluster: m => skipped.push(m),
    });
    expect(clusters.map(c => [c.name, c.auth])).toEqual([
      ['dev', { type: 'serviceAccount', token: 'tok' }],
      [
        'prod',
        {
          type: 'aws',
          clusterName: 'prod-eks',
          assumeRole: 'arn:aws:iam::123456789012:role/k8s',
          externalId: undefined,
        },
      ],
    ]);
    expect(clusters[0].caFile).toBe('/ca.pem');
    expect(clusters[0].namespaces).toEqual([]);
    expect(skipped).toEqual([
      expect.stringContaining(
        "Skipping cluster 'gke' at 'kubernetes.clusterLocatorMethods[1].clusters[2]'",
      ),
    ]);
  });

  it('returns no clusters when nothing is configured', () => {
    expect(readSageMakerClusterConfigs(new ConfigReader({}))).toEqual([]);
  });
});
