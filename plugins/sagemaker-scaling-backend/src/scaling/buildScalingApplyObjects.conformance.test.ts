/**
 * What `PUT .../scaling` server-side applies validates against the upstream ACK CRDs,
 * for an existing policy and for a new one, with every setting at its edges.
 */
import {
  UPSTREAM_CRD_DIR,
  createUpstreamCrdValidators,
  describeWithShared,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import type { ScalingSnapshotInput } from '../snapshot/types';
import {
  endpoint,
  endpointConfig,
  model,
  NS,
  scalableTarget,
  scalingPolicy,
} from '../__testUtils__/fixtures';
import { buildScalingApplyObjects } from './buildScalingApplyObjects';

function input(withPolicy: boolean): ScalingSnapshotInput {
  return {
    entityRef: 'component:default/churn-prediction',
    cluster: 'sandbox',
    namespace: NS,
    endpointName: 'churn-prediction',
    endpoint: endpoint(),
    endpointConfig: endpointConfig(),
    models: [model()],
    scalableTargets: [scalableTarget()],
    scalingPolicies: withPolicy ? [scalingPolicy()] : [],
    freshness: { observedAt: '2026-11-28T10:00:00Z', stale: false },
    autoscaling: { available: true, activities: [] },
  } as ScalingSnapshotInput;
}

describeWithShared(
  'scaling updates against the upstream CRDs',
  [UPSTREAM_CRD_DIR],
  () => {
    let validators: ReturnType<typeof createUpstreamCrdValidators>;
    beforeAll(() => {
      validators = createUpstreamCrdValidators();
    });

    const updates = [
      {
        minCapacity: 1,
        maxCapacity: 4,
        targetValue: 60,
        scaleInCooldown: 700,
        scaleOutCooldown: 300,
        disableScaleIn: false,
      },
      {
        minCapacity: 0,
        maxCapacity: 100,
        targetValue: 0.5,
        scaleInCooldown: 0,
        scaleOutCooldown: 86400,
        disableScaleIn: true,
      },
    ];

    it.each([true, false])(
      'validates with an existing policy: %s',
      withPolicy => {
        for (const update of updates) {
          const { scalableTarget: target, scalingPolicy: policy } =
            buildScalingApplyObjects(input(withPolicy), update);
          for (const object of [target, policy]) {
            const validate = validators[object.kind];
            expect({
              kind: object.kind,
              valid: validate(object),
              errors: validate.errors ?? null,
            }).toEqual({
              kind: object.kind,
              valid: true,
              errors: null,
            });
          }
        }
      },
    );

    it('the validators refuse a wrong type, so the check above can fail', () => {
      const { scalableTarget: target } = buildScalingApplyObjects(
        input(true),
        updates[0],
      );
      const broken = { ...target, spec: { ...target.spec, minCapacity: '1' } };
      expect(validators.ScalableTarget(broken)).toBe(false);
    });
  },
);
