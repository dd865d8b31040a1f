import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createAwaitCatalogServiceAction } from './awaitCatalogService';
import { examples } from './awaitCatalogService.examples';

/** The entity the provider makes of the examples' endpoint. */
const provided: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn-prediction',
    annotations: {
      'backstage.io/managed-by-location':
        'sagemaker-endpoint:sandbox/ml-serving/churn-prediction',
      'backstage.io/managed-by-origin-location':
        'sagemaker-endpoint:sandbox/ml-serving/churn-prediction',
    },
  },
  spec: { type: 'ml-service', lifecycle: 'experimental', owner: 'team-a' },
};

describe('sagemaker:catalog:await-service examples', () => {
  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_description, example) => {
      const step = yaml.parse(example.example).steps[0];
      // the check runs before the service exists, the wait after the provider made it
      const action = createAwaitCatalogServiceAction({
        catalog: catalogServiceMock({
          entities: step.input.checkOnly ? [] : [provided],
        }),
      });
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({ input: step.input });
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'component:default/churn-prediction',
      );
    },
  );
});
