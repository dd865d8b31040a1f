import {
  ANNOTATION_BOUND_ENTITY,
  resolveInstancePrice,
  type AnyAckResource,
  type ScalingActivity,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  endpoint,
  endpointConfig,
  model,
  NS,
  scalableTarget,
  scalingPolicy,
} from '../__testUtils__/fixtures';
import { buildScalingSnapshot } from './buildScalingSnapshot';
import type { ScalingSnapshotInput } from './types';

const fresh = { observedAt: '2026-11-28T12:00:00.000Z', stale: false };

function activity(overrides: Partial<ScalingActivity> = {}): ScalingActivity {
  return {
    activityId: 'a1',
    resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
    scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    description: 'Setting desired instance count to 4.',
    cause: 'monitor alarm AlarmHigh in state ALARM triggered policy',
    statusCode: 'Successful',
    startTime: '2026-11-28T11:00:00.000Z',
    endTime: '2026-11-28T11:04:00.000Z',
    ...overrides,
  };
}

const OWNER = 'component:default/churn-prediction';

/** The resource, annotated as bound to `entityRef` (as the template writes it). */
function boundTo<T extends AnyAckResource>(entityRef: string, resource: T): T {
  resource.metadata.annotations = {
    ...resource.metadata.annotations,
    [ANNOTATION_BOUND_ENTITY]: entityRef,
  };
  return resource;
}

/**
 * A healthy endpoint with `overrides`; its Endpoint is bound to the entity unless it
 * names an entity itself or `bound` is false.
 */
function input(
  overrides: Partial<ScalingSnapshotInput> = {},
  { bound = true } = {},
): ScalingSnapshotInput {
  const result: ScalingSnapshotInput = {
    entityRef: OWNER,
    cluster: 'sandbox',
    namespace: NS,
    endpointName: 'churn-prediction',
    endpoint: endpoint(),
    endpointConfig: endpointConfig(),
    models: [model()],
    scalableTargets: [scalableTarget()],
    scalingPolicies: [scalingPolicy()],
    freshness: fresh,
    autoscaling: { available: true, activities: [activity()] },
    ...overrides,
  };
  const e = result.endpoint;
  // The Endpoint alone carries the binding: the others do not count against it.
  if (bound && e && !e.metadata.annotations?.[ANNOTATION_BOUND_ENTITY]) {
    boundTo(OWNER, e);
  }
  return result;
}

const codes = (s: ReturnType<typeof buildScalingSnapshot>) =>
  s.findings.map(f => f.code);

