import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `sagemaker:catalog:await-service`.
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Before applying anything, refuse a service name the catalog already has',
    example: yaml.stringify({
      steps: [
        {
          id: 'checkName',
          action: 'sagemaker:catalog:await-service',
          name: 'Check that the name is free in the catalog',
          input: {
            entityRef: 'component:default/churn-prediction',
            checkOnly: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'After sagemaker:endpoint:apply, wait until the entity provider has catalogued the service',
    example: yaml.stringify({
      steps: [
        {
          id: 'catalog',
          action: 'sagemaker:catalog:await-service',
          name: 'Wait for the ML service in the catalog',
          input: {
            entityRef: 'component:default/churn-prediction',
            cluster: 'sandbox',
            namespace: 'ml-serving',
            endpointName: 'churn-prediction',
            waitSeconds: 60,
          },
        },
      ],
    }),
  },
];
