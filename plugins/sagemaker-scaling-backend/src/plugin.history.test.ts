/**
 * The change history end to end: the plugin in test backends on one real SQLite
 * database, against the real sandbox cluster, edited through the API and with kubectl.
 */
import type http from 'node:http';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import request from 'supertest';
import { historyDatabase } from './__testUtils__/historyDatabase';
import {
  applyToSandbox,
  eventually,
  mlService,
  OWNER,
  startSandboxBackend,
} from './__testUtils__/sandboxBackend';

jest.setTimeout(120_000);

const OTHER = 'user:default/someone-else';
const base = '/api/sagemaker-scaling/v1/entities/component/default';
const owner = mockCredentials.user.header(OWNER);

/** Everyone reads, only the owner updates. */
const ownerOnlyUpdates = createServiceFactory({
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
          r.permission.name === 'sagemaker.scaling.update' &&
          principal.userEntityRef !== OWNER
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests: any[]) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

/** The audit events the plugin creates, with how they ended. */
const audits: { eventId: string; outcome?: string; meta?: any }[] = [];
const recordingAuditor = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: () => ({
    async createEvent(options: any) {
      const event: { eventId: string; outcome?: string; meta?: any } = {
        eventId: options.eventId,
        meta: options.meta,
      };
      audits.push(event);
      return {
        async success() {
          event.outcome = 'success';
        },
        async fail() {
          event.outcome = 'fail';
        },
      };
    },
  }),
});

