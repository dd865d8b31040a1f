import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ClusterConnection } from '../clusters/ClusterConnection';
import type { ResolvedEndpoint } from '../snapshot/ScalingSnapshotService';
import type { StreamErrorBody } from './errorBody';
import { StreamReauthorizer } from './StreamReauthorizer';
import { subscriptionKey } from './subscriptionKey';

const REF = 'component:default/churn-prediction';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'churn-prediction', namespace: 'default', uid: 'uid-1' },
  spec: { owner: 'user:default/owner' },
};
const target: ResolvedEndpoint = {
  entityRef: REF,
  namespace: 'ml-serving',
  endpointName: 'churn-prediction',
  cluster: { config: { name: 'sandbox' } } as ClusterConnection,
};

describe('StreamReauthorizer', () => {
  let reauthorizer: StreamReauthorizer | undefined;
  afterEach(() => reauthorizer?.stop());

  /** A stream whose check is the catalog lookup the events route makes. */
  function stream(
    catalog: ReturnType<typeof catalogServiceMock>,
    credentials: BackstageCredentials = mockCredentials.user(),
    check?: () => Promise<ResolvedEndpoint>,
  ) {
    const closed: { reason: StreamErrorBody; at: number }[] = [];
    let checks = 0;
    const watched = {
      key: subscriptionKey(target),
      entityRef: REF,
      credentials,
      async reauthorize() {
        checks++;
        if (check) return check();
        if (!(await catalog.getEntityByRef(REF, { credentials }))) {
          throw new NotFoundError(`Entity ${REF} not found`);
        }
        return target;
      },
      close: (reason: StreamErrorBody) =>
        closed.push({ reason, at: Date.now() }),
    };
    return { watched, closed, checks: () => checks };
  }

  const waitFor = async (fn: () => boolean, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!fn() && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 10));
    }
  };

  it('closes a stream when its credentials expire, saying so', async () => {
    const catalog = catalogServiceMock({ entities: [entity] });
    reauthorizer = new StreamReauthorizer({
      catalog,
      logger: mockServices.logger.mock(),
      reauthorizeMs: 60_000,
      catalogPollMs: 200,
    });
    const expiresAt = new Date(Date.now() + 300);
    const s = stream(catalog, { ...mockCredentials.user(), expiresAt });
    reauthorizer.watch(s.watched);
    await waitFor(() => s.closed.length > 0, 2000);
    expect(s.closed).toHaveLength(1);
    expect(s.closed[0].reason).toEqual({
      name: 'AuthenticationError',
      message: `Stream closed: the credentials expired at ${expiresAt.toISOString()}; reconnect with fresh ones`,
    });
    expect(s.closed[0].at).toBeGreaterThanOrEqual(expiresAt.getTime());
    expect(s.closed[0].at - expiresAt.getTime()).toBeLessThan(300);
    expect(reauthorizer.streamCount).toBe(0);
  });

  it('re-checks every stream of an entity at once when the entity changes in the catalog, long before the periodic check', async () => {
    const catalog = catalogServiceMock({ entities: [entity] });
    reauthorizer = new StreamReauthorizer({
      catalog,
      logger: mockServices.logger.mock(),
      reauthorizeMs: 60_000,
      catalogPollMs: 100,
    });
    const streams = [stream(catalog), stream(catalog), stream(catalog)];
    streams.forEach(s => reauthorizer!.watch(s.watched));
    await new Promise(r => setTimeout(r, 400));
    // Polled per entity, not per stream; nothing changed, so nobody was re-checked.
    expect(streams.map(s => s.checks())).toEqual([0, 0, 0]);
    const deletedAt = Date.now();
    await catalog.removeEntityByUid('uid-1');
    await waitFor(() => streams.every(s => s.closed.length > 0), 2000);
    for (const s of streams) {
      expect(s.closed.map(c => c.reason)).toEqual([
        {
          name: 'NotFoundError',
          message: `Stream closed: Entity ${REF} not found`,
        },
      ]);
      expect(s.closed[0].at - deletedAt).toBeLessThan(500);
    }
  });

  it('keeps a stream through a failing check, and closes it after two intervals without a successful one', async () => {
    const catalog = catalogServiceMock({ entities: [entity] });
    reauthorizer = new StreamReauthorizer({
      logger: mockServices.logger.mock(),
      reauthorizeMs: 200,
    });
    const s = stream(catalog, mockCredentials.user(), async () => {
      throw new ServiceUnavailableError('permission backend unreachable');
    });
    const openedAt = Date.now();
    reauthorizer.watch(s.watched);
    await new Promise(r => setTimeout(r, 300));
    expect(s.checks()).toBeGreaterThan(0);
    expect(s.closed).toEqual([]);
    await waitFor(() => s.closed.length > 0, 2000);
    expect(s.closed[0].reason).toEqual({
      name: 'ServiceUnavailableError',
      message:
        'Stream closed: could not re-authorize it: permission backend unreachable',
    });
    expect(s.closed[0].at - openedAt).toBeGreaterThanOrEqual(400);
  });

  it('closes a stream whose entity now names another endpoint, so that the client reconnects to it', async () => {
    const catalog = catalogServiceMock({ entities: [entity] });
    reauthorizer = new StreamReauthorizer({
      logger: mockServices.logger.mock(),
      reauthorizeMs: 100,
    });
    const s = stream(catalog, mockCredentials.user(), async () => ({
      ...target,
      endpointName: 'churn-prediction-v2',
    }));
    reauthorizer.watch(s.watched);
    await waitFor(() => s.closed.length > 0, 2000);
    expect(s.closed[0].reason).toEqual({
      name: 'ConflictError',
      message: `Stream closed: ${REF} now names the endpoint churn-prediction-v2 in sandbox/ml-serving; reconnect`,
    });
  });
});
