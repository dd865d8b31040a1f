import {
  minimalSpec,
  tutorialManifests,
  tutorialSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { ANNOTATION_BOUND_ENTITY, evaluateEndpointBinding } from '../binding';
import { ANNOTATION_SERVICE_OWNER } from '../catalogLabels';
import {
  buildScaledEndpointManifests,
  scaledEndpointManifestList,
} from './buildScaledEndpointManifests';
import { ScaledEndpointSpecError } from './ScaledEndpointSpecError';

function comparable(object: {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: unknown;
}) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: { name: object.metadata.name },
    spec: object.spec,
  };
}

describe('buildScaledEndpointManifests', () => {
  it('renders the tutorial manifests field for field from the tutorial values', () => {
    // The fixture equals shared/reference/tutorial-manifests.yaml (its own test says so).
    const expected = tutorialManifests().map(comparable);
    expect(expected).toHaveLength(5);
    const rendered = scaledEndpointManifestList(
      buildScaledEndpointManifests(tutorialSpec),
    ).map(comparable);
    expect(rendered).toEqual(expected);
  });

  it('puts every object in the namespace with the ownership labels, bound to the service entity', () => {
    for (const object of scaledEndpointManifestList(
      buildScaledEndpointManifests(tutorialSpec),
    )) {
      expect(object.metadata).toEqual({
        name: expect.any(String),
        namespace: 'ml-serving',
        labels: {
          'app.kubernetes.io/managed-by': 'backstage-sagemaker-scaling',
          'app.kubernetes.io/part-of': 'churn-prediction',
        },
        annotations: {
          [ANNOTATION_BOUND_ENTITY]: 'component:default/churn-prediction',
        },
      });
    }
  });

  it('binds all five objects to the service entity with catalog info too', () => {
    const objects = scaledEndpointManifestList(
      buildScaledEndpointManifests(minimalSpec, {
        owner: 'group:default/ml-platform',
      }),
    );
    for (const object of objects) {
      expect(object.metadata.annotations).toEqual(
        expect.objectContaining({
          [ANNOTATION_BOUND_ENTITY]: 'component:default/churn-prediction',
          [ANNOTATION_SERVICE_OWNER]: 'group:default/ml-platform',
        }),
      );
    }
    expect(
      evaluateEndpointBinding('component:default/churn-prediction', objects)
        .state,
    ).toBe('bound');
    expect(
      evaluateEndpointBinding('component:default/other', objects).state,
    ).toBe('bound-to-other');
  });

  it('derives names and defaults from the service name when none are given', () => {
    const m = buildScaledEndpointManifests(minimalSpec);
    expect(
      scaledEndpointManifestList(m).map(o => `${o.kind}/${o.metadata.name}`),
    ).toEqual([
      'Model/churn-prediction-model',
      'EndpointConfig/churn-prediction-config',
      'Endpoint/churn-prediction',
      'ScalableTarget/churn-prediction-scalable-target',
      'ScalingPolicy/churn-prediction-scaling-policy',
    ]);
    expect(m.model.spec.modelName).toBe('churn-prediction-model');
    expect(m.endpointConfig.spec.productionVariants).toEqual([
      {
        modelName: 'churn-prediction-model',
        variantName: 'AllTraffic',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
      },
    ]);
    expect(m.endpoint.spec).toEqual({
      endpointName: 'churn-prediction',
      endpointConfigName: 'churn-prediction-config',
    });
    expect(m.scalableTarget.spec.resourceID).toBe(
      'endpoint/churn-prediction/variant/AllTraffic',
    );
    expect(m.scalingPolicy.spec.policyName).toBe(
      'churn-prediction-scaling-policy',
    );
    expect(
      m.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration,
    ).toEqual({
      targetValue: 60,
      scaleInCooldown: 300,
      scaleOutCooldown: 300,
      predefinedMetricSpecification: {
        predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
      },
    });
  });

  it('writes containerHostname only when given', () => {
    expect(
      buildScaledEndpointManifests(minimalSpec).model.spec.primaryContainer,
    ).toEqual({
      modelDataURL: minimalSpec.modelDataURL,
      image: minimalSpec.image,
    });
  });

  it('writes disableScaleIn only when true', () => {
    const on = buildScaledEndpointManifests({
      ...minimalSpec,
      disableScaleIn: true,
    });
    const off = buildScaledEndpointManifests({
      ...minimalSpec,
      disableScaleIn: false,
    });
    expect(
      on.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration
        ?.disableScaleIn,
    ).toBe(true);
    expect(
      off.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration,
    ).not.toHaveProperty('disableScaleIn');
  });

  it('uses an explicit policy name and variant in the policy and resource ID', () => {
    const m = buildScaledEndpointManifests({
      ...minimalSpec,
      variantName: 'Blue',
      policyName: 'Invocations target: 60/min',
      metricType: 'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    });
    expect(m.scalingPolicy.metadata.name).toBe(
      'churn-prediction-scaling-policy',
    );
    expect(m.scalingPolicy.spec.policyName).toBe('Invocations target: 60/min');
    expect(m.scalingPolicy.spec.resourceID).toBe(
      'endpoint/churn-prediction/variant/Blue',
    );
    expect(
      m.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration
        ?.predefinedMetricSpecification?.predefinedMetricType,
    ).toBe('SageMakerVariantConcurrentRequestsPerModelHighResolution');
  });

  it('refuses an invalid spec with an InputError listing every issue', () => {
    let error: unknown;
    try {
      buildScaledEndpointManifests({
        ...minimalSpec,
        serviceName: 'bad\nname',
        minCapacity: 4,
        maxCapacity: 2,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScaledEndpointSpecError);
    const specError = error as ScaledEndpointSpecError;
    expect(specError.name).toBe('InputError');
    expect(specError.issues.map(i => i.field)).toEqual([
      'serviceName',
      'maxCapacity',
    ]);
    expect(specError.message).toMatch(
      /^Invalid scaled endpoint spec: serviceName must be .*; maxCapacity must be greater than or equal to minCapacity/,
    );
  });
});
