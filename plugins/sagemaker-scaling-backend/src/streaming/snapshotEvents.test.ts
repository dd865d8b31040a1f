/**
 * The events route of the plugin in a test backend, over real HTTP, against a real
 * sandbox cluster: every client gets a first snapshot; open streams are re-authorized
 * and closed with an error event when the entity or the permission is gone.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scaledEndpointObjects } from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  startSandboxCluster,
  type SandboxCluster,
} from '@mlplatform/sandbox-cluster';
import { sagemakerScalingPlugin } from '../plugin';

jest.setTimeout(60_000);

const OWNER = 'user:default/owner';
const REAUTHORIZE_MS = 800;
const base = '/api/sagemaker-scaling/v1/entities/component/default';

function mlService(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      annotations: {
        'sagemaker.services.k8s.aws/endpoint-name': name,
        'backstage.io/kubernetes-namespace': 'ml-serving',
      },
    },
    spec: { type: 'ml-service', lifecycle: 'production', owner: OWNER },
  };
}

interface StreamEvent {
  event: string;
  data: any;
  raw: string;
}

/** A minimal SSE client over a raw HTTP request; `ended` settles when the server closes. */
function openEventStream(server: http.Server, path: string, user = OWNER) {
  const events: StreamEvent[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  let endedAt: number | undefined;
  const { port } = server.address() as AddressInfo;
  const req = http.get({
    host: '127.0.0.1',
    port,
    path,
    headers: {
      Authorization: mockCredentials.user.header(user),
      Accept: 'text/event-stream',
    },
  });
  const ended = new Promise<void>(resolve => {
    req.on('response', res => {
      res.on('error', () => {});
      res.setEncoding('utf8');
      res.on('data', chunk => {
        buffer += chunk;
        for (
          let i = buffer.indexOf('\n\n');
          i >= 0;
          i = buffer.indexOf('\n\n')
        ) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) {
            events.push({ event, data: JSON.parse(data), raw: data });
            listeners.forEach(l => l());
          }
        }
      });
      res.on('end', () => {
        endedAt = Date.now();
        resolve();
      });
      res.on('close', resolve);
    });
    req.on('error', () => resolve());
  });
  const next = (predicate: (e: StreamEvent) => boolean, timeoutMs = 5000) =>
    new Promise<StreamEvent>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const check = () => {
        const found = events.find(predicate);
        if (found) {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(found);
        }
      };
      timer = setTimeout(() => {
        listeners.delete(check);
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms; got ${events
              .map(e => e.event)
              .join(',')}`,
          ),
        );
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return {
    events,
    next,
    ended,
    endedAt: () => endedAt,
    close: () => req.destroy(),
  };
}

describe('snapshot events of the plugin against a sandbox cluster', () => {
  let sandbox: SandboxCluster;
  let server: http.Server;
  let stopBackend: () => Promise<void>;
  const catalog = catalogServiceMock({
    entities: [
      mlService('churn-prediction'),
      mlService('fraud-scoring'),
      mlService('to-delete'),
    ],
  });
  /** Users whose read permission is revoked. */
  const revoked = new Set<string>();

  beforeAll(async () => {
    sandbox = await startSandboxCluster({
      kubePort: 0,
      aasPort: 0,
      clock: 'manual',
    });
    for (const name of ['churn-prediction', 'fraud-scoring', 'to-delete']) {
      for (const o of scaledEndpointObjects(name) as any[]) {
        sandbox.api.patch(
          sandbox.api.resourceForKind(o.kind),
          o.metadata.namespace,
          o.metadata.name,
          'apply',
          o,
          { fieldManager: 'test', force: true },
        );
      }
    }
    sandbox.advance(600_000);
    sandbox.settle();
    const backend = await startTestBackend({
      features: [
        sagemakerScalingPlugin,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            async authorize(
              requests: any[],
              options: { credentials: BackstageCredentials },
            ) {
              const { userEntityRef } = options.credentials.principal as {
                userEntityRef?: string;
              };
              return requests.map(() => ({
                result:
                  userEntityRef && revoked.has(userEntityRef)
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
              }));
            },
            async authorizeConditional(requests: any[]) {
              return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            sagemakerScaling: {
              clusters: [
                {
                  name: 'sandbox',
                  url: sandbox.kubeApiUrl,
                  caData: sandbox.caData!,
                  namespaces: ['ml-serving'],
                  auth: { type: 'serviceAccount', token: sandbox.token },
                },
              ],
              aws: {
                region: 'us-east-1',
                applicationAutoScalingEndpoint: sandbox.aasUrl,
                cloudWatchEndpoint: sandbox.cloudWatchUrl,
              },
              stream: { reauthorizeSeconds: REAUTHORIZE_MS / 1000 },
            },
            aws: {
              mainAccount: {
                accessKeyId: 'sandbox',
                secretAccessKey: 'sandbox',
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('gives each of 100 clients connecting at once a first snapshot, then the change', async () => {
    const streams = Array.from({ length: 100 }, () =>
      openEventStream(server, `${base}/churn-prediction/events`),
    );
    const firsts = await Promise.all(
      streams.map(s => s.next(() => true, 15_000)),
    );
    for (const first of firsts) {
      expect(first.event).toBe('snapshot');
      expect(first.data).toMatchObject({
        entityRef: 'component:default/churn-prediction',
        endpoint: { endpointName: 'churn-prediction' },
      });
    }
    sandbox.api.patch(
      sandbox.api.resourceForKind('ScalableTarget'),
      'ml-serving',
      'churn-prediction-scalable-target',
      'merge',
      { spec: { maxCapacity: 9 } },
    );
    await Promise.all(
      streams.map(s =>
        s.next(
          e =>
            e.event === 'snapshot' &&
            e.data.scalableTargets[0]?.maxCapacity === 9,
          15_000,
        ),
      ),
    );
    streams.forEach(s => s.close());
  });

  it('keeps an authorized stream open across re-authorizations', async () => {
    const stream = openEventStream(server, `${base}/fraud-scoring/events`);
    await stream.next(e => e.event === 'snapshot');
    await new Promise(r => setTimeout(r, REAUTHORIZE_MS * 3));
    expect(stream.endedAt()).toBeUndefined();
    expect(stream.events.filter(e => e.event === 'error')).toEqual([]);
    stream.close();
  });

  it('closes the stream with an error event within the re-authorize interval when the entity is deleted from the catalog', async () => {
    const stream = openEventStream(server, `${base}/to-delete/events`);
    await stream.next(e => e.event === 'snapshot');
    const deletedAt = Date.now();
    await catalog.removeEntityByUid('uid-to-delete');
    const error = await stream.next(e => e.event === 'error', 3000);
    await stream.ended;
    expect(error.data).toEqual({
      name: 'NotFoundError',
      message: 'Stream closed: Entity component:default/to-delete not found',
    });
    // Within the re-authorize interval (plus the check's tick).
    expect(stream.endedAt()! - deletedAt).toBeLessThan(REAUTHORIZE_MS + 500);
  });

  it('closes the stream with an error event within the re-authorize interval when the permission is revoked', async () => {
    const user = 'user:default/revoked-later';
    const stream = openEventStream(
      server,
      `${base}/fraud-scoring/events`,
      user,
    );
    const other = openEventStream(server, `${base}/fraud-scoring/events`);
    await stream.next(e => e.event === 'snapshot');
    await other.next(e => e.event === 'snapshot');
    revoked.add(user);
    const revokedAt = Date.now();
    try {
      const error = await stream.next(e => e.event === 'error', 3000);
      await stream.ended;
      expect(error.data.name).toBe('NotAllowedError');
      expect(error.data.message).toMatch(
        /^Stream closed: You are not allowed to read the scaling of component:default\/fraud-scoring/,
      );
      expect(stream.endedAt()! - revokedAt).toBeLessThan(REAUTHORIZE_MS + 500);
      // Someone who may still read keeps the stream.
      expect(other.endedAt()).toBeUndefined();
    } finally {
      revoked.delete(user);
      other.close();
    }
  });
});
