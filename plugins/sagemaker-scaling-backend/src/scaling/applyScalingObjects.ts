import type {
  ScalableTarget,
  ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  toClusterError,
  type AckClusterApi,
} from '@mlplatform/plugin-sagemaker-scaling-node';
import type { ScalingApplyObjects } from './buildScalingApplyObjects';

/**
 * Applies the ScalableTarget, then the ScalingPolicy, each with its resourceVersion
 * precondition. When the policy is refused after the target changed, the target's
 * previous capacities are applied back, so the two never hold settings from different
 * requests; the error says what happened to each.
 * @internal
 */
export async function applyScalingObjects(
  api: AckClusterApi,
  cluster: string,
  objects: ScalingApplyObjects,
): Promise<{ scalableTarget: ScalableTarget; scalingPolicy: ScalingPolicy }> {
  // force: take the fields over from whoever set them (kubectl, the template); the
  // resourceVersion precondition is what refuses a concurrent change.
  const options = { force: true };
  let scalableTarget: ScalableTarget;
  try {
    scalableTarget = await api.apply(objects.scalableTarget, options);
  } catch (e) {
    throw toClusterError(cluster, e);
  }
  try {
    const scalingPolicy = await api.apply(objects.scalingPolicy, options);
    return { scalableTarget, scalingPolicy };
  } catch (policyError) {
    const refusal = toClusterError(cluster, policyError);
    // The same kind of error (409, 400, 503) as the refusal, saying what was undone.
    const asRefusal = (message: string): Error =>
      new (refusal.constructor as new (m: string) => Error)(message);
    const cause = refusal.message;
    const previous = objects.previous.scalableTarget;
    const restore: ScalableTarget = {
      ...objects.scalableTarget,
      metadata: {
        ...objects.scalableTarget.metadata,
        resourceVersion: scalableTarget.metadata.resourceVersion,
      },
      spec: {
        ...objects.scalableTarget.spec,
        minCapacity: previous.spec.minCapacity,
        maxCapacity: previous.spec.maxCapacity,
      },
    };
    const what = `ScalingPolicy '${objects.scalingPolicy.metadata.name}' was not changed (${cause})`;
    try {
      await api.apply(restore, options);
    } catch (restoreError) {
      throw asRefusal(
        `${what}, and restoring ScalableTarget '${
          previous.metadata.name
        }' to minCapacity ${previous.spec.minCapacity}, maxCapacity ${
          previous.spec.maxCapacity
        } failed (${
          toClusterError(cluster, restoreError).message
        }): it keeps this request's capacities; reload and apply again`,
      );
    }
    throw asRefusal(
      `${what}; ScalableTarget '${previous.metadata.name}' was restored to its previous capacities, so neither object changed. Reload and apply again`,
    );
  }
}
