import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `sagemaker:endpoint:delete`.
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      "Delete the endpoint of the ML service picked in the form (an EntityPicker value); the entity's annotations name the endpoint, namespace and cluster",
    example: yaml.stringify({
      steps: [
        {
          id: 'delete',
          action: 'sagemaker:endpoint:delete',
          name: 'Delete the endpoint resources',
          input: {
            entityRef: '${{ parameters.entity }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Delete the endpoint of a named ML service, waiting at most 10 minutes for its resources to go',
    example: yaml.stringify({
      steps: [
        {
          id: 'delete',
          action: 'sagemaker:endpoint:delete',
          name: 'Delete churn-prediction',
          input: {
            entityRef: 'component:default/churn-prediction',
            timeoutMinutes: 10,
          },
        },
      ],
    }),
  },
];
