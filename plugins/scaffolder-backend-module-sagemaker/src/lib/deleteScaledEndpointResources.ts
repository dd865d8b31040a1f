/**
 * Deletes resources one after the other, each only once the previous one is gone (its ACK
 * finalizer removed, i.e. the AWS resource deleted), so nothing is left pointing at a
 * deleted resource.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  Backoff,
  isTransientClusterError,
  sleep,
  toClusterError,
  type AckClusterApi,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import type { ResourceRef } from './findScaledEndpointResources';
import { summarizeResourceStatus } from './resourceStatus';

/**
 * Thrown when a resource is still there at the deadline.
 * @internal
 */
export class DeletionTimeoutError extends Error {
  constructor(what: string) {
    super(`Timed out waiting for ${what} to be deleted`);
    this.name = 'DeletionTimeoutError';
  }
}

/**
 * Options of {@link deleteResourceAndWait}.
 * @internal
 */
export interface DeleteResourceOptions {
  client: AckClusterApi;
  namespace: string;
  logger: LoggerService;
  /** Absolute time (ms since epoch) after which waiting gives up. */
  deadline: number;
  signal?: AbortSignal;
  pollIntervalMs?: number;
}

/**
 * Deletes one resource and waits until it is gone; already missing counts as done.
 * Returns whether it existed. API hiccups are retried with backoff until the deadline.
 * @internal
 */
export async function deleteResourceAndWait(
  ref: ResourceRef,
  options: DeleteResourceOptions,
): Promise<'deleted' | 'already-missing'> {
  const { client, namespace, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const backoff = new Backoff({
    initialMs: pollIntervalMs,
    maxMs: 10_000,
    factor: 1.5,
  });
  const what = `${ref.kind} ${ref.name}`;
  let requested = false;
  let existed = false;
  let lastWaitMessage: string | undefined;

  for (;;) {
    try {
      if (!requested) {
        const outcome = await client.delete(ref.kind, namespace, ref.name);
        requested = true;
        existed = outcome === 'deleting';
        logger.info(
          `${new Date().toISOString()} ${what}: ${
            existed ? 'delete requested' : 'already gone'
          }`,
        );
        if (!existed) {
          return 'already-missing';
        }
      }
      const current = await client.get(ref.kind, namespace, ref.name);
      if (!current) {
        logger.info(`${new Date().toISOString()} ${what}: deleted`);
        return 'deleted';
      }
      const status = summarizeResourceStatus(current);
      const message = status.terminal
        ? `waiting for the controller to remove its finalizer (Terminal: ${status.terminal})`
        : `waiting for the controller to remove its finalizer${
            status.endpointStatus ? ` (${status.endpointStatus})` : ''
          }`;
      if (message !== lastWaitMessage) {
        lastWaitMessage = message;
        logger.info(`${new Date().toISOString()} ${what}: ${message}`);
      }
      backoff.reset();
      await waitOrGiveUp(pollIntervalMs, options, what);
    } catch (error) {
      if (!isTransientClusterError(error)) {
        throw toClusterError(client.clusterName, error, {
          doing: `Deleting ${what}`,
        });
      }
      logger.warn(
        `${new Date().toISOString()} ${what}: Kubernetes API unavailable (${
          toClusterError(client.clusterName, error).message
        }); retrying with backoff`,
      );
      await waitOrGiveUp(backoff.nextDelayMs(), options, what);
    }
  }
}

async function waitOrGiveUp(
  ms: number,
  options: DeleteResourceOptions,
  what: string,
) {
  const remaining = options.deadline - Date.now();
  if (remaining <= 0) {
    throw new DeletionTimeoutError(what);
  }
  await sleep(Math.min(ms, remaining), options.signal);
}
