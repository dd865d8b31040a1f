/**
 * ACK objects as the controllers leave them, for tests: a healthy churn-prediction
 * endpoint in ml-serving with one variant, a scalable target and a policy.
 */
import type {
  AckCondition,
  Endpoint,
  EndpointConfig,
  Model,
  ScalableTarget,
  ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';

export const NS = 'ml-serving';
const synced: AckCondition[] = [
  {
    type: 'ACK.ResourceSynced',
    status: 'True',
    message: 'Resource synced successfully',
  },
];
const meta = (name: string, rv = '1') => ({
  name,
  namespace: NS,
  resourceVersion: rv,
  generation: 1,
});
const ack = (kind: string, name: string) => ({
  ackResourceMetadata: {
    arn: `arn:aws:sagemaker:us-east-1:111122223333:${kind}/${name}`,
    ownerAccountID: '111122223333',
    region: 'us-east-1',
  },
  conditions: synced,
});

export function model(name = 'churn-prediction-model'): Model {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Model',
    metadata: meta(name),
    spec: {
      modelName: name,
      executionRoleARN: 'arn:aws:iam::111122223333:role/sm',
      primaryContainer: { image: 'xgboost:1', modelDataURL: 's3://b/m.tar.gz' },
    },
    status: ack('model', name),
  };
}

export function endpointConfig(
  variants = [
    { variantName: 'AllTraffic', modelName: 'churn-prediction-model' },
  ],
  name = 'churn-prediction-config',
): EndpointConfig {
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'EndpointConfig',
    metadata: meta(name),
    spec: {
      endpointConfigName: name,
      productionVariants: variants.map(v => ({
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
        ...v,
      })),
    },
    status: ack('endpoint-config', name),
  };
}

export function endpoint(
  overrides: {
    status?: Endpoint['status'];
    counts?: { variantName: string; current: number; desired: number }[];
    name?: string;
    configName?: string;
  } = {},
): Endpoint {
  const name = overrides.name ?? 'churn-prediction';
  return {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Endpoint',
    metadata: meta(name),
    spec: {
      endpointName: name,
      endpointConfigName: overrides.configName ?? 'churn-prediction-config',
    },
    status: {
      ...ack('endpoint', name),
      endpointStatus: 'InService',
      creationTime: '2026-11-28T10:00:00Z',
      lastModifiedTime: '2026-11-28T10:05:00Z',
      productionVariants: (
        overrides.counts ?? [
          { variantName: 'AllTraffic', current: 2, desired: 2 },
        ]
      ).map(c => ({
        variantName: c.variantName,
        currentInstanceCount: c.current,
        desiredInstanceCount: c.desired,
        currentWeight: 1,
        desiredWeight: 1,
      })),
      ...overrides.status,
    },
  };
}

export function scalableTarget(
  overrides: Partial<ScalableTarget['spec']> & { name?: string } = {},
): ScalableTarget {
  const { name = 'churn-prediction-scalable-target', ...spec } = overrides;
  return {
    apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
    kind: 'ScalableTarget',
    metadata: meta(name),
    spec: {
      resourceID: 'endpoint/churn-prediction/variant/AllTraffic',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      serviceNamespace: 'sagemaker',
      minCapacity: 1,
      maxCapacity: 4,
      ...spec,
    },
    status: {
      ...ack('scalable-target', name),
      lastModifiedTime: '2026-11-28T10:06:00Z',
    },
  };
}

export function scalingPolicy(
  overrides: Partial<ScalingPolicy['spec']> & {
    name?: string;
    tt?: Partial<
      NonNullable<
        ScalingPolicy['spec']['targetTrackingScalingPolicyConfiguration']
      >
    >;
  } = {},
): ScalingPolicy {
  const { name = 'churn-prediction-scaling-policy', tt, ...spec } = overrides;
  return {
    apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
    kind: 'ScalingPolicy',
    metadata: meta(name),
    spec: {
      policyName: name,
      policyType: 'TargetTrackingScaling',
      resourceID: 'endpoint/churn-prediction/variant/AllTraffic',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      serviceNamespace: 'sagemaker',
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 60,
        scaleInCooldown: 700,
        scaleOutCooldown: 300,
        predefinedMetricSpecification: {
          predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
        },
        ...tt,
      },
      ...spec,
    },
    status: {
      ...ack('scaling-policy', name),
      alarms: [
        {
          alarmName: `TargetTracking-${name}-AlarmHigh`,
          alarmARN: 'arn:aws:cloudwatch:x',
        },
      ],
    },
  };
}
