import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse, stringify } from 'yaml';
import { createRegisterLocalCatalogAction } from './registerLocalCatalog';

const ORIGIN = 'backstage.io/managed-by-origin-location';

function serviceYaml(name: string, extra: Record<string, unknown> = {}) {
  return stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: { 'sagemaker.services.k8s.aws/endpoint-name': name },
      ...extra,
    },
    spec: {
      type: 'ml-service',
      lifecycle: 'experimental',
      owner: 'group:default/ml-platform',
    },
  });
}

interface FakeLocation {
  id: string;
  type: string;
  target: string;
  entityRef: string;
}

/**
 * A catalog that, like the real one, reads a registered file location and serves its
 * entity with the origin annotation, once `processAfterReads` reads have passed.
 */
function fakeCatalog(
  options: { entities?: Entity[]; processAfterReads?: number } = {},
) {
  const locations: FakeLocation[] = [];
  const entities = (options.entities ?? []).map(entity => ({
    entity,
    visibleAfter: 0,
  }));
  let reads = 0;
  const catalog = catalogServiceMock.mock({
    getLocations: jest.fn(async () => ({ items: [...locations] })),
    addLocation: jest.fn(async ({ type = 'url', target }) => {
      const id = `location-${locations.length + 1}`;
      const location = {
        id,
        type,
        target,
        entityRef: `location:default/${id}`,
      };
      locations.push(location);
      const entity = parse(fs.readFileSync(target, 'utf8')) as Entity;
      entity.metadata.namespace ??= 'default';
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [ORIGIN]: `${type}:${target}`,
      };
      entities.push({
        entity,
        visibleAfter: reads + (options.processAfterReads ?? 0),
      });
      return { location, entities: [] };
    }),
    getEntityByRef: jest.fn(async (ref: any) => {
      reads++;
      return entities.find(
        ({ entity, visibleAfter }) =>
          reads > visibleAfter &&
          `component:default/${entity.metadata.name}` === ref,
      )?.entity;
    }),
    refreshEntity: jest.fn(async () => {}),
  });
  return { catalog, locations };
}

