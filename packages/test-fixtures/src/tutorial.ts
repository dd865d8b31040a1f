/**
 * The ACK autoscaling tutorial as test data: its input values and the five manifests
 * they produce. Written here as data; `tutorial.test.ts` proves the manifests equal
 * `../shared/reference/tutorial-manifests.yaml` with the values filled in.
 */

/** The tutorial's shell variables, with the values of its example run (RANDOM_VAR 7420). @public */
export const TUTORIAL_VARIABLES = {
  MODEL_NAME: 'ack-xgboost-model-7420',
  ENDPOINT_CONFIG_NAME: 'ack-xgboost-endpoint-config-7420',
  ENDPOINT_NAME: 'ack-xgboost-endpoint-7420',
  SAGEMAKER_EXECUTION_ROLE_ARN:
    'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role-123456789012',
  SAGEMAKER_BUCKET: 'ack-sagemaker-bucket-123456789012',
  XGBOOST_IMAGE:
    '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
} as const;

/** The ScalableTarget's and ScalingPolicy's names in the tutorial. @public */
export const TUTORIAL_SCALING_NAMES = {
  scalableTargetName: 'ack-tutorial-endpoint-scalable-target',
  scalingPolicyName: 'ack-tutorial-endpoint-scaling-policy',
} as const;

/**
 * The tutorial's settings apart from resource names: what a person enters in the
 * template's form (fields named as in `ScaledEndpointSpec`).
 * @public
 */
export const tutorialInputs = {
  executionRoleARN: TUTORIAL_VARIABLES.SAGEMAKER_EXECUTION_ROLE_ARN,
  containerHostname: 'xgboost',
  modelDataURL: `s3://${TUTORIAL_VARIABLES.SAGEMAKER_BUCKET}/xgb-churn-prediction-model.tar.gz`,
  image: TUTORIAL_VARIABLES.XGBOOST_IMAGE,
  variantName: 'AllTraffic',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
  scaleInCooldown: 700,
  scaleOutCooldown: 300,
  metricType: 'SageMakerVariantInvocationsPerInstance',
} as const;

/** The tutorial as a `ScaledEndpointSpec`, with its explicit resource names. @public */
export const tutorialSpec = {
  serviceName: 'churn-prediction',
  namespace: 'ml-serving',
  modelName: TUTORIAL_VARIABLES.MODEL_NAME,
  endpointConfigName: TUTORIAL_VARIABLES.ENDPOINT_CONFIG_NAME,
  endpointName: TUTORIAL_VARIABLES.ENDPOINT_NAME,
  ...TUTORIAL_SCALING_NAMES,
  ...tutorialInputs,
};

/** Names of the five resources (and of the SageMaker/AAS objects they create). @public */
export interface TutorialNames {
  modelName: string;
  endpointConfigName: string;
  endpointName: string;
  scalableTargetName: string;
  scalingPolicyName: string;
}

/** One of the five manifests (plain JSON objects). @public */
export interface TutorialManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  spec: Record<string, any>;
}

function manifests(names: TutorialNames): TutorialManifest[] {
  const resourceID = `endpoint/${names.endpointName}/variant/${tutorialInputs.variantName}`;
  const dimension = 'sagemaker:variant:DesiredInstanceCount';
  return [
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Model',
      metadata: { name: names.modelName },
      spec: {
        modelName: names.modelName,
        executionRoleARN: tutorialInputs.executionRoleARN,
        primaryContainer: {
          containerHostname: tutorialInputs.containerHostname,
          modelDataURL: tutorialInputs.modelDataURL,
          image: tutorialInputs.image,
        },
      },
    },
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'EndpointConfig',
      metadata: { name: names.endpointConfigName },
      spec: {
        endpointConfigName: names.endpointConfigName,
        productionVariants: [
          {
            modelName: names.modelName,
            variantName: tutorialInputs.variantName,
            instanceType: tutorialInputs.instanceType,
            initialInstanceCount: tutorialInputs.initialInstanceCount,
          },
        ],
      },
    },
    {
      apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
      kind: 'Endpoint',
      metadata: { name: names.endpointName },
      spec: {
        endpointName: names.endpointName,
        endpointConfigName: names.endpointConfigName,
      },
    },
    {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalableTarget',
      metadata: { name: names.scalableTargetName },
      spec: {
        maxCapacity: tutorialInputs.maxCapacity,
        minCapacity: tutorialInputs.minCapacity,
        resourceID,
        scalableDimension: dimension,
        serviceNamespace: 'sagemaker',
      },
    },
    {
      apiVersion: 'applicationautoscaling.services.k8s.aws/v1alpha1',
      kind: 'ScalingPolicy',
      metadata: { name: names.scalingPolicyName },
      spec: {
        policyName: names.scalingPolicyName,
        policyType: 'TargetTrackingScaling',
        resourceID,
        scalableDimension: dimension,
        serviceNamespace: 'sagemaker',
        targetTrackingScalingPolicyConfiguration: {
          targetValue: tutorialInputs.targetValue,
          scaleInCooldown: tutorialInputs.scaleInCooldown,
          scaleOutCooldown: tutorialInputs.scaleOutCooldown,
          predefinedMetricSpecification: {
            predefinedMetricType: tutorialInputs.metricType,
          },
        },
      },
    },
  ];
}

/**
 * The tutorial's five manifests with its values and names, in apply order (no namespace,
 * labels or annotations, as the tutorial writes them). Fresh objects on every call.
 * @public
 */
export function tutorialManifests(): TutorialManifest[] {
  return manifests({
    modelName: TUTORIAL_VARIABLES.MODEL_NAME,
    endpointConfigName: TUTORIAL_VARIABLES.ENDPOINT_CONFIG_NAME,
    endpointName: TUTORIAL_VARIABLES.ENDPOINT_NAME,
    ...TUTORIAL_SCALING_NAMES,
  });
}

/**
 * The names the template derives from a service name: `<name>-model`, `<name>-config`,
 * `<name>`, `<name>-scalable-target`, `<name>-scaling-policy`.
 * @public
 */
export function derivedNames(serviceName: string): TutorialNames {
  return {
    modelName: `${serviceName}-model`,
    endpointConfigName: `${serviceName}-config`,
    endpointName: serviceName,
    scalableTargetName: `${serviceName}-scalable-target`,
    scalingPolicyName: `${serviceName}-scaling-policy`,
  };
}

/**
 * The tutorial's five manifests with the names the template derives from `serviceName`
 * (the rest as in the tutorial).
 * @public
 */
export function tutorialManifestsFor(serviceName: string): TutorialManifest[] {
  return manifests(derivedNames(serviceName));
}
