import type { ServerResponse } from 'node:http';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { SCALING_EVENT_ERROR } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ResolvedEndpoint } from '../snapshot/ScalingSnapshotService';
import type { SnapshotStreamHub } from './SnapshotStreamHub';
import { SseConnection, sseFrame } from './SseConnection';
import { subscriptionKey } from './subscriptionKey';

/**
 * Serves an authorized caller the live snapshots of an entity's endpoint as server-sent
 * events until the client goes away or the re-authorization closes the stream.
 * @internal
 */
export function serveSnapshotEvents(
  res: ServerResponse,
  opened: { credentials: BackstageCredentials; target: ResolvedEndpoint },
  options: {
    hub: SnapshotStreamHub;
    /** The check the stream was opened with, made again (entity, permission, target). */
    reauthorize: () => Promise<{ target: ResolvedEndpoint }>;
  },
): void {
  const { hub, reauthorize } = options;
  const { target, credentials } = opened;
  // Gone while being authorized: nothing to serve, and no 'close' event would follow.
  if (res.destroyed) return;
  const connection = new SseConnection(res);
  const unsubscribe = hub.subscribe(target, connection);
  const unwatch = hub.reauthorizer.watch({
    key: subscriptionKey(target),
    entityRef: target.entityRef,
    credentials,
    reauthorize: async () => (await reauthorize()).target,
    close: reason =>
      connection.end(sseFrame(SCALING_EVENT_ERROR, JSON.stringify(reason))),
  });
  // The response closes when the client goes away (req 'close' can fire earlier).
  res.on('close', () => {
    unsubscribe();
    unwatch();
  });
}
