/**
 * `GET /v1/fleet` in a test backend against a real sandbox cluster, with the real
 * Kubernetes and AWS clients; outgoing requests to the sandbox are counted through
 * Node's HTTP diagnostics channel.
 */
import diagnostics from 'node:diagnostics_channel';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { FleetPage } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import request from 'supertest';
import {
  applyToSandbox,
  eventually,
  mlService,
  OWNER,
  startSandboxBackend,
} from '../__testUtils__/sandboxBackend';

jest.setTimeout(60_000);

const VIEWER = 'user:default/viewer';

/** `entity` with another owner, system and title. */
function withSpec(
  entity: Entity,
  spec: { owner?: string; system?: string },
  title?: string,
): Entity {
  return {
    ...entity,
    metadata: { ...entity.metadata, ...(title ? { title } : {}) },
    spec: { ...entity.spec, ...spec },
  };
}

/** Everyone reads, except the viewer, who may not read `secret-model`. */
const viewerCannotReadSecret = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(
      requests: any[],
      options: { credentials: BackstageCredentials },
    ) {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      return requests.map(r => ({
        result:
          principal.userEntityRef === VIEWER &&
          r.resourceRef === 'component:default/secret-model'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests: any[]) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

describe('GET /v1/fleet', () => {
  let sandbox: SandboxCluster;
  let backend: Awaited<ReturnType<typeof startSandboxBackend>>;
  const sandboxRequests: string[] = [];
  const onRequest = (message: any) => {
    const req = message.request;
    const host = String(req.getHeader?.('host') ?? req.host ?? '');
    const ports = [sandbox.kubeApiUrl, sandbox.aasUrl].map(
      u => new URL(u).port,
    );
    if (ports.some(p => host.endsWith(`:${p}`))) {
      sandboxRequests.push(`${req.method} ${host}${req.path}`);
    }
  };

  const fleet = (query: string, user = OWNER) =>
    request(backend.server)
      .get(`/api/sagemaker-scaling/v1/fleet${query}`)
      .set('Authorization', mockCredentials.user.header(user));

  beforeAll(async () => {
    sandbox = await startSandboxCluster({ kubePort: 0, aasPort: 0 });
    applyToSandbox(sandbox, [
      ...scaledEndpointObjects('churn-prediction'),
      ...scaledEndpointObjects('fraud-detection'),
      ...scaledEndpointObjects('secret-model'),
    ]);
    backend = await startSandboxBackend({
      sandbox,
      features: [viewerCannotReadSecret],
      entities: [
        withSpec(
          mlService('churn-prediction'),
          { owner: 'group:default/team-a', system: 'recommendations' },
          'Churn prediction',
        ),
        withSpec(mlService('fraud-detection'), {
          owner: 'group:default/team-b',
          system: 'payments',
        }),
        withSpec(mlService('secret-model'), { owner: 'group:default/team-b' }),
        // Names an endpoint the cluster does not have.
        withSpec(mlService('ghost', 'no-such-endpoint'), {
          owner: 'group:default/team-a',
        }),
        // Names a cluster that is not configured: only this row degrades.
        {
          ...mlService('elsewhere'),
          metadata: {
            ...mlService('elsewhere').metadata,
            annotations: {
              ...mlService('elsewhere').metadata.annotations,
              'sagemaker.services.k8s.aws/cluster': 'not-configured',
            },
          },
        },
        // No endpoint annotation: not an ML service.
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'website', namespace: 'default' },
          spec: { type: 'website', owner: 'group:default/team-a' },
        },
      ],
    });
    // The endpoints are in the cache.
    await eventually(async () => {
      const res = await fleet('?q=churn');
      if (!res.body.rows?.[0]?.endpointStatus) {
        throw new Error(`not cached yet: ${JSON.stringify(res.body)}`);
      }
    });
    diagnostics.subscribe('http.client.request.start', onRequest);
  });

  afterAll(async () => {
    diagnostics.unsubscribe('http.client.request.start', onRequest);
    await backend?.stop();
    await sandbox?.stop();
  });

  beforeEach(() => {
    sandboxRequests.length = 0;
  });

  it('lists the ML services the caller may read, with their cached state', async () => {
    const res = await fleet('');
    expect(res.status).toBe(200);
    const page = res.body as FleetPage;
    expect(page.rows.map(r => r.name)).toEqual([
      'churn-prediction',
      'elsewhere',
      'fraud-detection',
      'ghost',
      'secret-model',
    ]);
    const churn = page.rows[0];
    expect(churn).toMatchObject({
      entityRef: 'component:default/churn-prediction',
      title: 'Churn prediction',
      owner: 'group:default/team-a',
      system: 'system:default/recommendations',
      cluster: 'sandbox',
      endpointNamespace: 'ml-serving',
      endpointName: 'churn-prediction',
      binding: 'unbound',
    });
    expect(churn.variants[0]).toMatchObject({
      variantName: 'AllTraffic',
      minCapacity: expect.any(Number),
      maxCapacity: expect.any(Number),
      targetValue: expect.any(Number),
    });
    // The backend has not recorded 7 days yet.
    expect(churn.atMaxShare7d).toBeUndefined();

    const viewer = (await fleet('', VIEWER)).body as FleetPage;
    expect(viewer.rows.map(r => r.name)).not.toContain('secret-model');
    expect(viewer.totalCount).toBe(4);
  });

  it('degrades a row whose data is missing instead of failing the page', async () => {
    const page = (await fleet('')).body as FleetPage;
    const byName = Object.fromEntries(page.rows.map(r => [r.name, r]));
    expect(byName.elsewhere.degraded).toMatch(/not-configured/);
    expect(byName.elsewhere.variants).toEqual([]);
    expect(byName.ghost.topFinding).toMatchObject({
      code: 'endpoint-not-found',
      severity: 'error',
    });
    // Nothing has read CloudWatch for fraud-detection yet: no load, and the row says so.
    expect(byName['fraud-detection'].degraded).toMatch(/load not cached/);
    expect(
      byName['fraud-detection'].variants[0].latestLoadPerInstance,
    ).toBeUndefined();
  });

  it('shows the load once the short cache holds it (the entity tab read it)', async () => {
    await request(backend.server)
      .get(
        '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/scaling',
      )
      .set('Authorization', mockCredentials.user.header(OWNER))
      .expect(200);
    const row = await eventually(async () => {
      const churn = ((await fleet('?q=churn')).body as FleetPage).rows[0];
      if (churn.degraded) throw new Error(churn.degraded);
      return churn;
    });
    expect(row.degraded).toBeUndefined();
  });

  it('filters by owner, system, cluster, finding and name', async () => {
    const names = async (query: string) =>
      ((await fleet(query)).body as FleetPage).rows.map(r => r.name);
    expect(await names('?owner=group:default/team-b')).toEqual([
      'fraud-detection',
      'secret-model',
    ]);
    expect(await names('?owner=team-a,team-b&system=payments')).toEqual([
      'fraud-detection',
    ]);
    expect(await names('?cluster=sandbox&finding=endpoint-not-found')).toEqual([
      'ghost',
    ]);
    expect(await names('?q=PREDICTION')).toEqual(['churn-prediction']);
    // Search matches the title too.
    expect(await names('?q=churn%20pred')).toEqual(['churn-prediction']);
    // `me`: the caller's ownership refs (the mock user's own ref owns `elsewhere`).
    expect(await names('?owner=me')).toEqual(['elsewhere']);
  });

  it('sorts by any column and pages with a cursor', async () => {
    const desc = (await fleet('?sort=name&order=desc')).body as FleetPage;
    expect(desc.rows.map(r => r.name)).toEqual([
      'secret-model',
      'ghost',
      'fraud-detection',
      'elsewhere',
      'churn-prediction',
    ]);
    const bySeverity = (await fleet('?sort=finding&order=desc'))
      .body as FleetPage;
    expect(bySeverity.rows[0].topFinding?.severity).toBe('error');

    const first = (await fleet('?limit=2')).body as FleetPage;
    expect(first.rows.map(r => r.name)).toEqual([
      'churn-prediction',
      'elsewhere',
    ]);
    expect(first.totalCount).toBe(5);
    const second = (await fleet(`?limit=2&cursor=${first.nextCursor}`))
      .body as FleetPage;
    expect(second.rows.map(r => r.name)).toEqual(['fraud-detection', 'ghost']);
    const last = (await fleet(`?limit=2&cursor=${second.nextCursor}`))
      .body as FleetPage;
    expect(last.rows.map(r => r.name)).toEqual(['secret-model']);
    expect(last.nextCursor).toBeUndefined();
  });

  it('shows a change in the cluster on the next page (rows are kept only while their endpoint is unchanged)', async () => {
    const maxOf = async () =>
      ((await fleet('?q=fraud')).body as FleetPage).rows[0].variants[0]
        .maxCapacity;
    const before = await maxOf();
    expect(await maxOf()).toBe(before);
    const target = scaledEndpointObjects('fraud-detection').find(
      o => o.kind === 'ScalableTarget',
    )!;
    applyToSandbox(sandbox, [
      {
        ...target,
        spec: { ...target.spec, maxCapacity: (before ?? 0) + 3 },
      },
    ]);
    await eventually(async () => {
      const now = await maxOf();
      if (now !== (before ?? 0) + 3) throw new Error(`still ${now}`);
    });
  });

  it('answers a page without any request to the cluster or AWS', async () => {
    await fleet('?sort=cost&order=desc&limit=50').expect(200);
    await fleet('?owner=team-a&sort=capacity').expect(200);
    expect(sandboxRequests).toEqual([]);
  });

  it('rejects a bad query naming the parameter', async () => {
    const sort = await fleet('?sort=colour');
    expect(sort.status).toBe(400);
    expect(sort.body.error.message).toMatch(/sort/);
    const limit = await fleet('?limit=201');
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toMatch(/limit/);
    const owner = await fleet('?owner=group:');
    expect(owner.status).toBe(400);
    expect(owner.body.error.message).toMatch(/owner/);
  });
});
