/**
 * Finds the resources of a scaled endpoint the way the backend reads them: from the
 * Endpoint to its EndpointConfig, to the config's Models, and through
 * `resourceID = endpoint/<spec.endpointName>/variant/<variant>` to the ScalableTargets and
 * ScalingPolicies. Returns them in the safe deletion order.
 */
import {
  parseVariantResourceId,
  type AckKind,
  type Endpoint,
  type EndpointConfig,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { AckClusterApi } from '@mlplatform/plugin-sagemaker-scaling-node';

/**
 * One resource to delete.
 * @public
 */
export interface ResourceRef {
  kind: AckKind;
  name: string;
}

/**
 * What deleting an endpoint would remove, in order, and what it keeps because something
 * else still uses it.
 * @public
 */
export interface ScaledEndpointDeletionPlan {
  namespace: string;
  /** Policies, targets, endpoint, config, models: the safe order. */
  resources: ResourceRef[];
  /** Shared resources left in place, with the reason. */
  kept: { kind: AckKind; name: string; reason: string }[];
}

/** @internal */
export async function findScaledEndpointResources(
  client: AckClusterApi,
  namespace: string,
  endpointResourceName: string,
): Promise<ScaledEndpointDeletionPlan> {
  const kept: ScaledEndpointDeletionPlan['kept'] = [];
  const endpoint = await client.get<Endpoint>(
    'Endpoint',
    namespace,
    endpointResourceName,
  );
  // Without the Endpoint, its AWS name is taken to be the resource name (as we render it).
  const awsEndpointName = endpoint?.spec.endpointName ?? endpointResourceName;

  const ofEndpoint = (resourceID: string) =>
    parseVariantResourceId(resourceID)?.endpointName === awsEndpointName;
  const policies = (
    await client.list<ScalingPolicy>('ScalingPolicy', { namespace })
  ).items
    .filter(p => ofEndpoint(p.spec.resourceID))
    .map(p => ({ kind: 'ScalingPolicy' as const, name: p.metadata.name }));
  const targets = (
    await client.list<ScalableTarget>('ScalableTarget', { namespace })
  ).items
    .filter(t => ofEndpoint(t.spec.resourceID))
    .map(t => ({ kind: 'ScalableTarget' as const, name: t.metadata.name }));

  const resources: ResourceRef[] = [...policies, ...targets];
  if (endpoint) {
    resources.push({ kind: 'Endpoint', name: endpointResourceName });
  }

  const configName = endpoint?.spec.endpointConfigName;
  if (configName) {
    const otherEndpoints = (
      await client.list<Endpoint>('Endpoint', { namespace })
    ).items.filter(e => e.metadata.name !== endpointResourceName);
    const config = await client.get<EndpointConfig>(
      'EndpointConfig',
      namespace,
      configName,
    );
    const sharedWith = otherEndpoints.find(
      e => e.spec.endpointConfigName === configName,
    );
    if (config && sharedWith) {
      kept.push({
        kind: 'EndpointConfig',
        name: configName,
        reason: `Endpoint ${sharedWith.metadata.name} uses it too`,
      });
    } else if (config) {
      resources.push({ kind: 'EndpointConfig', name: configName });
      const otherConfigs = (
        await client.list<EndpointConfig>('EndpointConfig', { namespace })
      ).items.filter(c => c.metadata.name !== configName);
      const modelNames = [
        ...new Set(config.spec.productionVariants.map(v => v.modelName)),
      ];
      for (const modelName of modelNames) {
        const user = otherConfigs.find(c =>
          c.spec.productionVariants.some(v => v.modelName === modelName),
        );
        if (user) {
          kept.push({
            kind: 'Model',
            name: modelName,
            reason: `EndpointConfig ${user.metadata.name} uses it too`,
          });
        } else if (await client.get('Model', namespace, modelName)) {
          resources.push({ kind: 'Model', name: modelName });
        }
      }
    }
  }
  return { namespace, resources, kept };
}
