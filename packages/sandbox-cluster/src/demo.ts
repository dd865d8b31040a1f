/**
 * The demo ML services, their five resources each as the template renders them:
 * - `churn-prediction` in `ml-serving` (owned by the guest's team in the demo catalog), with
 *   spiky traffic so it scales out within minutes;
 * - `fraud-detection` in `ml-serving` (owned by another team), with steady traffic.
 */
import {
  ANNOTATION_BOUND_ENTITY,
  serviceEntityRef,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { TRAFFIC_ANNOTATION, TrafficPattern } from './simulation/traffic';

/** Namespace of the demo services. @public */
export const DEMO_NAMESPACE = 'ml-serving';
/** Endpoint (resource and SageMaker) name of the main demo service. @public */
export const DEMO_ENDPOINT_NAME = 'churn-prediction';
/** Endpoint name of the second demo service. @public */
export const SECOND_DEMO_ENDPOINT_NAME = 'fraud-detection';

interface DemoService {
  name: string;
  image: string;
  modelArtifact: string;
  traffic: TrafficPattern;
  minCapacity: number;
  maxCapacity: number;
}

const DEMO_SERVICES: DemoService[] = [
  {
    name: DEMO_ENDPOINT_NAME,
    image: 'sagemaker-xgboost:1.7-1',
    modelArtifact: 'xgb-churn-prediction-model.tar.gz',
    traffic: 'spike',
    minCapacity: 1,
    maxCapacity: 4,
  },
  {
    name: SECOND_DEMO_ENDPOINT_NAME,
    image: 'sagemaker-xgboost:1.7-1',
    modelArtifact: 'xgb-fraud-detection-model.tar.gz',
    traffic: 'steady',
    minCapacity: 1,
    maxCapacity: 2,
  },
];

/** The demo objects, five per service, each service in apply order. @internal */
export function demoManifests(region: string, accountId: string) {
  return DEMO_SERVICES.flatMap(service =>
    serviceManifests(service, region, accountId),
  );
}

/** The five objects of the main demo service alone; benchmarks copy them. @internal */
export function mainDemoServiceManifests(region: string, accountId: string) {
  return serviceManifests(DEMO_SERVICES[0], region, accountId);
}

function serviceManifests(
  service: DemoService,
  region: string,
  accountId: string,
) {
  const labels = {
    'app.kubernetes.io/managed-by': 'backstage-sagemaker-scaling',
    'app.kubernetes.io/part-of': service.name,
  };
  // Bound to the service's catalog entity, as the template's manifests are.
  const annotations = {
    [ANNOTATION_BOUND_ENTITY]: serviceEntityRef(service.name),
  };
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    namespace: DEMO_NAMESPACE,
    labels,
    annotations,
    ...extra,
  });
  const modelName = `${service.name}-model`;
  const configName = `${service.name}-config`;
  const resourceID = `endpoint/${service.name}/variant/AllTraffic`;
  return [
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Model',
      metadata: meta(modelName),
      spec: {
        modelName,
        executionRoleARN: `arn:aws:iam::${accountId}:role/sagemaker-execution-role`,
        primaryContainer: {
          containerHostname: 'xgboost',
          modelDataURL: `s3://sandbox-ml-models/${service.modelArtifact}`,
          image: `683313688378.dkr.ecr.${region}.amazonaws.com/${service.image}`,
        },
      },
    },
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'EndpointConfig',
      metadata: meta(configName),
      spec: {
        endpointConfigName: configName,
        productionVariants: [
          {
            modelName,
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
      metadata: meta(service.name, {
        annotations: { ...annotations, [TRAFFIC_ANNOTATION]: service.traffic },
      }),
      spec: { endpointName: service.name, endpointConfigName: configName },
    },
    {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalableTarget',
      metadata: meta(`${service.name}-scalable-target`),
      spec: {
        maxCapacity: service.maxCapacity,
        minCapacity: service.minCapacity,
        resourceID,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        serviceNamespace: 'sagemaker',
      },
    },
    {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalingPolicy',
      metadata: meta(`${service.name}-scaling-policy`),
      spec: {
        policyName: `${service.name}-scaling-policy`,
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