describe('buildScalingSnapshot', () => {
  it('describes a healthy endpoint: variants, resources, activities and no findings', () => {
    const s = buildScalingSnapshot(input());
    expect(s).toMatchObject({
      entityRef: 'component:default/churn-prediction',
      cluster: 'sandbox',
      namespace: NS,
      endpointName: 'churn-prediction',
      observedAt: fresh.observedAt,
      stale: false,
      binding: { state: 'bound', boundTo: [OWNER] },
      activitiesAvailable: true,
      history: [],
      findings: [],
    });
    expect(s.endpoint).toMatchObject({
      endpointName: 'churn-prediction',
      endpointConfigName: 'churn-prediction-config',
      status: 'InService',
      arn: 'arn:aws:sagemaker:us-east-1:111122223333:endpoint/churn-prediction',
      region: 'us-east-1',
      ref: { kind: 'Endpoint', namespace: NS, name: 'churn-prediction' },
      creationTime: '2026-11-28T10:00:00Z',
    });
    expect(s.endpoint!.conditions).toEqual([
      expect.objectContaining({ type: 'ACK.ResourceSynced', status: 'True' }),
    ]);
    expect(s.variants).toEqual([
      {
        variantName: 'AllTraffic',
        modelName: 'churn-prediction-model',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
        currentInstanceCount: 2,
        desiredInstanceCount: 2,
        currentWeight: 1,
        desiredWeight: 1,
        scalableTargetName: 'churn-prediction-scalable-target',
        scalingPolicyNames: ['churn-prediction-scaling-policy'],
        scalingPolicyName: 'churn-prediction-scaling-policy',
        minCapacity: 1,
        maxCapacity: 4,
        atMaxCapacity: false,
        metricType: 'SageMakerVariantInvocationsPerInstance',
        customMetricName: undefined,
        targetValue: 60,
        scaleInCooldown: 700,
        scaleOutCooldown: 300,
        disableScaleIn: undefined,
        findings: [],
        settingsVersion: expect.any(String),
        // Neither alarms nor load in this input: the explanation says so.
        explanation: expect.objectContaining({
          state: 'unknown',
          summary:
            'Cannot tell why it holds 2 instances: neither the alarms nor the load could be read',
        }),
      },
    ]);
    expect(s.models).toEqual([
      expect.objectContaining({
        modelName: 'churn-prediction-model',
        image: 'xgboost:1',
      }),
    ]);
    expect(s.scalableTargets).toEqual([
      expect.objectContaining({ minCapacity: 1, maxCapacity: 4 }),
    ]);
    expect(s.scalingPolicies).toEqual([
      expect.objectContaining({
        policyType: 'TargetTrackingScaling',
        metricType: 'SageMakerVariantInvocationsPerInstance',
        targetValue: 60,
        scaleInCooldown: 700,
        scaleOutCooldown: 300,
        alarms: [
          {
            alarmName:
              'TargetTracking-churn-prediction-scaling-policy-AlarmHigh',
            alarmARN: 'arn:aws:cloudwatch:x',
          },
        ],
      }),
    ]);
    expect(s.activities).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(s))).toEqual(
      JSON.parse(JSON.stringify(s)),
    );
  });

  it('keeps managedFields out of the manifests', () => {
    const e = endpoint();
    e.metadata.managedFields = [{ manager: 'kubectl' }];
    const s = buildScalingSnapshot(input({ endpoint: e }));
    expect(
      (s.endpoint!.manifest.metadata as any).managedFields,
    ).toBeUndefined();
    expect((s.endpoint!.manifest.metadata as any).name).toBe(
      'churn-prediction',
    );
  });

  it('reports a missing Endpoint resource but still shows targets pointing at it', () => {
    const s = buildScalingSnapshot(
      input({ endpoint: undefined, endpointConfig: undefined, models: [] }),
    );
    expect(s.endpoint).toBeUndefined();
    expect(s.variants).toEqual([]);
    expect(s.findings[0]).toMatchObject({
      code: 'endpoint-not-found',
      severity: 'error',
      message:
        "Endpoint resource 'churn-prediction' does not exist in namespace 'ml-serving' of cluster 'sandbox'.",
    });
    expect(codes(s)).toContain('target-for-missing-variant');
  });

  it('shows a Creating endpoint without counts and without findings about capacity', () => {
    const e = endpoint({
      status: { endpointStatus: 'Creating', productionVariants: [] },
    });
    e.status!.conditions = [
      {
        type: 'ACK.ResourceSynced',
        status: 'False',
        message: 'Endpoint is in Creating status.',
      },
    ];
    const s = buildScalingSnapshot(input({ endpoint: e }));
    expect(s.endpoint!.status).toBe('Creating');
    expect(s.variants[0]).toMatchObject({
      variantName: 'AllTraffic',
      instanceType: 'ml.m5.large',
      currentInstanceCount: undefined,
    });
    expect(s.findings).toEqual([]);
  });

  it('puts a Failed endpoint and its Terminal condition first, with the controller message', () => {
    const e = endpoint({
      status: {
        endpointStatus: 'Failed',
        failureReason: 'Failed to pull image xgboost:bad',
      },
    });
    e.status!.conditions = [
      {
        type: 'ACK.Terminal',
        status: 'True',
        message:
          'Endpoint status reached terminal state: Failed. Check the FailureReason.',
        lastTransitionTime: '2026-11-28T10:09:00Z',
      },
    ];
    const s = buildScalingSnapshot(
      input({
        endpoint: e,
        scalingPolicies: [scalingPolicy({ tt: { disableScaleIn: true } })],
      }),
    );
    expect(s.findings.slice(0, 2)).toEqual([
      expect.objectContaining({
        code: 'endpoint-failed',
        severity: 'error',
        message:
          "Endpoint 'churn-prediction' failed: Failed to pull image xgboost:bad",
      }),
      expect.objectContaining({
        code: 'terminal-condition',
        severity: 'error',
        message:
          "Endpoint 'churn-prediction' is in a terminal state: Endpoint status reached terminal state: Failed. Check the FailureReason.",
        since: '2026-11-28T10:09:00Z',
      }),
    ]);
    expect(codes(s)[codes(s).length - 1]).toBe('scale-in-disabled');
  });

  it('reports Recoverable conditions of any of the five resources as warnings', () => {
    const t = scalableTarget();
    t.status!.conditions = [
      {
        type: 'ACK.Recoverable',
        status: 'True',
        message: 'AccessDeniedException: not authorized',
      },
    ];
    const s = buildScalingSnapshot(input({ scalableTargets: [t] }));
    expect(s.findings).toEqual([
      expect.objectContaining({
        code: 'recoverable-condition',
        severity: 'warning',
        message:
          "ScalableTarget 'churn-prediction-scalable-target' has a recoverable error: AccessDeniedException: not authorized",
        resource: {
          kind: 'ScalableTarget',
          namespace: NS,
          name: 'churn-prediction-scalable-target',
        },
      }),
    ]);
  });

  it('reports being at max capacity since the last successful scaling activity', () => {
    const s = buildScalingSnapshot(
      input({
        endpoint: endpoint({
          counts: [{ variantName: 'AllTraffic', current: 4, desired: 4 }],
        }),
        autoscaling: {
          available: true,
          // Newest first, as the service delivers them.
          activities: [
            activity({
              activityId: 'failed',
              statusCode: 'Failed',
              startTime: '2026-11-28T11:30:00.000Z',
            }),
            activity(),
            activity({
              activityId: 'old',
              startTime: '2026-11-28T09:00:00.000Z',
              endTime: '2026-11-28T09:01:00.000Z',
            }),
          ],
        },
      }),
    );
    expect(s.findings).toEqual([
      expect.objectContaining({
        code: 'at-max-capacity',
        severity: 'warning',
        message:
          "Variant 'AllTraffic' is at its maximum capacity of 4 instances; it cannot scale out further.",
        since: '2026-11-28T11:04:00.000Z',
        variantName: 'AllTraffic',
      }),
    ]);
    expect(s.variants[0]).toMatchObject({
      atMaxCapacity: true,
      findings: [expect.objectContaining({ code: 'at-max-capacity' })],
    });
    expect(s.activities.map(a => a.activityId)).toEqual([
      'failed',
      'a1',
      'old',
    ]);
  });

  it('reports a variant without a scalable target, and a target for a variant that does not exist', () => {
    const s = buildScalingSnapshot(
      input({
        scalableTargets: [
          scalableTarget({
            resourceID: 'endpoint/churn-prediction/variant/AllTrafic',
          }),
        ],
        scalingPolicies: [
          scalingPolicy({
            resourceID: 'endpoint/churn-prediction/variant/AllTrafic',
          }),
        ],
      }),
    );
    expect(codes(s)).toEqual([
      'variant-without-scalable-target',
      'target-for-missing-variant',
    ]);
    expect(s.findings[1].message).toBe(
      "ScalableTarget 'churn-prediction-scalable-target' points at variant 'AllTrafic', which endpoint 'churn-prediction' does not have (variants: AllTraffic).",
    );
    expect(s.variants[0].scalableTargetName).toBeUndefined();
    expect(s.scalableTargets).toHaveLength(1);
  });

  it('reports a policy without a target and a target without a policy', () => {
    const s = buildScalingSnapshot(
      input({
        scalingPolicies: [
          scalingPolicy({
            scalableDimension:
              'sagemaker:variant:DesiredProvisionedConcurrency',
          }),
        ],
      }),
    );
    expect(codes(s)).toEqual([
      'metric-dimension-mismatch',
      'policy-for-missing-target',
      'target-without-policy',
    ]);
    expect(s.findings[0].message).toBe(
      "ScalingPolicy 'churn-prediction-scaling-policy' uses metric 'SageMakerVariantInvocationsPerInstance', which does not fit dimension 'sagemaker:variant:DesiredProvisionedConcurrency'.",
    );
    expect(s.findings[2].message).toContain(
      'capacity stays where it is within [1, 4]',
    );
  });

  it('reports suspended scaling and disabled scale-in', () => {
    const s = buildScalingSnapshot(
      input({
        scalableTargets: [
          scalableTarget({
            suspendedState: {
              dynamicScalingInSuspended: true,
              dynamicScalingOutSuspended: true,
            },
          }),
        ],
        scalingPolicies: [scalingPolicy({ tt: { disableScaleIn: true } })],
      }),
    );
    expect(s.findings).toEqual([
      expect.objectContaining({
        code: 'scaling-suspended',
        severity: 'warning',
        message:
          "ScalableTarget 'churn-prediction-scalable-target' has scale-in, scale-out suspended.",
      }),
      expect.objectContaining({ code: 'scale-in-disabled', severity: 'info' }),
    ]);
  });

  it('degrades to no activities with a finding when Application Auto Scaling is unavailable', () => {
    const s = buildScalingSnapshot(
      input({
        autoscaling: {
          available: false,
          reason: 'connect ECONNREFUSED',
          activities: [],
        },
      }),
    );
    expect(s.activitiesAvailable).toBe(false);
    expect(s.activities).toEqual([]);
    expect(s.findings).toEqual([
      expect.objectContaining({
        code: 'autoscaling-unavailable',
        message: expect.stringContaining('connect ECONNREFUSED'),
      }),
    ]);
  });

  it('says when the data is stale and why', () => {
    const s = buildScalingSnapshot(
      input({
        freshness: {
          observedAt: '2026-11-28T11:59:00.000Z',
          stale: true,
          staleReason:
            "the watch of endpoints in cluster 'sandbox' is reconnecting",
        },
      }),
    );
    expect(s).toMatchObject({
      stale: true,
      staleReason:
        "the watch of endpoints in cluster 'sandbox' is reconnecting",
      observedAt: '2026-11-28T11:59:00.000Z',
    });
    expect(s.findings).toEqual([
      expect.objectContaining({
        code: 'data-stale',
        since: '2026-11-28T11:59:00.000Z',
      }),
    ]);
  });

  it('orders findings by severity and then by kind, whatever order they were found in', () => {
    const e = endpoint({
      counts: [{ variantName: 'AllTraffic', current: 4, desired: 4 }],
    });
    const m = model();
    m.status!.conditions = [
      { type: 'ACK.Terminal', status: 'True', message: 'NotImplemented' },
    ];
    const s = buildScalingSnapshot(
      input({
        endpoint: e,
        models: [m],
        scalingPolicies: [scalingPolicy({ tt: { disableScaleIn: true } })],
        autoscaling: { available: false, reason: 'down', activities: [] },
        freshness: { ...fresh, stale: true },
      }),
    );
    expect(s.findings.map(f => [f.severity, f.code])).toEqual([
      ['error', 'terminal-condition'],
      ['warning', 'at-max-capacity'],
      ['warning', 'autoscaling-unavailable'],
      ['warning', 'data-stale'],
      ['info', 'scale-in-disabled'],
    ]);
  });

  it('handles several variants, each with its own target', () => {
    const s = buildScalingSnapshot(
      input({
        endpointConfig: endpointConfig([
          { variantName: 'A', modelName: 'churn-prediction-model' },
          { variantName: 'B', modelName: 'churn-prediction-model' },
        ]),
        endpoint: endpoint({
          counts: [
            { variantName: 'A', current: 1, desired: 1 },
            { variantName: 'B', current: 3, desired: 3 },
          ],
        }),
        scalableTargets: [
          scalableTarget({
            name: 'a',
            resourceID: 'endpoint/churn-prediction/variant/A',
          }),
          scalableTarget({
            name: 'b',
            resourceID: 'endpoint/churn-prediction/variant/B',
            maxCapacity: 3,
          }),
        ],
        scalingPolicies: [
          scalingPolicy({
            name: 'pa',
            resourceID: 'endpoint/churn-prediction/variant/A',
          }),
          scalingPolicy({
            name: 'pb',
            resourceID: 'endpoint/churn-prediction/variant/B',
          }),
        ],
      }),
    );
    expect(
      s.variants.map(v => [
        v.variantName,
        v.scalableTargetName,
        v.scalingPolicyNames,
      ]),
    ).toEqual([
      ['A', 'a', ['pa']],
      ['B', 'b', ['pb']],
    ]);
    expect(codes(s)).toEqual(['at-max-capacity']);
    expect(s.findings[0].message).toContain("Variant 'B'");
    expect(
      s.variants.map(v => [
        v.variantName,
        v.minCapacity,
        v.maxCapacity,
        v.atMaxCapacity,
        v.targetValue,
        v.findings.map(f => f.code),
      ]),
    ).toEqual([
      ['A', 1, 4, false, 60, []],
      ['B', 1, 3, true, 60, ['at-max-capacity']],
    ]);
  });

  it("shows a variant the settings of its target-tracking policy, not of another policy's", () => {
    const s = buildScalingSnapshot(
      input({
        scalingPolicies: [
          scalingPolicy({ name: 'b-tracking', tt: { targetValue: 90 } }),
          scalingPolicy({
            name: 'a-step',
            policyType: 'StepScaling',
            targetTrackingScalingPolicyConfiguration: undefined,
          }),
        ],
      }),
    );
    expect(s.variants[0]).toMatchObject({
      scalingPolicyNames: ['a-step', 'b-tracking'],
      scalingPolicyName: 'b-tracking',
      targetValue: 90,
    });
  });

  it('says that an owner must adopt an endpoint none of whose resources is bound', () => {
    const s = buildScalingSnapshot(input({}, { bound: false }));
    expect(s.binding).toMatchObject({ state: 'unbound', boundTo: [] });
    expect(s.findings).toEqual([
      expect.objectContaining({
        code: 'endpoint-unbound',
        severity: 'info',
        message:
          'No catalog entity owns this endpoint yet: an owner of component:default/churn-prediction must adopt it before its scaling can be edited here.',
        resource: { kind: 'Endpoint', namespace: NS, name: 'churn-prediction' },
      }),
    ]);
  });

  it('reports resources bound to different entities as an error, first', () => {
    const s = buildScalingSnapshot(
      input({
        endpoint: boundTo(
          OWNER,
          endpoint({ status: { endpointStatus: 'Failed' } }),
        ),
        scalableTargets: [
          boundTo('component:default/fraud-detection', scalableTarget()),
        ],
      }),
    );
    expect(s.binding).toMatchObject({
      state: 'conflicting',
      boundTo: [
        'component:default/churn-prediction',
        'component:default/fraud-detection',
      ],
    });
    expect(s.findings.map(f => [f.severity, f.code])).toEqual([
      ['error', 'endpoint-failed'],
      ['error', 'binding-conflict'],
    ]);
    expect(s.findings[1].message).toContain(
      'bound to different entities (component:default/churn-prediction, component:default/fraud-detection)',
    );
  });

  it('names the entity an endpoint bound to another one belongs to, without a finding', () => {
    const s = buildScalingSnapshot(
      input({
        endpoint: boundTo('component:default/fraud-detection', endpoint()),
      }),
    );
    expect(s.binding).toMatchObject({
      state: 'bound-to-other',
      boundTo: ['component:default/fraud-detection'],
    });
    expect(s.findings).toEqual([]);
  });

  it('reports an endpoint whose update rollback failed like a failed one', () => {
    const s = buildScalingSnapshot(
      input({
        endpoint: boundTo(
          OWNER,
          endpoint({
            status: {
              endpointStatus: 'UpdateRollbackFailed',
              failureReason: 'rollback timed out',
            },
          }),
        ),
      }),
    );
    expect(s.findings[0]).toMatchObject({
      code: 'endpoint-failed',
      severity: 'error',
      message:
        "Endpoint 'churn-prediction' is UpdateRollbackFailed: rollback timed out",
    });
  });

  it('shows the newest per-instance load and charts it against the policy target', () => {
    const s = buildScalingSnapshot(
      input({
        load: {
          AllTraffic: [
            { timestamp: '2026-11-28T11:58:00.000Z', value: 72 },
            { timestamp: '2026-11-28T11:59:00.000Z', value: 64.5 },
          ],
        },
      }),
    );
    expect(s.variants[0].latestLoadPerInstance).toBe(64.5);
    expect(s.history).toEqual([
      {
        timestamp: '2026-11-28T11:58:00.000Z',
        variantName: 'AllTraffic',
        loadPerInstance: 72,
        targetValue: 60,
      },
      {
        timestamp: '2026-11-28T11:59:00.000Z',
        variantName: 'AllTraffic',
        loadPerInstance: 64.5,
        targetValue: 60,
      },
    ]);
  });

  it('leaves the load unknown when CloudWatch had nothing', () => {
    const s = buildScalingSnapshot(input({ load: { AllTraffic: [] } }));
    expect(s.variants[0]).not.toHaveProperty('latestLoadPerInstance');
    expect(s.history).toEqual([]);
  });
});

