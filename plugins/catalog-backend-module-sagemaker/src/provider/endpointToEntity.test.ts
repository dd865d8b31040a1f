import type { Endpoint } from '@mlplatform/plugin-sagemaker-scaling-common';
import { endpointToEntity } from './endpointToEntity';

function endpoint(
  labels: Record<string, string>,
  annotations: Record<string, string>,
): Endpoint {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Endpoint',
    metadata: { name: 'churn-endpoint', namespace: 'ml', labels, annotations },
    spec: { endpointName: 'churn-endpoint', endpointConfigName: 'c' },
  };
}

describe('endpointToEntity', () => {
  it('names the entity after the service label, else the Endpoint, and normalizes refs', () => {
    const { entity, warnings } = endpointToEntity(
      endpoint(
        { 'sagemaker-scaling.backstage.io/service': 'churn' },
        {
          'sagemaker-scaling.backstage.io/owner': 'team-a',
          'sagemaker-scaling.backstage.io/system': 'insights',
        },
      ),
      'prod',
    );
    expect(warnings).toEqual([]);
    expect(entity?.metadata.name).toBe('churn');
    expect(entity?.spec).toEqual({
      type: 'ml-service',
      lifecycle: 'experimental',
      owner: 'group:default/team-a',
      system: 'system:default/insights',
    });
    expect(entity?.metadata.annotations).toEqual({
      'sagemaker.services.k8s.aws/endpoint-name': 'churn-endpoint',
      'backstage.io/kubernetes-namespace': 'ml',
      'sagemaker.services.k8s.aws/cluster': 'prod',
      'backstage.io/managed-by-location':
        'sagemaker-endpoint:prod/ml/churn-endpoint',
      'backstage.io/managed-by-origin-location':
        'sagemaker-endpoint:prod/ml/churn-endpoint',
    });

    const unnamed = endpointToEntity(
      endpoint({}, { 'sagemaker-scaling.backstage.io/owner': 'user:jane' }),
      'prod',
    );
    expect(unnamed.entity?.metadata.name).toBe('churn-endpoint');
    expect(unnamed.entity?.spec?.owner).toBe('user:default/jane');
  });

  it('keeps any description text as it is, and refuses an entity without an owner', () => {
    const text = 'Line one\nkey: "value" # not a comment';
    const { entity } = endpointToEntity(
      endpoint(
        {},
        {
          'sagemaker-scaling.backstage.io/owner': 'team-a',
          'sagemaker-scaling.backstage.io/description': text,
        },
      ),
      'prod',
    );
    expect(entity?.metadata.description).toBe(text);
    expect(endpointToEntity(endpoint({}, {}), 'prod')).toEqual({
      warnings: [
        'Endpoint ml/churn-endpoint on cluster prod: no sagemaker-scaling.backstage.io/owner annotation; not catalogued',
      ],
    });
  });
});
