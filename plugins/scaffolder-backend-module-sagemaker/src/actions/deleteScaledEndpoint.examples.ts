import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `sagemaker:endpoint:delete`.
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Delete the resources of the ML service fetched with catalog:fetch (its annotations name the endpoint, namespace and cluster)',
    example: yaml.stringify({
      steps: [
        {
          id: 'delete',
          action: 'sagemaker:endpoint:delete',
          name: 'Delete the endpoint resources',
          input: {
            entity: '${{ steps.fetch.output.entity }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Delete an endpoint by name and namespace on a named cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'delete',
          action: 'sagemaker:endpoint:delete',
          name: 'Delete churn-prediction',
          input: {
            endpointName: 'churn-prediction',
            namespace: 'ml-serving',
            cluster: 'sandbox',
          },
        },
      ],
    }),
  },
];
