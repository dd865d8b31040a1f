import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of `sagemaker:endpoint:apply`.
 * @public
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Apply the manifests rendered by sagemaker:endpoint:render to the only configured cluster and wait (up to 30 minutes) until the endpoint is InService',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'sagemaker:endpoint:apply',
          name: 'Apply to the cluster',
          input: {
            manifests: '${{ steps.render.output.manifests }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Apply the rendered YAML file from the workspace to a named cluster without waiting',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'sagemaker:endpoint:apply',
          name: 'Apply to the sandbox',
          input: {
            manifests: 'manifests/scaled-endpoint.yaml',
            cluster: 'sandbox',
            wait: false,
          },
        },
      ],
    }),
  },
  {
    description: 'Apply and wait at most 10 minutes for InService',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'sagemaker:endpoint:apply',
          name: 'Apply and wait',
          input: {
            manifests: '${{ steps.render.output.manifests }}',
            cluster: 'sandbox',
            timeoutMinutes: 10,
          },
        },
      ],
    }),
  },
];
