import { ANNOTATION_BOUND_ENTITY, serviceEntityRef } from '../binding';
import {
  serviceCatalogMetadata,
  validateServiceCatalogInfo,
  type ServiceCatalogInfo,
} from '../catalogLabels';
import { ackKindInfo, variantResourceId } from '../resources';
import type { AckKind, AnyAckResource, ObjectMeta } from '../resources';
import { VARIANT_INSTANCE_COUNT_DIMENSION } from './metrics';
import { normalizeScaledEndpointSpec } from './normalizeScaledEndpointSpec';
import type { NormalizedScaledEndpointSpec } from './normalizeScaledEndpointSpec';
import { ScaledEndpointSpecError } from './ScaledEndpointSpecError';
import type { ScaledEndpointManifests, ScaledEndpointSpec } from './types';
import { validateScaledEndpointSpec } from './validateScaledEndpointSpec';

/** `app.kubernetes.io/managed-by` value on every object we render. @public */
export const MANAGED_BY_LABEL_VALUE = 'backstage-sagemaker-scaling';

/** Application Auto Scaling service namespace of SageMaker. */
const SAGEMAKER_SERVICE_NAMESPACE = 'sagemaker';

function typeMeta<K extends AckKind>(kind: K): { apiVersion: string; kind: K } {
  return { apiVersion: ackKindInfo(kind).apiVersion, kind };
}

function objectMeta(
  name: string,
  spec: NormalizedScaledEndpointSpec,
  catalog: ServiceCatalogInfo | undefined,
): ObjectMeta {
  const service = catalog
    ? serviceCatalogMetadata(spec.serviceName, catalog)
    : undefined;
  return {
    name,
    namespace: spec.namespace,
    labels: {
      'app.kubernetes.io/managed-by': MANAGED_BY_LABEL_VALUE,
      'app.kubernetes.io/part-of': spec.serviceName,
      ...service?.labels,
    },
    annotations: {
      ...service?.annotations,
      // Binds what we create to the service's entity: only it may change the resources.
      [ANNOTATION_BOUND_ENTITY]: serviceEntityRef(spec.serviceName),
    },
  };
}

/**
 * Builds the five ACK objects of a scaled endpoint (Model, EndpointConfig, Endpoint,
 * ScalableTarget, ScalingPolicy, in apply order) as plain objects, with specs shaped as in
 * the ACK tutorial. Validates first and throws a {@link ScaledEndpointSpecError} (an
 * `InputError`) listing every issue when the spec is invalid.
 *
 * Every object carries {@link ANNOTATION_BOUND_ENTITY} with
 * {@link serviceEntityRef | the service's entity ref}, binding it to that entity.
 * With `catalog`, every object also carries the service's catalog labels and annotations
 * (see {@link serviceCatalogMetadata}); with `catalog.entityProvider` the marker label the
 * SageMaker catalog entity provider selects.
 * @public
 */
export function buildScaledEndpointManifests(
  input: ScaledEndpointSpec,
  catalog?: ServiceCatalogInfo,
): ScaledEndpointManifests {
  const issues = [
    ...validateScaledEndpointSpec(input),
    ...(catalog ? validateServiceCatalogInfo(catalog) : []),
  ];
  if (issues.length > 0) {
    throw new ScaledEndpointSpecError(issues);
  }
  const spec = normalizeScaledEndpointSpec(input);
  const resourceID = variantResourceId(spec.endpointName, spec.variantName);

  return {
    model: {
      ...typeMeta('Model'),
      metadata: objectMeta(spec.modelName, spec, catalog),
      spec: {
        modelName: spec.modelName,
        executionRoleARN: spec.executionRoleARN,
        primaryContainer: {
          ...(spec.containerHostname
            ? { containerHostname: spec.containerHostname }
            : {}),
          modelDataURL: spec.modelDataURL,
          image: spec.image,
        },
      },
    },
    endpointConfig: {
      ...typeMeta('EndpointConfig'),
      metadata: objectMeta(spec.endpointConfigName, spec, catalog),
      spec: {
        endpointConfigName: spec.endpointConfigName,
        productionVariants: [
          {
            modelName: spec.modelName,
            variantName: spec.variantName,
            instanceType: spec.instanceType,
            initialInstanceCount: spec.initialInstanceCount,
          },
        ],
      },
    },
    endpoint: {
      ...typeMeta('Endpoint'),
      metadata: objectMeta(spec.endpointName, spec, catalog),
      spec: {
        endpointName: spec.endpointName,
        endpointConfigName: spec.endpointConfigName,
      },
    },
    scalableTarget: {
      ...typeMeta('ScalableTarget'),
      metadata: objectMeta(spec.scalableTargetName, spec, catalog),
      spec: {
        maxCapacity: spec.maxCapacity,
        minCapacity: spec.minCapacity,
        resourceID,
        scalableDimension: VARIANT_INSTANCE_COUNT_DIMENSION,
        serviceNamespace: SAGEMAKER_SERVICE_NAMESPACE,
      },
    },
    scalingPolicy: {
      ...typeMeta('ScalingPolicy'),
      metadata: objectMeta(spec.scalingPolicyName, spec, catalog),
      spec: {
        policyName: spec.policyName,
        policyType: 'TargetTrackingScaling',
        resourceID,
        scalableDimension: VARIANT_INSTANCE_COUNT_DIMENSION,
        serviceNamespace: SAGEMAKER_SERVICE_NAMESPACE,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: spec.targetValue,
          scaleInCooldown: spec.scaleInCooldown,
          scaleOutCooldown: spec.scaleOutCooldown,
          predefinedMetricSpecification: {
            predefinedMetricType: spec.metricType,
          },
          ...(spec.disableScaleIn ? { disableScaleIn: true } : {}),
        },
      },
    },
  };
}

/**
 * The five objects as a list, in apply order (delete in reverse).
 * @public
 */
export function scaledEndpointManifestList(
  m: ScaledEndpointManifests,
): AnyAckResource[] {
  return [
    m.model,
    m.endpointConfig,
    m.endpoint,
    m.scalableTarget,
    m.scalingPolicy,
  ];
}
