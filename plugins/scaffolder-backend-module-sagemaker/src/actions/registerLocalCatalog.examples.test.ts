import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createRegisterLocalCatalogAction } from './registerLocalCatalog';
import { examples } from './registerLocalCatalog.examples';

describe('sagemaker:catalog:register-local examples', () => {
  const folder = createMockDirectory();

  beforeEach(() => folder.clear());

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      const source = step.input?.catalogInfoPath ?? 'catalog-info.yaml';
      folder.setContent({
        [`workspace/${source}`]: yaml.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'example-service' },
          spec: {
            type: 'ml-service',
            lifecycle: 'experimental',
            owner: 'group:default/ml-platform',
          },
        }),
      });
      let registered: Entity | undefined;
      const catalog = catalogServiceMock.mock({
        getLocations: async () => ({ items: [] }),
        getEntityByRef: async () => registered,
        addLocation: async ({ target }) => {
          registered = yaml.parse(fs.readFileSync(target, 'utf8'));
          registered!.metadata.annotations = {
            'backstage.io/managed-by-origin-location': `file:${target}`,
          };
          return {
            location: {
              id: '1',
              type: 'file',
              target,
              entityRef: 'location:default/1',
            },
            entities: [],
          };
        },
      });
      const action = createRegisterLocalCatalogAction({
        catalog,
        directory: path.join(folder.path, 'catalog'),
      });
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({
        input: step.input ?? {},
        workspacePath: path.join(folder.path, 'workspace'),
      });
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'component:default/example-service',
      );
      expect(
        fs.existsSync(
          path.join(
            folder.path,
            'catalog',
            'component.default.example-service.yaml',
          ),
        ),
      ).toBe(true);
    },
  );
});