describe('sagemaker-scaling plugin: change history', () => {
  let sandbox: SandboxCluster;
  let db: Awaited<ReturnType<typeof historyDatabase>>;
  const backends: { server: http.Server; stop: () => Promise<void> }[] = [];

  const startReplica = async () => {
    const backend = await startSandboxBackend({
      sandbox,
      entities: [mlService('churn-prediction')],
      features: [ownerOnlyUpdates, recordingAuditor, db.factory],
    });
    backends.push(backend);
    return backend;
  };

  const target = () =>
    sandbox.api.get(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
    ) as any;

  /** A kubectl-style server-side apply of the target's maxCapacity as `manager`. */
  const kubectlSetMax = (maxCapacity: number, manager: string) => {
    const live = target();
    applyToSandbox(
      sandbox,
      [
        {
          apiVersion: live.apiVersion,
          kind: live.kind,
          metadata: { name: live.metadata.name, namespace: 'ml-serving' },
          spec: { ...live.spec, maxCapacity },
        },
      ],
      manager,
    );
    sandbox.settle();
  };

  const history = async (server: http.Server) => {
    const res = await request(server)
      .get(`${base}/churn-prediction/history`)
      .set('Authorization', owner);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  };

  const outOfBandRows = (maxCapacity: number) =>
    db
      .knex('setting_changes')
      .where({ source: 'out-of-band' })
      .then(rows =>
        rows.filter(
          r => JSON.parse(r.after_settings).maxCapacity === maxCapacity,
        ),
      );

  const settingsVersion = async (server: http.Server) => {
    const res = await request(server)
      .get(`${base}/churn-prediction/scaling`)
      .set('Authorization', owner);
    return res.body.variants[0].settingsVersion as string;
  };

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
      demo: true,
    });
    db = await historyDatabase();
  });

  afterAll(async () => {
    for (const b of backends) await b.stop().catch(() => {});
    await sandbox?.stop();
  });

  it('records an edit with who made it, before and after', async () => {
    const { server } = await startReplica();
    const snapshot = (
      await request(server)
        .get(`${base}/churn-prediction/scaling`)
        .set('Authorization', owner)
    ).body;
    const variant = snapshot.variants[0];
    const put = await request(server)
      .put(`${base}/churn-prediction/scaling`)
      .set('Authorization', owner)
      .send({
        variantName: variant.variantName,
        minCapacity: variant.minCapacity,
        maxCapacity: variant.maxCapacity + 1,
        targetValue: variant.targetValue,
        scaleInCooldown: variant.scaleInCooldown,
        scaleOutCooldown: variant.scaleOutCooldown,
        disableScaleIn: variant.disableScaleIn ?? false,
        expectedVersion: variant.settingsVersion,
      });
    expect(put.status).toBe(200);
    const [entry, ...rest] = await history(server);
    expect(entry).toMatchObject({
      actor: OWNER,
      source: 'backstage',
      result: 'success',
      variantName: variant.variantName,
      before: { maxCapacity: variant.maxCapacity },
      after: { maxCapacity: variant.maxCapacity + 1 },
    });
    // The watch saw the change too, but it was ours: not recorded again.
    await new Promise(r => setTimeout(r, 1000));
    expect(rest).toEqual([]);
    expect(await history(server)).toHaveLength(1);
  });

  it('records a kubectl change once, with its field manager, across two replicas', async () => {
    const [first] = backends;
    const second = await startReplica();
    const before = target().spec.maxCapacity;
    kubectlSetMax(7, 'kubectl-edit');
    const entry = await eventually(async () => {
      const [newest] = await history(first.server);
      expect(newest?.after.maxCapacity).toBe(7);
      return newest;
    });
    expect(entry).toMatchObject({
      actor: 'kubectl-edit',
      source: 'out-of-band',
      before: { maxCapacity: before },
    });
    expect(await history(second.server)).toEqual(await history(first.server));
    await new Promise(r => setTimeout(r, 1000));
    expect(await outOfBandRows(7)).toHaveLength(1);
  });

  it('neither duplicates nor misses a change across a restart', async () => {
    for (const b of backends.splice(0)) await b.stop();
    // Changed while no replica watched.
    kubectlSetMax(6, 'kubectl-client-side-apply');
    const { server } = await startReplica();
    const entry = await eventually(async () => {
      const [newest] = await history(server);
      expect(newest?.after.maxCapacity).toBe(6);
      return newest;
    });
    expect(entry).toMatchObject({
      actor: 'kubectl-client-side-apply',
      source: 'out-of-band',
      before: { maxCapacity: 7 },
    });
    await new Promise(r => setTimeout(r, 1000));
    expect(await outOfBandRows(7)).toHaveLength(1);
    expect(await outOfBandRows(6)).toHaveLength(1);
  });

  it('reverts a change through the update path: owners only, recorded and audited', async () => {
    const { server } = backends[0];
    const [kubectlChange] = await history(server);
    const refused = await request(server)
      .post(`${base}/churn-prediction/history/${kubectlChange.id}/revert`)
      .set('Authorization', mockCredentials.user.header(OTHER))
      .send({ expectedVersion: await settingsVersion(server) });
    expect(refused.status).toBe(403);
    expect(target().spec.maxCapacity).toBe(6);

    audits.length = 0;
    const reverted = await request(server)
      .post(`${base}/churn-prediction/history/${kubectlChange.id}/revert`)
      .set('Authorization', owner)
      .send({ expectedVersion: await settingsVersion(server) });
    expect({ status: reverted.status, error: reverted.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    expect(target().spec.maxCapacity).toBe(7);
    const [revert] = await history(server);
    expect(revert).toMatchObject({
      actor: OWNER,
      source: 'revert',
      result: 'success',
      before: { maxCapacity: 6 },
      after: { maxCapacity: 7 },
    });
    expect(audits).toEqual([
      expect.objectContaining({
        eventId: 'scaling-update',
        outcome: 'success',
        meta: expect.objectContaining({
          settings: expect.objectContaining({ maxCapacity: 7 }),
        }),
      }),
    ]);
  });

  it('answers a stale expectedVersion of a revert with 409 and records the failure', async () => {
    const { server } = backends[0];
    const stale = await settingsVersion(server);
    kubectlSetMax(5, 'kubectl-edit');
    await eventually(async () => {
      const [newest] = await history(server);
      expect(newest?.after.maxCapacity).toBe(5);
    });
    const [, revert] = await history(server);
    const res = await request(server)
      .post(`${base}/churn-prediction/history/${revert.id}/revert`)
      .set('Authorization', owner)
      .send({ expectedVersion: stale });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('kubectl-edit');
    const [failed] = await history(server);
    expect(failed).toMatchObject({ source: 'revert', result: 'failed' });
    expect(target().spec.maxCapacity).toBe(5);
  });

  it('pages newest first and refuses a malformed cursor naming it', async () => {
    const { server } = backends[0];
    const all = await history(server);
    const page1 = await request(server)
      .get(`${base}/churn-prediction/history?limit=2`)
      .set('Authorization', owner);
    expect(page1.body.items).toEqual(all.slice(0, 2));
    const page2 = await request(server)
      .get(
        `${base}/churn-prediction/history?limit=2&cursor=${page1.body.nextCursor}`,
      )
      .set('Authorization', owner);
    expect(page2.body.items).toEqual(all.slice(2, 4));
    const bad = await request(server)
      .get(`${base}/churn-prediction/history?cursor=abc`)
      .set('Authorization', owner);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('cursor');
  });
});
