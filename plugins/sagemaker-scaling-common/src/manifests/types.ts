import type {
  Endpoint,
  EndpointConfig,
  Model,
  ScalableTarget,
  ScalingPolicy,
} from '../resources';

/**
 * What a user asks for when creating a scaled model endpoint: the template's fields.
 * Optional fields have defaults (see the validation rules).
 * @public
 */
export interface ScaledEndpointSpec {
  /** The ML service name; resource names derive from it. */
  serviceName: string;
  /** Kubernetes namespace (DNS-1123 label). */
  namespace: string;
  modelDataURL: string;
  image: string;
  executionRoleARN: string;
  instanceType: string;
  initialInstanceCount: number;
  /** Default `AllTraffic`. */
  variantName?: string;
  /** Default `<service>`-derived container hostname is omitted unless given. */
  containerHostname?: string;
  minCapacity: number;
  maxCapacity: number;
  targetValue: number;
  /** Default `SageMakerVariantInvocationsPerInstance`. */
  metricType?: string;
  /** Seconds, default 300. */
  scaleInCooldown?: number;
  /** Seconds, default 300. */
  scaleOutCooldown?: number;
  /** Default false. */
  disableScaleIn?: boolean;
  /** Explicit resource names; each defaults to a name derived from `serviceName`. */
  modelName?: string;
  endpointConfigName?: string;
  endpointName?: string;
  scalableTargetName?: string;
  scalingPolicyName?: string;
  /**
   * The Application Auto Scaling policy name (`spec.policyName`, 1..256 printable
   * characters); defaults to the ScalingPolicy's `metadata.name`. It cannot be renamed later.
   */
  policyName?: string;
}

/** The scaling subset of the spec, as the edit form and `PUT .../scaling` take it. @public */
export interface ScalingSettings {
  minCapacity: number;
  maxCapacity: number;
  targetValue: number;
  scaleInCooldown: number;
  scaleOutCooldown: number;
  disableScaleIn: boolean;
  /** Needed to check the initial count lies within [min, max], when known. */
  initialInstanceCount?: number;
}

/** One broken rule: the field it is about and a sentence naming the rule. @public */
export interface ValidationIssue {
  /** The input field name, e.g. `maxCapacity`. */
  field: string;
  message: string;
}

/** The five objects, in apply order. @public */
export interface ScaledEndpointManifests {
  model: Model;
  endpointConfig: EndpointConfig;
  endpoint: Endpoint;
  scalableTarget: ScalableTarget;
  scalingPolicy: ScalingPolicy;
}
