import {
  ANNOTATION_SERVICE_DESCRIPTION,
  ANNOTATION_SERVICE_LIFECYCLE,
  ANNOTATION_SERVICE_OWNER,
  ANNOTATION_SERVICE_SYSTEM,
  LABEL_CATALOG,
  LABEL_SERVICE,
  normalizeServiceEntityRef,
  sagemakerEndpointLocationRef,
  serviceCatalogMetadata,
  validateServiceCatalogInfo,
} from './catalogLabels';
import {
  buildScaledEndpointManifests,
  scaledEndpointManifestList,
} from './manifests';
import { tutorialSpec } from '@mlplatform/sagemaker-scaling-test-fixtures';

describe('service catalog labels and annotations', () => {
  it('normalizes owner and system refs and refuses what is not a ref', () => {
    expect(normalizeServiceEntityRef('ml-platform', 'group')).toBe(
      'group:default/ml-platform',
    );
    expect(normalizeServiceEntityRef('user:default/guest', 'group')).toBe(
      'user:default/guest',
    );
    expect(normalizeServiceEntityRef('recs', 'system')).toBe(
      'system:default/recs',
    );
    for (const bad of ['', ' ', 'group:default/', 'a b', 'x'.repeat(64), 42]) {
      expect(normalizeServiceEntityRef(bad, 'group')).toBeUndefined();
    }
  });

  it('names every broken field', () => {
    expect(
      validateServiceCatalogInfo({
        owner: 'not a ref',
        system: 'sys tem',
        description: 'd'.repeat(501),
        lifecycle: 'in production',
        entityProvider: 'yes',
      }).map(i => i.field),
    ).toEqual([
      'owner',
      'system',
      'description',
      'lifecycle',
      'entityProvider',
    ]);
    expect(
      validateServiceCatalogInfo({ owner: 'group:default/ml-platform' }),
    ).toEqual([]);
  });

  it('labels the service name, and the provider marker only when asked', () => {
    const gitops = serviceCatalogMetadata('churn', { owner: 'team-a' });
    expect(gitops).toEqual({
      labels: { [LABEL_SERVICE]: 'churn' },
      annotations: {
        [ANNOTATION_SERVICE_OWNER]: 'group:default/team-a',
        [ANNOTATION_SERVICE_LIFECYCLE]: 'experimental',
      },
    });
    const apply = serviceCatalogMetadata('churn', {
      owner: 'team-a',
      system: 'recs',
      description: 'Predicts churn: "who leaves"\nnext month',
      lifecycle: 'production',
      entityProvider: true,
    });
    expect(apply.labels[LABEL_CATALOG]).toBe('entity-provider');
    expect(apply.annotations).toEqual({
      [ANNOTATION_SERVICE_OWNER]: 'group:default/team-a',
      [ANNOTATION_SERVICE_SYSTEM]: 'system:default/recs',
      [ANNOTATION_SERVICE_DESCRIPTION]:
        'Predicts churn: "who leaves"\nnext month',
      [ANNOTATION_SERVICE_LIFECYCLE]: 'production',
    });
  });

  it('puts them on all five resources, and refuses bad catalog fields', () => {
    const objects = scaledEndpointManifestList(
      buildScaledEndpointManifests(tutorialSpec, {
        owner: 'group:default/ml-platform',
        entityProvider: true,
      }),
    );
    expect(objects).toHaveLength(5);
    for (const object of objects) {
      expect(object.metadata.labels).toEqual(
        expect.objectContaining({
          [LABEL_SERVICE]: tutorialSpec.serviceName,
          [LABEL_CATALOG]: 'entity-provider',
        }),
      );
      expect(object.metadata.annotations?.[ANNOTATION_SERVICE_OWNER]).toBe(
        'group:default/ml-platform',
      );
    }
    expect(() =>
      buildScaledEndpointManifests(tutorialSpec, { owner: 'no such ref!' }),
    ).toThrow(/owner "no such ref!" must be an entity reference/);
  });

  it('names the provider location after cluster, namespace and endpoint', () => {
    expect(
      sagemakerEndpointLocationRef({
        cluster: 'prod',
        namespace: 'ml-serving',
        endpointName: 'churn',
      }),
    ).toBe('sagemaker-endpoint:prod/ml-serving/churn');
  });
});
