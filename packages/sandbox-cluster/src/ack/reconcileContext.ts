/**
 * What one reconcile of one object works with, and helpers shared by the simulated
 * SageMaker and Application Auto Scaling controllers.
 */
import { AwsServiceError } from '../aws/AwsServiceError';
import type { ApplicationAutoScalingService } from '../aws/ApplicationAutoScalingService';
import type { SageMakerService } from '../aws/SageMakerService';
import type { ReconcileOutcome } from './conditions';

/** What a controller remembers about one object (by uid). @internal */
export interface ControllerMemory {
  /** The spec last written to AWS. */
  syncedSpec?: unknown;
  /** When the spec was last written to AWS (ms), for `lastModifiedTime`. */
  modifiedAt?: number;
  /** When the "AWS side" of a deleted object is gone. */
  goneAt?: number;
}

/** Inputs of one status computation. @internal */
export interface ReconcileContext {
  /** The object's spec (as stored; not validated beyond the CRD schema). */
  spec: any;
  mem: ControllerMemory;
  /** Simulated time (ms). */
  now: number;
  sagemaker: SageMakerService;
  aas: ApplicationAutoScalingService;
  /** `status.ackResourceMetadata` with the given ARN. */
  base(arn: string | undefined): Record<string, unknown>;
  /** The status: fields plus the conditions for the outcome. */
  finish(
    fields: Record<string, unknown>,
    outcome: ReconcileOutcome,
  ): Record<string, unknown>;
}

/** Tags never make a difference to ACK's comparison. @internal */
export function withoutTags(spec: any) {
  if (!spec || typeof spec !== 'object') return spec;
  const { tags: _t, ...rest } = spec;
  return rest;
}

/** `<Code>: <message>` as ACK puts AWS errors into conditions. @internal */
export function errorMessage(e: unknown) {
  if (e instanceof AwsServiceError) return `${e.code}: ${e.message}`;
  return String((e as Error)?.message ?? e);
}

/**
 * Invalid input will not fix itself: Terminal. A missing dependency may appear:
 * Recoverable.
 * @internal
 */
export function errorOutcome(error: unknown): ReconcileOutcome {
  if (
    error instanceof AwsServiceError &&
    error.code === 'ValidationException'
  ) {
    return { synced: 'False', terminal: errorMessage(error) };
  }
  return { synced: 'Unknown', recoverable: errorMessage(error) };
}

/** The Application Auto Scaling key of a ScalableTarget or ScalingPolicy spec. @internal */
export function aasKey(spec: any) {
  return {
    ServiceNamespace: spec.serviceNamespace,
    ResourceId: spec.resourceID,
    ScalableDimension: spec.scalableDimension,
  };
}
