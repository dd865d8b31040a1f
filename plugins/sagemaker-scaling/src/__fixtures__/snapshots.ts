/**
 * Scaling snapshots for tests and the dev app: the demo service `churn-prediction`
 * (ACK Endpoint `churn-prediction` in namespace `ml-serving`, variant `AllTraffic`) in
 * every state the UI has a design for.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  AckCondition,
  ScalingFinding,
  ScalingHistoryPoint,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const minutes = 60_000;

/** The ML service entity of the demo. @internal */
export const churnPredictionEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn-prediction',
    namespace: 'default',
    annotations: {
      'sagemaker.services.k8s.aws/endpoint-name': 'churn-prediction',
      'backstage.io/kubernetes-namespace': 'ml-serving',
    },
  },
  spec: { type: 'ml-service', lifecycle: 'production', owner: 'team-ml' },
};

/** An entity without the endpoint annotation. @internal */
export const entityWithoutAnnotation: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: { type: 'website', lifecycle: 'production', owner: 'team-web' },
};

const synced: AckCondition = {
  type: 'ACK.ResourceSynced',
  status: 'True',
  message: 'Resource synced successfully',
  lastTransitionTime: iso(60 * minutes),
};

const arn = (type: string, name: string) =>
  `arn:aws:sagemaker:us-west-2:111122223333:${type}/${name}`;

function history(): ScalingHistoryPoint[] {
  // Traffic rises, the policy scales out from 1 to 2 instances, load per instance falls.
  const load = [20, 35, 52, 71, 88, 84, 49, 44, 41, 43, 46, 45];
  return load.map((loadPerInstance, i) => {
    const desired = i >= 4 ? 2 : 1;
    return {
      timestamp: iso((load.length - i) * 5 * minutes),
      variantName: 'AllTraffic',
      desiredInstanceCount: desired,
      currentInstanceCount: i === 4 ? 1 : desired,
      minCapacity: 1,
      maxCapacity: 3,
      loadPerInstance,
      targetValue: 60,
    };
  });
}

/** Endpoint InService with 2 of max 3 instances after a scale-out. @internal */
export const inServiceSnapshot: ScalingSnapshot = {
  entityRef: 'component:default/churn-prediction',
  cluster: 'sandbox',
  namespace: 'ml-serving',
  endpointName: 'churn-prediction',
  observedAt: iso(0),
  stale: false,
  binding: {
    state: 'bound',
    boundTo: ['component:default/churn-prediction'],
    reason: 'The endpoint is bound to component:default/churn-prediction',
  },
  endpoint: {
    ref: {
      kind: 'Endpoint',
      namespace: 'ml-serving',
      name: 'churn-prediction',
    },
    arn: arn('endpoint', 'churn-prediction'),
    region: 'us-west-2',
    conditions: [synced],
    endpointName: 'churn-prediction',
    endpointConfigName: 'churn-prediction-config',
    status: 'InService',
    creationTime: iso(120 * minutes),
    lastModifiedTime: iso(40 * minutes),
    manifest: {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Endpoint',
      metadata: { name: 'churn-prediction', namespace: 'ml-serving' },
      spec: {
        endpointName: 'churn-prediction',
        endpointConfigName: 'churn-prediction-config',
      },
      status: { endpointStatus: 'InService' },
    },
  },
  endpointConfig: {
    ref: {
      kind: 'EndpointConfig',
      namespace: 'ml-serving',
      name: 'churn-prediction-config',
    },
    arn: arn('endpoint-config', 'churn-prediction-config'),
    conditions: [synced],
    endpointConfigName: 'churn-prediction-config',
    manifest: {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'EndpointConfig',
      metadata: { name: 'churn-prediction-config', namespace: 'ml-serving' },
      spec: {
        endpointConfigName: 'churn-prediction-config',
        productionVariants: [
          {
            modelName: 'churn-prediction-model',
            variantName: 'AllTraffic',
            instanceType: 'ml.m5.large',
            initialInstanceCount: 1,
          },
        ],
      },
    },
  },
  models: [
    {
      ref: {
        kind: 'Model',
        namespace: 'ml-serving',
        name: 'churn-prediction-model',
      },
      arn: arn('model', 'churn-prediction-model'),
      conditions: [synced],
      modelName: 'churn-prediction-model',
      image:
        '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1',
      modelDataURL: 's3://ml-models/xgb-churn-prediction-model.tar.gz',
      manifest: {
        apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
        kind: 'Model',
        metadata: { name: 'churn-prediction-model', namespace: 'ml-serving' },
        spec: {
          modelName: 'churn-prediction-model',
          primaryContainer: {
            containerHostname: 'xgboost',
            modelDataURL: 's3://ml-models/xgb-churn-prediction-model.tar.gz',
          },
        },
      },
    },
  ],
  variants: [
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
      maxCapacity: 3,
      atMaxCapacity: false,
      metricType: 'SageMakerVariantInvocationsPerInstance',
      targetValue: 60,
      scaleInCooldown: 700,
      scaleOutCooldown: 300,
      disableScaleIn: false,
      latestLoadPerInstance: 45,
      findings: [],
      settingsVersion: 'MS4xLlsxLDMsNjAsNzAwLDMwMCxmYWxzZV0',
    },
  ],
  scalableTargets: [
    {
      ref: {
        kind: 'ScalableTarget',
        namespace: 'ml-serving',
        name: 'churn-prediction-scalable-target',
      },
      conditions: [synced],
      resourceID: 'endpoint/churn-prediction/variant/AllTraffic',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity: 1,
      maxCapacity: 3,
      manifest: {
        apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
        kind: 'ScalableTarget',
        metadata: {
          name: 'churn-prediction-scalable-target',
          namespace: 'ml-serving',
        },
        spec: {
          maxCapacity: 3,
          minCapacity: 1,
          resourceID: 'endpoint/churn-prediction/variant/AllTraffic',
          scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          serviceNamespace: 'sagemaker',
        },
      },
    },
  ],
  scalingPolicies: [
    {
      ref: {
        kind: 'ScalingPolicy',
        namespace: 'ml-serving',
        name: 'churn-prediction-scaling-policy',
      },
      conditions: [synced],
      policyName: 'churn-prediction-scaling-policy',
      policyType: 'TargetTrackingScaling',
      resourceID: 'endpoint/churn-prediction/variant/AllTraffic',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      metricType: 'SageMakerVariantInvocationsPerInstance',
      targetValue: 60,
      scaleInCooldown: 700,
      scaleOutCooldown: 300,
      disableScaleIn: false,
      alarms: [
        {
          alarmName:
            'TargetTracking-endpoint/churn-prediction/variant/AllTraffic-AlarmHigh',
          state: 'OK',
        },
      ],
      manifest: {
        apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
        kind: 'ScalingPolicy',
        metadata: {
          name: 'churn-prediction-scaling-policy',
          namespace: 'ml-serving',
        },
        spec: {
          policyName: 'churn-prediction-scaling-policy',
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
          },
        },
      },
    },
  ],
  activities: [
    {
      activityId: 'a-2',
      resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      description: 'Setting desired instance count to 2.',
      cause:
        'monitor alarm TargetTracking-AlarmHigh in state ALARM triggered policy churn-prediction-scaling-policy',
      statusCode: 'Successful',
      statusMessage: 'Successfully set desired instance count to 2.',
      startTime: iso(40 * minutes),
      endTime: iso(36 * minutes),
    },
    {
      activityId: 'a-1',
      resourceId: 'endpoint/churn-prediction/variant/AllTraffic',
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      description: 'Setting desired instance count to 1.',
      cause: 'minimum capacity was set to 1',
      statusCode: 'Successful',
      startTime: iso(110 * minutes),
      endTime: iso(109 * minutes),
    },
  ],
  activitiesAvailable: true,
  history: history(),
  findings: [],
};

