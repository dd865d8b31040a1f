/**
 * Which of the five resources exist, and in what state: what the actions output and put
 * into their error messages.
 */
import {
  ACK_KINDS,
  type AckKind,
  type AnyAckResource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AckClusterApi } from '@mlplatform/plugin-sagemaker-scaling-node';
import { describeResourceStatus } from './resourceStatus';

/**
 * One resource of a scaled endpoint, as found in the cluster.
 * @public
 */
export interface ScaledEndpointResourceReport {
  kind: AckKind;
  name: string;
  exists: boolean;
  /** One-line status (`InService, synced`), when it exists. */
  status?: string;
}

/**
 * The names of the five resources, by kind.
 * @internal
 */
export type ScaledEndpointResourceNames = Record<AckKind, string>;

/** @internal */
export function reportOf(
  kind: AckKind,
  name: string,
  object: AnyAckResource | undefined,
): ScaledEndpointResourceReport {
  return object
    ? { kind, name, exists: true, status: describeResourceStatus(object) }
    : { kind, name, exists: false };
}

/**
 * Reads the five resources and reports each.
 * @internal
 */
export async function reportResources(
  client: AckClusterApi,
  namespace: string,
  names: ScaledEndpointResourceNames,
): Promise<ScaledEndpointResourceReport[]> {
  return Promise.all(
    ACK_KINDS.map(async ({ kind }) =>
      reportOf(
        kind,
        names[kind],
        await client.get(kind, namespace, names[kind]),
      ),
    ),
  );
}

/**
 * `Model churn-model (exists: synced); ... ScalingPolicy x (missing)`, for error messages.
 * @internal
 */
export function formatResourceReports(
  reports: ScaledEndpointResourceReport[],
): string {
  return reports
    .map(
      r =>
        `- ${r.kind} ${r.name}: ${
          r.exists ? `exists (${r.status})` : 'does not exist'
        }`,
    )
    .join('\n');
}
