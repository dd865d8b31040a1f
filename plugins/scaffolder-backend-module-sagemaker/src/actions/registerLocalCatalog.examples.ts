import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `sagemaker:catalog:register-local`.
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Register the catalog-info.yaml written by fetch:template from the local catalog folder and wait (up to 30 s) until the service is in the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'sagemaker:catalog:register-local',
          name: 'Register the ML service in the catalog',
        },
      ],
    }),
  },
  {
    description:
      'Register an entity file from another workspace path without waiting',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'sagemaker:catalog:register-local',
          name: 'Register the ML service in the catalog',
          input: {
            catalogInfoPath: 'service/catalog-info.yaml',
            waitSeconds: 0,
          },
        },
      ],
    }),
  },
];