describe('the cost of each variant', () => {
  const atThree = {
    endpoint: endpoint({
      counts: [{ variantName: 'AllTraffic', current: 3, desired: 3 }],
    }),
    scalableTargets: [scalableTarget({ minCapacity: 2, maxCapacity: 6 })],
  };

  it('is 3 x $0.115/h = $0.345/h now and $251.85 per 730-hour month, with the source', () => {
    const s = buildScalingSnapshot(
      input({
        ...atThree,
        prices: { 'ml.m5.large': resolveInstancePrice('ml.m5.large') },
      }),
    );
    const cost = s.variants[0].cost;
    expect(cost).toMatchObject({
      usdPerInstanceHour: 0.115,
      priceSource: 'bundled list price (us-east-1, 2026-07)',
    });
    if (!cost || cost.unknown) throw new Error('expected a known cost');
    expect(cost.usdPerHourNow).toBeCloseTo(0.345, 10);
    expect(cost.usdPerHourAtMin).toBeCloseTo(0.23, 10);
    expect(cost.usdPerHourAtMax).toBeCloseTo(0.69, 10);
    expect(cost.monthlyRunRateUsd).toBeCloseTo(251.85, 10);
  });

  it('says the price is unknown and how to configure it, with no numbers', () => {
    const s = buildScalingSnapshot(
      input({
        ...atThree,
        prices: {
          'ml.m5.large': resolveInstancePrice('ml.m5.large', {
            region: 'eu-west-1',
          }),
        },
      }),
    );
    expect(s.variants[0].cost).toEqual({
      unknown: true,
      instanceType: 'ml.m5.large',
      howToConfigure: expect.stringContaining(
        'sagemakerScaling.prices.ml-m5-large in app-config',
      ),
    });
  });

  it('leaves out the run rate of an endpoint whose instance count is not known yet', () => {
    const s = buildScalingSnapshot(
      input({
        endpoint: endpoint({
          status: { endpointStatus: 'Creating', productionVariants: [] },
        }),
        prices: { 'ml.m5.large': resolveInstancePrice('ml.m5.large') },
      }),
    );
    expect(s.variants[0].cost).toEqual({
      usdPerInstanceHour: 0.115,
      usdPerHourAtMin: 0.115,
      usdPerHourAtMax: expect.any(Number),
      priceSource: 'bundled list price (us-east-1, 2026-07)',
    });
  });

  it('is absent without a price for the instance type', () => {
    expect(buildScalingSnapshot(input(atThree)).variants[0]).not.toHaveProperty(
      'cost',
    );
  });
});
