import {
  FIELD_BOUNDARY_CASES,
  minimalSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { buildScaledEndpointManifests } from './buildScaledEndpointManifests';
import type { ScaledEndpointField } from './fieldRules';
import type { ScaledEndpointManifests } from './types';
import { validateScaledEndpointManifests } from './validateScaledEndpointManifests';

const render = (): ScaledEndpointManifests =>
  structuredClone(
    buildScaledEndpointManifests({
      ...minimalSpec,
      minCapacity: 1,
      maxCapacity: 2147483647,
      initialInstanceCount: 1,
    }),
  );

/** Where a field of the rule table sits in the five objects. */
const PLACES: [string, ScaledEndpointField, (m: any, v: unknown) => void][] = [
  [
    'Model.metadata.namespace',
    'namespace',
    (m, v) => {
      for (const o of Object.values(m) as any[]) o.metadata.namespace = v;
    },
  ],
  [
    'Model.spec.executionRoleARN',
    'executionRoleARN',
    (m, v) => {
      m.model.spec.executionRoleARN = v;
    },
  ],
  [
    'Model.spec.primaryContainer.image',
    'image',
    (m, v) => {
      m.model.spec.primaryContainer.image = v;
    },
  ],
  [
    'Model.spec.primaryContainer.modelDataURL',
    'modelDataURL',
    (m, v) => {
      m.model.spec.primaryContainer.modelDataURL = v;
    },
  ],
  [
    'EndpointConfig.spec.productionVariants[0].instanceType',
    'instanceType',
    (m, v) => {
      m.endpointConfig.spec.productionVariants[0].instanceType = v;
    },
  ],
  [
    'EndpointConfig.spec.productionVariants[0].initialInstanceCount',
    'initialInstanceCount',
    (m, v) => {
      m.endpointConfig.spec.productionVariants[0].initialInstanceCount = v;
    },
  ],
  [
    'ScalableTarget.spec.minCapacity',
    'minCapacity',
    (m, v) => {
      m.scalableTarget.spec.minCapacity = v;
    },
  ],
  [
    'ScalableTarget.spec.maxCapacity',
    'maxCapacity',
    (m, v) => {
      m.scalableTarget.spec.maxCapacity = v;
    },
  ],
  [
    'ScalingPolicy.spec.targetTrackingScalingPolicyConfiguration.targetValue',
    'targetValue',
    (m, v) => {
      m.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration.targetValue =
        v;
    },
  ],
  [
    'ScalingPolicy.spec.targetTrackingScalingPolicyConfiguration.scaleInCooldown',
    'scaleInCooldown',
    (m, v) => {
      m.scalingPolicy.spec.targetTrackingScalingPolicyConfiguration.scaleInCooldown =
        v;
    },
  ],
  [
    'ScalingPolicy.spec.policyName',
    'policyName',
    (m, v) => {
      m.scalingPolicy.spec.policyName = v;
    },
  ],
];

describe('validateScaledEndpointManifests', () => {
  it('accepts rendered manifests', () => {
    expect(validateScaledEndpointManifests(render())).toEqual([]);
  });

  describe.each(PLACES)('%s (the rule of %s)', (place, field, set) => {
    const issuesAt = (value: unknown) => {
      const m = render();
      set(m, value);
      return validateScaledEndpointManifests(m).filter(i => i.field === place);
    };
    // null means "left out" in an object; whether that is allowed is the object's rule
    const refused = FIELD_BOUNDARY_CASES[field].refuse.filter(v => v !== null);
    it.each(FIELD_BOUNDARY_CASES[field].accept.map(v => [v]))(
      'accepts %p',
      value => expect(issuesAt(value)).toEqual([]),
    );
    it.each(refused.map(v => [v]))('refuses %p, naming the place', value =>
      expect(issuesAt(value)).toEqual([
        expect.objectContaining({ message: expect.stringContaining(place) }),
      ]),
    );
  });

  it('refuses broken references between the objects, naming each', () => {
    const m = render();
    m.endpoint.spec.endpointConfigName = 'other-config';
    m.scalingPolicy.spec.resourceID = 'endpoint/other/variant/AllTraffic';
    (m.scalableTarget.metadata as any).namespace = 'elsewhere';
    (m.model as any).apiVersion = 'sagemaker.services.k8s.aws/v1';
    expect(validateScaledEndpointManifests(m).map(i => i.field)).toEqual(
      expect.arrayContaining([
        'Model.apiVersion',
        'metadata.namespace',
        'Endpoint.spec.endpointConfigName',
        'ScalingPolicy.spec.resourceID',
      ]),
    );
  });

  it('refuses min above max on the ScalableTarget', () => {
    const m = render();
    m.scalableTarget.spec.minCapacity = 5;
    m.scalableTarget.spec.maxCapacity = 4;
    expect(validateScaledEndpointManifests(m)).toEqual([
      {
        field: 'ScalableTarget.spec.maxCapacity',
        message: expect.stringMatching(
          /^ScalableTarget.spec.maxCapacity must be greater than or equal to minCapacity/,
        ),
      },
    ]);
  });
});
