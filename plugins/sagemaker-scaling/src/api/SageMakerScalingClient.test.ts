/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { inServiceSnapshot } from '../__fixtures__/snapshots';
import { SageMakerScalingClient } from './SageMakerScalingClient';

const entityRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'churn-prediction',
};
const BASE = 'http://localhost:7007/api/sagemaker-scaling';

function setup(respond: (url: string, init?: RequestInit) => Response) {
  const fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    respond(String(input), init),
  );
  const client = new SageMakerScalingClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  return { client, fetch };
}

function errorResponse(statusCode: number, name: string, message: string) {
  return new Response(
    JSON.stringify({ error: { name, message }, response: { statusCode } }),
    { status: statusCode, headers: { 'Content-Type': 'application/json' } },
  );
}

/** A streaming response that delivers the given byte chunks one by one. */
function streamResponse(chunks: Uint8Array[], keepOpen = false) {
  let index = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (index < chunks.length) {
          controller.enqueue(chunks[index++]);
        } else if (!keepOpen) {
          controller.close();
        }
      },
    }),
    { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  );
}

describe('SageMakerScalingClient', () => {
  it('reads the snapshot from the entity URL with a lower-case kind', async () => {
    const { client, fetch } = setup(() => Response.json(inServiceSnapshot));
    await expect(client.getSnapshot(entityRef)).resolves.toEqual(
      inServiceSnapshot,
    );
    expect(fetch).toHaveBeenCalledWith(
      `${BASE}/v1/entities/component/default/churn-prediction/scaling`,
      expect.anything(),
    );
  });

  it('encodes entity names in the path', async () => {
    const { client, fetch } = setup(() => Response.json(inServiceSnapshot));
    await client.getSnapshot({ ...entityRef, name: 'a/b c' });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/v1/entities/component/default/a%2Fb%20c/scaling`,
    );
  });

  it('turns backend errors into ResponseErrors with status and server message', async () => {
    const { client } = setup(() =>
      errorResponse(
        503,
        'ServiceUnavailableError',
        "Cluster 'sandbox' is unreachable: connect ECONNREFUSED 127.0.0.1:6443",
      ),
    );
    const error = await client.getSnapshot(entityRef).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.cause.message).toBe(
      "Cluster 'sandbox' is unreachable: connect ECONNREFUSED 127.0.0.1:6443",
    );
  });

  it('pages activities with limit and cursor', async () => {
    const { client, fetch } = setup(() =>
      Response.json({ items: [], nextCursor: 'c2' }),
    );
    await expect(
      client.getActivities(entityRef, { limit: 20, cursor: 'c1' }),
    ).resolves.toEqual({ items: [], nextCursor: 'c2' });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/v1/entities/component/default/churn-prediction/activities?limit=20&cursor=c1`,
    );
  });

  it('sends scaling updates as a JSON PUT', async () => {
    const { client, fetch } = setup(() => Response.json(inServiceSnapshot));
    const update = {
      variantName: 'AllTraffic',
      minCapacity: 1,
      maxCapacity: 5,
      targetValue: 60,
      scaleInCooldown: 700,
      scaleOutCooldown: 300,
      disableScaleIn: false,
      expectedVersion: 'MS4x',
    };
    await client.updateScaling(entityRef, update);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      `${BASE}/v1/entities/component/default/churn-prediction/scaling`,
    );
    expect(init?.method).toBe('PUT');
    expect(new Headers(init?.headers).get('content-type')).toBe(
      'application/json',
    );
    expect(JSON.parse(String(init?.body))).toEqual(update);
  });

  it('adopts an endpoint with a POST without a body and answers the snapshot', async () => {
    const { client, fetch } = setup(() => Response.json(inServiceSnapshot));
    await expect(client.adoptEndpoint(entityRef)).resolves.toEqual(
      inServiceSnapshot,
    );
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      `${BASE}/v1/entities/component/default/churn-prediction/adopt`,
    );
    expect(init?.method).toBe('POST');
    expect(init?.body).toBeUndefined();
  });

  it('lists clusters', async () => {
    const { client, fetch } = setup(() =>
      Response.json({ clusters: [{ name: 'sandbox', reachable: true }] }),
    );
    await expect(client.getClusters()).resolves.toEqual({
      clusters: [{ name: 'sandbox', reachable: true }],
    });
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/v1/clusters`);
  });

  describe('followSnapshots', () => {
    const encoder = new TextEncoder();

    it('delivers snapshots and heartbeats split at arbitrary byte boundaries', async () => {
      // Non-ASCII text makes sure multi-byte characters split across chunks survive.
      const snapshot = {
        ...inServiceSnapshot,
        staleReason: 'Größe – naïve ✓',
      };
      const bytes = encoder.encode(
        `event: heartbeat\ndata: {}\n\nevent: snapshot\ndata: ${JSON.stringify(
          snapshot,
        )}\n\n`,
      );
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += 5) {
        chunks.push(bytes.slice(i, i + 5));
      }
      const { client, fetch } = setup(() => streamResponse(chunks));
      const onSnapshot = jest.fn();
      const onHeartbeat = jest.fn();
      const onOpen = jest.fn();
      await client.followSnapshots(entityRef, {
        signal: new AbortController().signal,
        onSnapshot,
        onHeartbeat,
        onOpen,
      });
      expect(onOpen).toHaveBeenCalledTimes(1);
      expect(onHeartbeat).toHaveBeenCalledTimes(1);
      expect(onSnapshot).toHaveBeenCalledWith(snapshot);
      const [url, init] = fetch.mock.calls[0];
      expect(url).toBe(
        `${BASE}/v1/entities/component/default/churn-prediction/events`,
      );
      expect(new Headers(init?.headers).get('accept')).toBe(
        'text/event-stream',
      );
    });

    it('rejects with a ResponseError when the stream is refused', async () => {
      const { client } = setup(() =>
        errorResponse(403, 'NotAllowedError', 'Unauthorized'),
      );
      const error = await client
        .followSnapshots(entityRef, {
          signal: new AbortController().signal,
          onSnapshot: jest.fn(),
        })
        .catch(e => e);
      expect(ResponseError.is(error)).toBe(true);
      expect(error.statusCode).toBe(403);
    });

    it('reports error events and keeps following the stream', async () => {
      const { client } = setup(() =>
        streamResponse([
          encoder.encode(
            `event: error\ndata: {"name":"ServiceUnavailableError","message":"Cluster 'sandbox' is not available: ECONNREFUSED"}\n\nevent: snapshot\ndata: ${JSON.stringify(
              inServiceSnapshot,
            )}\n\n`,
          ),
        ]),
      );
      const onError = jest.fn();
      const onSnapshot = jest.fn();
      await client.followSnapshots(entityRef, {
        signal: new AbortController().signal,
        onSnapshot,
        onError,
      });
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0][0]).toMatchObject({
        name: 'ScalingStreamError',
        errorName: 'ServiceUnavailableError',
        message: "Cluster 'sandbox' is not available: ECONNREFUSED",
      });
      expect(onSnapshot).toHaveBeenCalledWith(inServiceSnapshot);
    });

    it('rejects with the message of an error event when nobody handles it', async () => {
      const { client } = setup(() =>
        streamResponse(
          [
            encoder.encode(
              'event: error\ndata: {"error":{"name":"Error","message":"watch dropped"}}\n\n',
            ),
          ],
          true,
        ),
      );
      await expect(
        client.followSnapshots(entityRef, {
          signal: new AbortController().signal,
          onSnapshot: jest.fn(),
        }),
      ).rejects.toThrow('watch dropped');
    });

    it('rejects when a snapshot is not JSON', async () => {
      const { client } = setup(() =>
        streamResponse([encoder.encode('event: snapshot\ndata: {oops\n\n')]),
      );
      await expect(
        client.followSnapshots(entityRef, {
          signal: new AbortController().signal,
          onSnapshot: jest.fn(),
        }),
      ).rejects.toThrow('not valid JSON');
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const { client } = setup((_url, init) => {
        const stream = new ReadableStream<Uint8Array>({
          start(streamController) {
            streamController.enqueue(
              encoder.encode(
                `event: snapshot\ndata: ${JSON.stringify(
                  inServiceSnapshot,
                )}\n\n`,
              ),
            );
            init?.signal?.addEventListener('abort', () =>
              streamController.error(new DOMException('aborted', 'AbortError')),
            );
          },
        });
        return new Response(stream, { status: 200 });
      });
      const onSnapshot = jest.fn(() => controller.abort());
      await expect(
        client.followSnapshots(entityRef, {
          signal: controller.signal,
          onSnapshot,
        }),
      ).rejects.toThrow('aborted');
      expect(onSnapshot).toHaveBeenCalledTimes(1);
    });
  });
});
