import type { Request } from 'express';
import type {
  AuditorService,
  AuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ackKindInfo,
  ANNOTATION_BOUND_ENTITY,
  ANNOTATION_ENDPOINT_NAME,
  type AnyAckResource,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { toClusterError } from '@mlplatform/plugin-sagemaker-scaling-node';
import { waitForCachedObject } from '../scaling/waitForCachedObject';
import {
  endpointLocationOf,
  type ResolvedEndpoint,
  type ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import {
  assertMayRead,
  endpointBindingOf,
  endpointResourceList,
} from './endpointBinding';

/**
 * `POST .../adopt`: binds an unbound endpoint (made with kubectl) to the entity that
 * claims it, by writing {@link ANNOTATION_BOUND_ENTITY} onto each of its resources; refused
 * while several catalog entities claim the same endpoint. Audited as `scaling-adopt`.
 * @internal
 */
export class EndpointAdoptionService {
  readonly #snapshots: ScalingSnapshotService;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #auditor: AuditorService;
  readonly #updateWaitMs: number;

  constructor(options: {
    snapshots: ScalingSnapshotService;
    catalog: CatalogService;
    auth: AuthService;
    auditor: AuditorService;
    /** How long adoption waits for the cache to show the annotations (default 5 s). */
    updateWaitMs?: number;
  }) {
    this.#snapshots = options.snapshots;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#auditor = options.auditor;
    this.#updateWaitMs = options.updateWaitMs ?? 5000;
  }

  async adopt(
    target: ResolvedEndpoint,
    httpRequest: Request,
  ): Promise<ScalingSnapshot> {
    const cluster = target.cluster.config.name;
    const auditorEvent = await this.#auditor.createEvent({
      eventId: 'scaling-adopt',
      severityLevel: 'medium',
      request: httpRequest,
      meta: endpointLocationOf(target),
    });
    try {
      const resources = await this.#snapshots.resources(target);
      if (!resources.endpoint) {
        throw new NotFoundError(
          `Endpoint resource '${target.endpointName}' does not exist in namespace '${target.namespace}' of cluster '${cluster}'`,
        );
      }
      const binding = endpointBindingOf(target.entityRef, resources);
      assertMayRead(binding);
      if (binding.state === 'bound') {
        throw new ConflictError(
          `Nothing to adopt: ${binding.reason} already (${ANNOTATION_BOUND_ENTITY})`,
        );
      }
      const claimants = await this.#claimants(target);
      if (claimants.length > 1) {
        throw new ConflictError(
          `Cannot adopt endpoint '${target.endpointName}' in namespace '${
            target.namespace
          }' of cluster '${cluster}': ${
            claimants.length
          } catalog entities claim it (${claimants.join(
            ', ',
          )}); remove the ${ANNOTATION_ENDPOINT_NAME} annotation from all but one first`,
        );
      }
      const objects = endpointResourceList(resources);
      for (const object of objects) {
        const applied = await this.#annotate(target, object);
        await waitForCachedObject(
          target.cluster.cache,
          applied,
          this.#updateWaitMs,
        );
      }
      await auditorEvent.success({
        meta: {
          resources: objects.map(o => `${o.kind}/${o.metadata.name}`),
        },
      });
      return await this.#snapshots.snapshot(target);
    } catch (e) {
      await auditorEvent.fail({ error: e as Error });
      throw e;
    }
  }

  /**
   * Refs of the catalog entities (all of them, read with this plugin's own credentials)
   * whose annotations resolve to the same endpoint in the same cluster and namespace.
   */
  async #claimants(target: ResolvedEndpoint): Promise<string[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_ENDPOINT_NAME}`]:
            target.endpointName,
        },
      },
      { credentials },
    );
    const refs = new Set<string>([target.entityRef]);
    for (const entity of items) {
      const ref = stringifyEntityRef(entity);
      let resolved: ResolvedEndpoint;
      try {
        resolved = this.#snapshots.resolve(entity, ref);
      } catch {
        // Names a cluster that is not configured here: not a claim on this endpoint.
        continue;
      }
      if (
        resolved.cluster.config.name === target.cluster.config.name &&
        resolved.namespace === target.namespace &&
        resolved.endpointName === target.endpointName
      ) {
        refs.add(ref);
      }
    }
    return [...refs].sort();
  }

  /**
   * Server-side applies the binding annotation, if the object is unchanged since read.
   * On a target or policy the apply repeats the current values of the settings
   * `PUT .../scaling` owns: an apply that left out fields this field manager set earlier
   * would remove them.
   */
  async #annotate(target: ResolvedEndpoint, object: AnyAckResource) {
    const info = ackKindInfo(object.kind);
    try {
      return await target.cluster.api.apply(
        {
          apiVersion: info.apiVersion,
          kind: object.kind,
          metadata: {
            name: object.metadata.name,
            namespace: object.metadata.namespace ?? target.namespace,
            resourceVersion: object.metadata.resourceVersion,
            annotations: { [ANNOTATION_BOUND_ENTITY]: target.entityRef },
          },
          ...scalingSettingsSpecOf(object),
        } as AnyAckResource,
        { force: false },
      );
    } catch (e) {
      throw toClusterError(target.cluster.config.name, e);
    }
  }
}

/** The spec fields `PUT .../scaling` applies, with their current values (none on other kinds). */
function scalingSettingsSpecOf(object: AnyAckResource) {
  if (object.kind === 'ScalableTarget') {
    const { resourceID, scalableDimension, serviceNamespace } = object.spec;
    const { minCapacity, maxCapacity } = object.spec;
    return {
      spec: {
        resourceID,
        scalableDimension,
        serviceNamespace,
        minCapacity,
        maxCapacity,
      },
    };
  }
  if (object.kind === 'ScalingPolicy') {
    const { policyName, policyType, resourceID, scalableDimension } =
      object.spec;
    const tracking = object.spec.targetTrackingScalingPolicyConfiguration;
    return {
      spec: {
        policyName,
        policyType,
        resourceID,
        scalableDimension,
        serviceNamespace: object.spec.serviceNamespace,
        ...(tracking
          ? {
              targetTrackingScalingPolicyConfiguration: {
                targetValue: tracking.targetValue,
                scaleInCooldown: tracking.scaleInCooldown,
                scaleOutCooldown: tracking.scaleOutCooldown,
                disableScaleIn: tracking.disableScaleIn,
              },
            }
          : {}),
      },
    };
  }
  return {};
}
