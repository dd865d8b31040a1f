/**
 * Refuses, before anything is written, updates that AWS or the ACK controllers would turn
 * into a failed resource: changing a Model or EndpointConfig in place (ACK cannot update
 * them: Terminal), and changing the instance type of (or removing) an autoscaled variant
 * (SageMaker rejects that endpoint update while the variant is registered with
 * Application Auto Scaling).
 */
import { isDeepStrictEqual } from 'node:util';
import { ConflictError } from '@backstage/errors';
import {
  variantResourceId,
  type Endpoint,
  type EndpointConfig,
  type ScalableTarget,
  type ScaledEndpointManifests,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AckClusterApi } from '@mlplatform/plugin-sagemaker-scaling-node';

const AWS_DOC =
  'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html';

/** Fields the controllers ignore when comparing (tags are compare-ignored by ACK). */
const IGNORED_SPEC_FIELDS = new Set(['tags']);

/** The desired spec fields whose values differ from the live object's. */
function changedFields(
  desired: Record<string, unknown>,
  live: Record<string, unknown> | undefined,
): string[] {
  return Object.keys(desired).filter(
    key =>
      !IGNORED_SPEC_FIELDS.has(key) &&
      !isDeepStrictEqual(desired[key], live?.[key]),
  );
}

/**
 * Throws a `ConflictError` explaining what to do when applying the manifests would leave a
 * Terminal or failed resource behind; returns quietly otherwise (new endpoints, re-runs,
 * scaling-only changes, model changes through a new config).
 * @internal
 */
export async function checkUpdateSafety(
  client: AckClusterApi,
  m: ScaledEndpointManifests,
): Promise<void> {
  const namespace = m.endpoint.metadata.namespace!;
  const problems: string[] = [];

  for (const desired of [m.model, m.endpointConfig]) {
    const live = await client.get(
      desired.kind,
      namespace,
      desired.metadata.name,
    );
    if (!live) continue;
    const fields = changedFields(
      desired.spec as unknown as Record<string, unknown>,
      live.spec as unknown as Record<string, unknown>,
    );
    if (fields.length > 0) {
      const nameField =
        desired.kind === 'Model' ? 'modelName' : 'endpointConfigName';
      problems.push(
        `${desired.kind} ${
          desired.metadata.name
        } already exists with a different spec (${fields.join(', ')}). ` +
          `The ACK SageMaker controller cannot update a ${desired.kind} (it would mark it ACK.Terminal): ` +
          `give the changed ${
            desired.kind
          } a new name (${nameField}) and point the ${
            desired.kind === 'Model' ? 'EndpointConfig' : 'Endpoint'
          } at it.`,
      );
    }
  }

  const liveEndpoint = await client.get<Endpoint>(
    'Endpoint',
    namespace,
    m.endpoint.metadata.name,
  );
  const liveConfigName = liveEndpoint?.spec?.endpointConfigName;
  if (liveEndpoint && liveConfigName) {
    const liveConfig = await client.get<EndpointConfig>(
      'EndpointConfig',
      namespace,
      liveConfigName,
    );
    const targets = (
      await client.list<ScalableTarget>('ScalableTarget', { namespace })
    ).items;
    const endpointName = m.endpoint.spec.endpointName;
    const desiredVariants = new Map(
      m.endpointConfig.spec.productionVariants.map(v => [v.variantName, v]),
    );
    for (const liveVariant of liveConfig?.spec.productionVariants ?? []) {
      const resourceID = variantResourceId(
        endpointName,
        liveVariant.variantName,
      );
      const target = targets.find(t => t.spec.resourceID === resourceID);
      if (!target) continue;
      const desiredVariant = desiredVariants.get(liveVariant.variantName);
      if (!desiredVariant) {
        problems.push(
          `The new EndpointConfig removes variant ${liveVariant.variantName}, which is registered for autoscaling (ScalableTarget ${target.metadata.name}).`,
        );
      } else if (
        desiredVariant.instanceType &&
        liveVariant.instanceType &&
        desiredVariant.instanceType !== liveVariant.instanceType
      ) {
        problems.push(
          `The new EndpointConfig changes the instance type of autoscaled variant ${liveVariant.variantName} from ${liveVariant.instanceType} to ${desiredVariant.instanceType} (ScalableTarget ${target.metadata.name}).`,
        );
      }
    }
    if (
      problems.some(
        p =>
          p.includes('autoscaled') || p.includes('registered for autoscaling'),
      )
    ) {
      problems.push(
        `SageMaker rejects an endpoint update that changes the instance type of, or removes, a variant while it is registered with Application Auto Scaling (${AWS_DOC}). ` +
          'Deregister scaling first (delete the ScalingPolicy and the ScalableTarget of that variant), apply the new EndpointConfig and wait until the Endpoint is InService, then apply the scaling resources again.',
      );
    }
  }

  if (problems.length > 0) {
    throw new ConflictError(
      `Refusing to apply, nothing was changed:\n${problems
        .map(p => `- ${p}`)
        .join('\n')}`,
    );
  }
}