type Patch = Partial<ScalingSnapshot>;
const derive = (patch: Patch): ScalingSnapshot => ({
  ...inServiceSnapshot,
  ...patch,
});

/** SageMaker is still creating the endpoint. @internal */
export const creatingSnapshot: ScalingSnapshot = derive({
  endpoint: {
    ...inServiceSnapshot.endpoint!,
    status: 'Creating',
    conditions: [
      {
        type: 'ACK.ResourceSynced',
        status: 'False',
        reason: 'Endpoint is Creating',
        message: 'Resource not yet synced: endpoint is Creating',
      },
    ],
  },
  variants: [
    {
      ...inServiceSnapshot.variants[0],
      currentInstanceCount: undefined,
      desiredInstanceCount: 1,
      latestLoadPerInstance: undefined,
    },
  ],
  activities: [],
  history: [],
});

/** The endpoint failed and the controller reports a Terminal condition. @internal */
export const failedSnapshot: ScalingSnapshot = derive({
  endpoint: {
    ...inServiceSnapshot.endpoint!,
    status: 'Failed',
    failureReason:
      'The primary container for production variant AllTraffic did not pass the ping health check.',
    conditions: [
      {
        type: 'ACK.Terminal',
        status: 'True',
        message:
          'Endpoint creation failed: the primary container for production variant AllTraffic did not pass the ping health check.',
      },
    ],
  },
  findings: [
    {
      code: 'endpoint-failed',
      severity: 'error',
      message:
        "Endpoint 'churn-prediction' failed: The primary container for production variant AllTraffic did not pass the ping health check.",
      resource: inServiceSnapshot.endpoint!.ref,
    },
    {
      code: 'terminal-condition',
      severity: 'error',
      message:
        "Endpoint 'churn-prediction' is in a terminal state: Endpoint creation failed: the primary container for production variant AllTraffic did not pass the ping health check.",
      resource: inServiceSnapshot.endpoint!.ref,
    },
  ],
});

const terminalPolicy: ScalingFinding = {
  code: 'terminal-condition',
  severity: 'error',
  message:
    "ScalingPolicy 'churn-prediction-scaling-policy' is in a terminal state: ValidationException: Unsupported service namespace, resource type or scalable dimension",
  resource: inServiceSnapshot.scalingPolicies[0].ref,
  variantName: 'AllTraffic',
};

