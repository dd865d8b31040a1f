/**
 * Concrete values for the shell variables of the ACK autoscaling tutorial
 * (shared/reference/tutorial-manifests.yaml), and the spec that renders it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ScaledEndpointSpec } from '../types';

/** The tutorial's shell variables, with the values of its example run (RANDOM_VAR 7420). */
export const TUTORIAL_VARIABLES: Record<string, string> = {
  MODEL_NAME: 'ack-xgboost-model-7420',
  ENDPOINT_CONFIG_NAME: 'ack-xgboost-endpoint-config-7420',
  ENDPOINT_NAME: 'ack-xgboost-endpoint-7420',
  SAGEMAKER_EXECUTION_ROLE_ARN:
    'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role-123456789012',
  SAGEMAKER_BUCKET: 'ack-sagemaker-bucket-123456789012',
  XGBOOST_IMAGE:
    '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
};

/** The tutorial's values as a spec, with its explicit resource names. */
export const tutorialSpec: ScaledEndpointSpec = {
  serviceName: 'churn-prediction',
  namespace: 'ml-serving',
  modelName: TUTORIAL_VARIABLES.MODEL_NAME,
  endpointConfigName: TUTORIAL_VARIABLES.ENDPOINT_CONFIG_NAME,
  endpointName: TUTORIAL_VARIABLES.ENDPOINT_NAME,
  scalableTargetName: 'ack-tutorial-endpoint-scalable-target',
  scalingPolicyName: 'ack-tutorial-endpoint-scaling-policy',
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
};

/** A minimal valid spec: only the required fields. */
export const minimalSpec: ScaledEndpointSpec = {
  serviceName: 'churn-prediction',
  namespace: 'ml-serving',
  modelDataURL: 's3://models/churn/model.tar.gz',
  image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
  executionRoleARN: 'arn:aws:iam::123456789012:role/sagemaker-execution',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
};

/** The repository's root, found by walking up from this file to the workspace root. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'yarn.lock'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No repository root above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** A path in the shared folder next to the repository (CRDs, reference manifests). */
export function sharedPath(...segments: string[]): string {
  return path.resolve(repoRoot(), '..', 'shared', ...segments);
}

/** tutorial-manifests.yaml with the shell variables replaced by the values above. */
export function readTutorialManifestsYaml(): string {
  const text = fs.readFileSync(
    sharedPath('reference', 'tutorial-manifests.yaml'),
    'utf8',
  );
  return text.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const value = TUTORIAL_VARIABLES[name];
    if (value === undefined) {
      throw new Error(`No value for tutorial variable ${name}`);
    }
    return value;
  });
}
