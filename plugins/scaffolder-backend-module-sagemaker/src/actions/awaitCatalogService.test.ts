import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { capturingLogger } from '../lib/__testUtils__/sandbox';
import { createAwaitCatalogServiceAction } from './awaitCatalogService';

const LOCATION = 'sagemaker-endpoint:sandbox/ml-serving/churn';

function service(location: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'churn',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
    spec: { type: 'ml-service', lifecycle: 'production', owner: 'team-a' },
  };
}

function context(input: Record<string, unknown>) {
  const { logger, lines } = capturingLogger();
  return {
    ctx: createMockActionContext({ input: input as any, logger }),
    lines,
  };
}

const waitInput = {
  entityRef: 'churn',
  cluster: 'sandbox',
  namespace: 'ml-serving',
  endpointName: 'churn',
  waitSeconds: 2,
};

describe('sagemaker:catalog:await-service', () => {
  it('checkOnly: passes for a free name and refuses a taken one, naming its origin', async () => {
    const free = createAwaitCatalogServiceAction({
      catalog: catalogServiceMock({ entities: [] }),
    });
    const { ctx, lines } = context({ entityRef: 'churn', checkOnly: true });
    await free.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/churn',
    );
    expect(lines()).toContain('component:default/churn is free in the catalog');

    const taken = createAwaitCatalogServiceAction({
      catalog: catalogServiceMock({
        entities: [
          service('url:https://github.com/acme/churn/catalog-info.yaml'),
        ],
      }),
    });
    await expect(
      taken.handler(
        context({ entityRef: 'churn', checkOnly: true }).ctx as any,
      ),
    ).rejects.toThrow(
      'component:default/churn is already in the catalog (from url:https://github.com/acme/churn/catalog-info.yaml); choose another name or decommission that service first',
    );
  });

  it('waits until the provider has catalogued the service', async () => {
    let reads = 0;
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () =>
        ++reads >= 3 ? service(LOCATION) : undefined,
    });
    const action = createAwaitCatalogServiceAction({
      catalog,
      pollIntervalMs: 10,
    });
    const { ctx, lines } = context(waitInput);
    await action.handler(ctx as any);
    expect(reads).toBe(3);
    expect(
      lines().some(l =>
        /^component:default\/churn is in the catalog \(after [\d.]+ s\)$/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it('fails when the entity comes from elsewhere, or does not come', async () => {
    const elsewhere = createAwaitCatalogServiceAction({
      catalog: catalogServiceMock({
        entities: [service('file:/tmp/churn.yaml')],
      }),
    });
    await expect(
      elsewhere.handler(context(waitInput).ctx as any),
    ).rejects.toThrow(
      /is in the catalog from file:\/tmp\/churn.yaml, not from sagemaker-endpoint:sandbox\/ml-serving\/churn/,
    );
    const never = createAwaitCatalogServiceAction({
      catalog: catalogServiceMock({ entities: [] }),
      pollIntervalMs: 50,
    });
    await expect(
      never.handler(context({ ...waitInput, waitSeconds: 0.2 }).ctx as any),
    ).rejects.toThrow(
      /component:default\/churn did not reach the catalog within 0.2 s\. The SageMaker catalog module/,
    );
  });

  it('refuses incomplete input', async () => {
    const action = createAwaitCatalogServiceAction({
      catalog: catalogServiceMock({ entities: [] }),
    });
    await expect(
      action.handler(context({ entityRef: 'churn' }).ctx as any),
    ).rejects.toThrow(
      'cluster, namespace and endpointName are required unless checkOnly is set',
    );
    await expect(
      action.handler(
        context({ entityRef: 'component:', checkOnly: true }).ctx as any,
      ),
    ).rejects.toThrow(/entityRef "component:" is not an entity reference/);
  });
});