/** The ScalingPolicy hit a Terminal condition (the controller rejected it). @internal */
export const terminalPolicySnapshot: ScalingSnapshot = derive({
  scalingPolicies: [
    {
      ...inServiceSnapshot.scalingPolicies[0],
      conditions: [
        {
          type: 'ACK.Terminal',
          status: 'True',
          message:
            'ValidationException: Unsupported service namespace, resource type or scalable dimension',
        },
      ],
    },
  ],
  variants: [{ ...inServiceSnapshot.variants[0], findings: [terminalPolicy] }],
  findings: [terminalPolicy],
});

const atMaxFinding: ScalingFinding = {
  code: 'at-max-capacity',
  severity: 'warning',
  message:
    "Variant 'AllTraffic' is at its maximum capacity of 3 instances; it cannot scale out further.",
  resource: inServiceSnapshot.scalableTargets[0].ref,
  variantName: 'AllTraffic',
  since: iso(25 * minutes),
};

/** Traffic keeps the variant pinned at its maximum of 3 instances. @internal */
export const atMaxCapacitySnapshot: ScalingSnapshot = derive({
  variants: [
    {
      ...inServiceSnapshot.variants[0],
      currentInstanceCount: 3,
      desiredInstanceCount: 3,
      atMaxCapacity: true,
      latestLoadPerInstance: 140,
      findings: [atMaxFinding],
    },
  ],
  // As the backend orders them: most severe first.
  findings: [
    atMaxFinding,
    {
      code: 'endpoint-unbound',
      severity: 'info',
      message: 'An informational finding, listed after the warning.',
    },
  ],
});

/** The endpoint exists but nothing scales it. @internal */
export const noScalingSnapshot: ScalingSnapshot = derive({
  variants: [
    {
      ...inServiceSnapshot.variants[0],
      currentInstanceCount: 1,
      desiredInstanceCount: 1,
      scalableTargetName: undefined,
      scalingPolicyNames: [],
      scalingPolicyName: undefined,
      minCapacity: undefined,
      maxCapacity: undefined,
      metricType: undefined,
      targetValue: undefined,
      scaleInCooldown: undefined,
      scaleOutCooldown: undefined,
      disableScaleIn: undefined,
      findings: [
        {
          code: 'variant-without-scalable-target',
          severity: 'warning',
          message:
            "Variant 'AllTraffic' has no ScalableTarget, so it does not autoscale.",
          resource: inServiceSnapshot.endpoint!.ref,
          variantName: 'AllTraffic',
        },
      ],
    },
  ],
  scalableTargets: [],
  scalingPolicies: [],
  activities: [],
  history: [],
  findings: [
    {
      code: 'variant-without-scalable-target',
      severity: 'warning',
      message:
        "Variant 'AllTraffic' has no ScalableTarget, so it does not autoscale.",
      resource: inServiceSnapshot.endpoint!.ref,
      variantName: 'AllTraffic',
    },
  ],
});

/**
 * The endpoint was made with kubectl: its resources name no entity, so an owner must
 * adopt it before editing. @internal
 */
export const unboundSnapshot: ScalingSnapshot = derive({
  binding: {
    state: 'unbound',
    boundTo: [],
    reason:
      "The endpoint's resources carry no sagemaker-scaling.backstage.io/entity-ref annotation: an owner of component:default/churn-prediction must adopt them before they can be changed here",
  },
  findings: [
    {
      code: 'endpoint-unbound',
      severity: 'info',
      message:
        'No catalog entity owns this endpoint yet: an owner of component:default/churn-prediction must adopt it before its scaling can be edited here.',
      resource: inServiceSnapshot.endpoint!.ref,
    },
  ],
});

/** The backend could not reach the cluster and serves its last known state. @internal */
export const staleSnapshot: ScalingSnapshot = derive({
  stale: true,
  staleReason:
    'Cluster sandbox is unreachable: connect ECONNREFUSED 127.0.0.1:6443',
  observedAt: iso(4 * minutes),
});

/** The Endpoint resource named in the annotation does not exist in the cluster. @internal */
export const endpointMissingSnapshot: ScalingSnapshot = {
  ...inServiceSnapshot,
  endpoint: undefined,
  endpointConfig: undefined,
  models: [],
  variants: [],
  scalableTargets: [],
  scalingPolicies: [],
  activities: [],
  history: [],
  findings: [
    {
      code: 'endpoint-not-found',
      severity: 'error',
      message:
        'No Endpoint resource churn-prediction in namespace ml-serving on cluster sandbox.',
    },
  ],
};

/** Rewrites the time stamps of a snapshot so that it was observed `msAgo` before `now`. @internal */
export function observedAgo(
  snapshot: ScalingSnapshot,
  msAgo: number,
  now = Date.now(),
): ScalingSnapshot {
  return { ...snapshot, observedAt: new Date(now - msAgo).toISOString() };
}
