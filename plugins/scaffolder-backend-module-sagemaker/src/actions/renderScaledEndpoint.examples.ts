import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of the `sagemaker:endpoint:render` action, shown on the actions page. */
export const examples: TemplateExample[] = [
  {
    description:
      'Render an autoscaled endpoint with derived names and default cooldowns, from template parameters',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'sagemaker:endpoint:render',
          name: 'Render the SageMaker endpoint manifests',
          input: {
            serviceName: 'churn-prediction',
            namespace: 'ml-serving',
            modelDataURL:
              's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
            image:
              '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
            executionRoleARN:
              'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role',
            instanceType: 'ml.m5.large',
            initialInstanceCount: 1,
            minCapacity: 1,
            maxCapacity: 3,
            targetValue: 60,
          },
        },
      ],
    }),
  },
  {
    description:
      'Render the ACK tutorial resources with their explicit names, cooldowns and a custom file path',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'sagemaker:endpoint:render',
          name: 'Render the SageMaker endpoint manifests',
          input: {
            serviceName: 'churn-prediction',
            namespace: 'ml-serving',
            modelName: 'ack-xgboost-model-7420',
            endpointConfigName: 'ack-xgboost-endpoint-config-7420',
            endpointName: 'ack-xgboost-endpoint-7420',
            scalableTargetName: 'ack-tutorial-endpoint-scalable-target',
            scalingPolicyName: 'ack-tutorial-endpoint-scaling-policy',
            containerHostname: 'xgboost',
            modelDataURL:
              's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
            image:
              '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
            executionRoleARN:
              'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role',
            instanceType: 'ml.m5.large',
            variantName: 'AllTraffic',
            initialInstanceCount: 1,
            minCapacity: 1,
            maxCapacity: 3,
            targetValue: 60,
            metricType: 'SageMakerVariantInvocationsPerInstance',
            scaleInCooldown: 700,
            scaleOutCooldown: 300,
            targetPath: 'deploy/sagemaker.yaml',
          },
        },
      ],
    }),
  },
  {
    description:
      'Track concurrent requests (high resolution) and never scale in automatically',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'sagemaker:endpoint:render',
          name: 'Render the SageMaker endpoint manifests',
          input: {
            serviceName: 'fraud-scoring',
            namespace: 'ml-serving',
            modelDataURL: 's3://models-123456789012/fraud/model.tar.gz',
            image:
              '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1-cpu-py310',
            executionRoleARN:
              'arn:aws:iam::123456789012:role/sagemaker-execution',
            instanceType: 'ml.c5.xlarge',
            initialInstanceCount: 2,
            minCapacity: 2,
            maxCapacity: 10,
            targetValue: 5,
            metricType:
              'SageMakerVariantConcurrentRequestsPerModelHighResolution',
            disableScaleIn: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Label and annotate the resources with the service catalog fields, for the SageMaker catalog entity provider (delivery without a catalog-info.yaml)',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'sagemaker:endpoint:render',
          name: 'Render the SageMaker endpoint manifests',
          input: {
            serviceName: 'churn-prediction',
            namespace: 'ml-serving',
            modelDataURL:
              's3://ack-sagemaker-bucket-123456789012/xgb-churn-prediction-model.tar.gz',
            image:
              '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
            executionRoleARN:
              'arn:aws:iam::123456789012:role/ack-sagemaker-execution-role',
            instanceType: 'ml.m5.large',
            initialInstanceCount: 1,
            minCapacity: 1,
            maxCapacity: 3,
            targetValue: 60,
            owner: 'group:default/ml-platform',
            system: 'system:default/customer-insights',
            description: 'Predicts which customers are about to churn',
            lifecycle: 'production',
            catalogEntityProvider: true,
          },
        },
      ],
    }),
  },
];