describe('sagemaker:catalog:register-local', () => {
  const folder = createMockDirectory();
  const workspace = createMockDirectory();
  const catalogDir = () => path.join(folder.path, 'catalog');

  beforeEach(() => {
    folder.clear();
    workspace.clear();
  });

  function run(
    catalog: ReturnType<typeof fakeCatalog>['catalog'],
    input: Record<string, unknown> = {},
    isDryRun = false,
  ) {
    const action = createRegisterLocalCatalogAction({
      catalog,
      directory: catalogDir(),
      appBaseUrl: 'http://localhost:3000/',
      pollIntervalMs: 5,
    });
    const logger = mockServices.logger.mock();
    // createMockActionContext does not take isDryRun, so it is set on its result
    const ctx = {
      ...createMockActionContext({
        logger,
        input: input as any,
        workspacePath: workspace.path,
      }),
      isDryRun,
    };
    return { ctx, logger, done: action.handler(ctx as any) };
  }

  it('writes the entity into the folder, registers it as a file location and waits until the catalog serves it', async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const { catalog, locations } = fakeCatalog({ processAfterReads: 3 });
    const { ctx, logger, done } = run(catalog);
    await done;

    const target = path.join(
      catalogDir(),
      'component.default.churn-prediction.yaml',
    );
    expect(fs.readFileSync(target, 'utf8')).toBe(
      serviceYaml('churn-prediction'),
    );
    expect(locations).toEqual([
      {
        id: 'location-1',
        type: 'file',
        target,
        entityRef: 'location:default/location-1',
      },
    ]);
    // registered as the person running the task, not as the scaffolder
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target },
      { credentials: mockCredentials.user() },
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/churn-prediction',
    );
    expect(ctx.output).toHaveBeenCalledWith('locationTarget', target);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogUrl',
      'http://localhost:3000/catalog/default/component/churn-prediction',
    );
    expect(catalog.getEntityByRef.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^component:default\/churn-prediction is in the catalog \(after [\d.]+ s\)$/,
      ),
    );
  });

  it('is idempotent: a re-run with the same file registers nothing new', async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const { catalog, locations } = fakeCatalog();
    await run(catalog).done;
    await run(catalog).done;
    expect(locations).toHaveLength(1);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'component:default/churn-prediction',
      {
        credentials: mockCredentials.user(),
      },
    );
  });

  it("never overwrites a registered service's file with different content", async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const { catalog, locations } = fakeCatalog();
    await run(catalog).done;
    const target = locations[0].target;

    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction', {
        description: 'someone else',
      }),
    });
    await expect(run(catalog).done).rejects.toThrow(
      `${target} belongs to the registered service component:default/churn-prediction and differs from this one; decommission that service first`,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe(
      serviceYaml('churn-prediction'),
    );
  });

  it('replaces a file left behind by a decommissioned service (no location registered for it)', async () => {
    const target = path.join(
      catalogDir(),
      'component.default.churn-prediction.yaml',
    );
    fs.mkdirSync(catalogDir(), { recursive: true });
    fs.writeFileSync(target, 'old: content\n');
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const { catalog, locations } = fakeCatalog();
    await run(catalog).done;
    expect(fs.readFileSync(target, 'utf8')).toBe(
      serviceYaml('churn-prediction'),
    );
    expect(locations).toHaveLength(1);
  });

  it('refuses a name that is already in the catalog from elsewhere, before writing anything', async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const demo = parse(serviceYaml('churn-prediction')) as Entity;
    demo.metadata.annotations![ORIGIN] = 'file:/repo/examples/entities.yaml';
    const { catalog } = fakeCatalog({ entities: [demo] });
    await expect(run(catalog).done).rejects.toThrow(
      'component:default/churn-prediction is already in the catalog (from file:/repo/examples/entities.yaml); choose another name or decommission that service first',
    );
    expect(fs.existsSync(catalogDir())).toBe(false);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a catalogInfoPath outside the workspace',
      { catalogInfoPath: '../../etc/passwd' },
      undefined,
      /Relative path is not allowed to refer to a directory outside its parent/,
    ],
    [
      'a missing file',
      { catalogInfoPath: 'nope.yaml' },
      undefined,
      /^catalogInfoPath nope.yaml does not exist in the workspace$/,
    ],
    [
      'a name with a path in it',
      {},
      serviceYaml('../../escape'),
      /metadata.name "..\/..\/escape" must be an entity name/,
    ],
    [
      'a namespace with a path in it',
      {},
      serviceYaml('ok', { namespace: '../x' }),
      /metadata.namespace "..\/x" must be a DNS-1123 label/,
    ],
    [
      'two entities in one file',
      {},
      `${serviceYaml('a')}---\n${serviceYaml('b')}`,
      /must hold exactly one catalog entity, found 2 YAML documents/,
    ],
    [
      'a waitSeconds out of range',
      { waitSeconds: -1 },
      serviceYaml('ok'),
      /^waitSeconds must be between 0 and 600, got -1$/,
    ],
  ] as const)('refuses %s', async (_what, input, content, message) => {
    workspace.setContent({
      'catalog-info.yaml': content ?? serviceYaml('churn-prediction'),
    });
    const { catalog } = fakeCatalog();
    await expect(run(catalog, input).done).rejects.toThrow(message);
    expect(fs.existsSync(catalogDir())).toBe(false);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('only checks with checkOnly: refuses a taken name, accepts a free one, writes nothing', async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const demo = parse(serviceYaml('churn-prediction')) as Entity;
    demo.metadata.annotations![ORIGIN] = 'file:/repo/examples/entities.yaml';
    const taken = fakeCatalog({ entities: [demo] });
    await expect(run(taken.catalog, { checkOnly: true }).done).rejects.toThrow(
      'component:default/churn-prediction is already in the catalog',
    );

    const free = fakeCatalog();
    const { ctx, done } = run(free.catalog, { checkOnly: true });
    await done;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/churn-prediction',
    );
    expect(fs.existsSync(catalogDir())).toBe(false);
    expect(free.catalog.addLocation).not.toHaveBeenCalled();
  });

  it('writes and registers nothing in a dry run', async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const { catalog } = fakeCatalog();
    const { ctx, done } = run(catalog, {}, true);
    await done;
    expect(fs.existsSync(catalogDir())).toBe(false);
    expect(catalog.addLocation).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/churn-prediction',
    );
  });

  it('warns, without failing, when the catalog has not picked the entity up in time', async () => {
    workspace.setContent({
      'catalog-info.yaml': serviceYaml('churn-prediction'),
    });
    const { catalog } = fakeCatalog({ processAfterReads: 1_000_000 });
    const { logger, done } = run(catalog, { waitSeconds: 0.05 });
    await done;
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'component:default/churn-prediction is not in the catalog yet after 0.05 s',
      ),
    );
  });
});
