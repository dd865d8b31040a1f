/**
 * The demo ML service: `churn-prediction` in `ml-serving`, the five resources as the
 * template renders them, with spiky traffic so it scales out within minutes.
 */
import { TRAFFIC_ANNOTATION } from './simulation/traffic';

/** Namespace of the demo service. @public */
export const DEMO_NAMESPACE = 'ml-serving';
/** Endpoint (resource and SageMaker) name of the demo service. @public */
export const DEMO_ENDPOINT_NAME = 'churn-prediction';

/** The five demo objects in apply order. @internal */
export function demoManifests(region: string, accountId: string) {
  const labels = {
    'app.kubernetes.io/managed-by': 'backstage-sagemaker-scaling',
    'app.kubernetes.io/part-of': 'churn-prediction',
  };
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    namespace: DEMO_NAMESPACE,
    labels,
    ...extra,
  });
  const resourceID = `endpoint/${DEMO_ENDPOINT_NAME}/variant/AllTraffic`;
  return [
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Model',
      metadata: meta('churn-prediction-model'),
      spec: {
        modelName: 'churn-prediction-model',
        executionRoleARN: `arn:aws:iam::${accountId}:role/sagemaker-execution-role`,
        primaryContainer: {
          containerHostname: 'xgboost',
          modelDataURL:
            's3://sandbox-ml-models/xgb-churn-prediction-model.tar.gz',
          image: `683313688378.dkr.ecr.${region}.amazonaws.com/sagemaker-xgboost:1.7-1`,
        },
      },
    },
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'EndpointConfig',
      metadata: meta('churn-prediction-config'),
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
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Endpoint',
      metadata: meta(DEMO_ENDPOINT_NAME, {
        annotations: { [TRAFFIC_ANNOTATION]: 'spike' },
      }),
      spec: {
        endpointName: DEMO_ENDPOINT_NAME,
        endpointConfigName: 'churn-prediction-config',
      },
    },
    {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalableTarget',
      metadata: meta('churn-prediction-scalable-target'),
      spec: {
        maxCapacity: 4,
        minCapacity: 1,
        resourceID,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        serviceNamespace: 'sagemaker',
      },
    },
    {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalingPolicy',
      metadata: meta('churn-prediction-scaling-policy'),
      spec: {
        policyName: 'churn-prediction-scaling-policy',
        policyType: 'TargetTrackingScaling',
        resourceID,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        serviceNamespace: 'sagemaker',
        targetTrackingScalingPolicyConfiguration: {
          targetValue: 60,
          scaleInCooldown: 600,
          scaleOutCooldown: 300,
          predefinedMetricSpecification: {
            predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
          },
        },
      },
    },
  ];
}
