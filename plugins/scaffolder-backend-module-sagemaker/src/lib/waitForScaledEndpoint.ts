/**
 * Waits until a scaled endpoint serves: the Endpoint InService and all five resources
 * `ACK.ResourceSynced=True`. Logs every status change with its time; waits out
 * Recoverable conditions and API hiccups with backoff; fails fast on a Terminal condition
 * or a Failed endpoint with the controller's message and what exists.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ACK_KINDS,
  type AckKind,
  type AnyAckResource,
  type Endpoint,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  Backoff,
  isTransientClusterError,
  sleep,
  toClusterError,
  type AckClusterApi,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import {
  formatResourceReports,
  reportOf,
  type ScaledEndpointResourceNames,
  type ScaledEndpointResourceReport,
} from './resourceReport';
import {
  describeResourceStatus,
  summarizeResourceStatus,
} from './resourceStatus';

/** Endpoint statuses that will not turn into InService by waiting. */
const FAILED_ENDPOINT_STATUSES = new Set(['Failed', 'UpdateRollbackFailed']);

/**
 * Options of {@link waitForScaledEndpoint}.
 * @internal
 */
export interface WaitForScaledEndpointOptions {
  client: AckClusterApi;
  namespace: string;
  names: ScaledEndpointResourceNames;
  timeoutMs: number;
  logger: LoggerService;
  signal?: AbortSignal;
  /** Time between reads while nothing is wrong (default 2000 ms). */
  pollIntervalMs?: number;
}

/**
 * The state the wait ended in.
 * @internal
 */
export interface ScaledEndpointReady {
  endpointStatus: string;
  resources: ScaledEndpointResourceReport[];
}

/**
 * Thrown when the endpoint cannot become ready, or does not in time; the message says why
 * and lists which of the five resources exist.
 * @public
 */
export class ScaledEndpointWaitError extends Error {
  readonly resources: ScaledEndpointResourceReport[];

  constructor(message: string, resources: ScaledEndpointResourceReport[]) {
    super(`${message}\nResources:\n${formatResourceReports(resources)}`);
    this.name = 'ScaledEndpointWaitError';
    this.resources = resources;
  }
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60
    ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
    : `${s}s`;
}

/**
 * One read, tried up to three times in quick succession on a transient error, so a single
 * failed request among the five does not cost a whole poll.
 */
async function getWithQuickRetry(
  client: AckClusterApi,
  kind: AckKind,
  namespace: string,
  name: string,
): Promise<AnyAckResource | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.get(kind, namespace, name);
    } catch (error) {
      if (attempt >= 3 || !isTransientClusterError(error)) {
        throw error;
      }
      await sleep(50 * attempt);
    }
  }
}

/** @internal */
export async function waitForScaledEndpoint(
  options: WaitForScaledEndpointOptions,
): Promise<ScaledEndpointReady> {
  const { client, namespace, names, logger, signal } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const startedAt = Date.now();
  const deadline = startedAt + options.timeoutMs;
  const lastSeen = new Map<string, string>();
  const backoff = new Backoff({
    initialMs: pollIntervalMs,
    maxMs: Math.max(pollIntervalMs, 15_000),
    factor: 1.5,
  });
  let lastReports: ScaledEndpointResourceReport[] = ACK_KINDS.map(k => ({
    kind: k.kind,
    name: names[k.kind],
    exists: false,
  }));
  let apiTrouble: string | undefined;

  logger.info(
    `Waiting up to ${formatDuration(options.timeoutMs)} for Endpoint ${
      names.Endpoint
    } in ${namespace} on cluster ${
      client.clusterName
    } to be InService and all five resources synced`,
  );

  for (;;) {
    let objects: (AnyAckResource | undefined)[] | undefined;
    try {
      objects = await Promise.all(
        ACK_KINDS.map(k =>
          getWithQuickRetry(client, k.kind, namespace, names[k.kind]),
        ),
      );
    } catch (error) {
      const cause = toClusterError(client.clusterName, error).message;
      if (!isTransientClusterError(error)) {
        throw new ScaledEndpointWaitError(
          `Reading the resources from cluster ${client.clusterName} failed: ${cause}`,
          lastReports,
        );
      }
      if (apiTrouble !== cause) {
        apiTrouble = cause;
        logger.warn(
          `${new Date().toISOString()} Kubernetes API of cluster ${
            client.clusterName
          } unavailable (${cause}); retrying with backoff`,
        );
      }
    }

    if (objects) {
      if (apiTrouble) {
        logger.info(
          `${new Date().toISOString()} Kubernetes API of cluster ${
            client.clusterName
          } reachable again`,
        );
        apiTrouble = undefined;
      }
      backoff.reset();
      lastReports = ACK_KINDS.map((k, i) =>
        reportOf(k.kind, names[k.kind], objects![i]),
      );
      ACK_KINDS.forEach((k, i) => {
        const object = objects![i];
        const text = object ? describeResourceStatus(object) : 'not found';
        if (lastSeen.get(k.kind) !== text) {
          lastSeen.set(k.kind, text);
          logger.info(
            `${new Date().toISOString()} (+${formatDuration(
              Date.now() - startedAt,
            )}) ${k.kind} ${names[k.kind]}: ${text}`,
          );
        }
      });

      for (const object of objects) {
        if (!object) continue;
        const status = summarizeResourceStatus(object);
        if (status.terminal) {
          throw new ScaledEndpointWaitError(
            `${object.kind} ${object.metadata.name} has a Terminal condition: ${status.terminal}`,
            lastReports,
          );
        }
        if (
          status.endpointStatus &&
          FAILED_ENDPOINT_STATUSES.has(status.endpointStatus)
        ) {
          throw new ScaledEndpointWaitError(
            `Endpoint ${object.metadata.name} is ${status.endpointStatus}: ${
              status.failureReason ?? 'no failure reason given'
            }`,
            lastReports,
          );
        }
      }

      const endpoint = objects[
        ACK_KINDS.findIndex(k => k.kind === 'Endpoint')
      ] as Endpoint | undefined;
      const allSynced = objects.every(
        o => o && summarizeResourceStatus(o).synced === 'True',
      );
      if (endpoint?.status?.endpointStatus === 'InService' && allSynced) {
        logger.info(
          `${new Date().toISOString()} Endpoint ${
            names.Endpoint
          } is InService and all five resources are synced (after ${formatDuration(
            Date.now() - startedAt,
          )})`,
        );
        return { endpointStatus: 'InService', resources: lastReports };
      }
    }

    const delay = objects ? pollIntervalMs : backoff.nextDelayMs();
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const why = apiTrouble ? ` (last API error: ${apiTrouble})` : '';
      throw new ScaledEndpointWaitError(
        `Timed out after ${formatDuration(
          options.timeoutMs,
        )} waiting for Endpoint ${
          names.Endpoint
        } to be InService and all resources synced${why}`,
        lastReports,
      );
    }
    await sleep(Math.min(delay, remaining), signal);
  }
}
