/**
 * The five ACK objects of a scaled endpoint, for putting extra services into a sandbox.
 */
export function scaledEndpointManifests(
  name: string,
  options: { namespace?: string; image?: string; targetVariant?: string; withScaling?: boolean } = {},
) {
  const namespace = options.namespace ?? 'ml-serving';
  const meta = (n: string) => ({ name: n, namespace });
  const resourceID = `endpoint/${name}/variant/${options.targetVariant ?? 'AllTraffic'}`;
  const sm = 'sagemaker.services.k8s.aws/v1alpha1';
  const aas = 'applicationautoscaling.services.k8s.aws/v1alpha1';
  const objects: any[] = [
    {
      apiVersion: sm,
      kind: 'Model',
      metadata: meta(`${name}-model`),
      spec: {
        modelName: `${name}-model`,
        executionRoleARN: 'arn:aws:iam::111122223333:role/sagemaker-execution-role',
        primaryContainer: {
          modelDataURL: 's3://sandbox-ml-models/model.tar.gz',
          image: options.image ?? '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
        },
      },
    },
    {
      apiVersion: sm,
      kind: 'EndpointConfig',
      metadata: meta(`${name}-config`),
      spec: {
        endpointConfigName: `${name}-config`,
        productionVariants: [
          {
            modelName: `${name}-model`,
            variantName: 'AllTraffic',
            instanceType: 'ml.m5.large',
            initialInstanceCount: 1,
          },
        ],
      },
    },
    {
      apiVersion: sm,
      kind: 'Endpoint',
      metadata: meta(name),
      spec: { endpointName: name, endpointConfigName: `${name}-config` },
    },
  ];
  if (options.withScaling ?? true) {
    objects.push(
      {
        apiVersion: aas,
        kind: 'ScalableTarget',
        metadata: meta(`${name}-scalable-target`),
        spec: {
          minCapacity: 1,
          maxCapacity: 3,
          resourceID,
          scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          serviceNamespace: 'sagemaker',
        },
      },
      {
        apiVersion: aas,
        kind: 'ScalingPolicy',
        metadata: meta(`${name}-scaling-policy`),
        spec: {
          policyName: `${name}-scaling-policy`,
          policyType: 'TargetTrackingScaling',
          resourceID,
          scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          serviceNamespace: 'sagemaker',
          targetTrackingScalingPolicyConfiguration: {
            targetValue: 60,
            scaleInCooldown: 300,
            scaleOutCooldown: 300,
            predefinedMetricSpecification: {
              predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
            },
          },
        },
      },
    );
  }
  return objects;
}
