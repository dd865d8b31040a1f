import {
  evaluateEndpointBinding,
  variantCostFigures,
  variantResourceId,
  type AnyAckResource,
  type EndpointBinding,
  type ProductionVariant,
  type ProductionVariantSummary,
  type ScalableTarget,
  type ScalingFinding,
  type ScalingPolicy,
  type VariantCost,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { computeFindings } from './findings';
import type { ScalingSnapshotInput } from './types';
import { variantNamesOf } from './variantNames';

const byName = <T extends { metadata: { name: string } }>(a: T, b: T) =>
  a.metadata.name.localeCompare(b.metadata.name);

/** The policy whose settings a variant shows: the first target-tracking one by name, else the first. */
function settingsPolicy(policies: ScalingPolicy[]): ScalingPolicy | undefined {
  return (
    policies.find(p => p.spec.targetTrackingScalingPolicyConfiguration) ??
    policies[0]
  );
}

/** What one production variant joins from its endpoint's resources. @internal */
export interface VariantJoin {
  variantName: string;
  /** Its entry in the EndpointConfig. */
  config?: ProductionVariant;
  /** Its entry in the Endpoint's status. */
  status?: ProductionVariantSummary;
  resourceId: string;
  target?: ScalableTarget;
  /** Every ScalingPolicy of its resourceID, by name. */
  policies: ScalingPolicy[];
  /** The policy whose settings it shows. */
  policy?: ScalingPolicy;
  /** Its cost from the price of its instance type, when `input.prices` has it. */
  cost?: VariantCost;
}

/** An endpoint's resources joined once: what both the snapshot and a fleet row start from. @internal */
export interface EndpointJoin {
  /** The AWS-side name ScalableTargets and ScalingPolicies refer to the endpoint by. */
  awsEndpointName: string;
  variantNames: string[];
  /** The gathered resources, Endpoint first. */
  resources: AnyAckResource[];
  binding: EndpointBinding;
  /** Every finding, most severe first. */
  findings: ScalingFinding[];
  /** The ScalingPolicies by name. */
  policiesByName: ScalingPolicy[];
  variants: VariantJoin[];
}

/**
 * Joins an endpoint's resources: its variants with what scales them and their cost, the
 * binding for the asking entity and the findings. Pure; no summaries, explanations or
 * history, which only the snapshot needs.
 * @internal
 */
export function joinEndpoint(input: ScalingSnapshotInput): EndpointJoin {
  const { endpoint, endpointConfig } = input;
  const awsEndpointName = endpoint?.spec.endpointName ?? input.endpointName;
  const variantNames = variantNamesOf(endpoint, endpointConfig);
  const resources: AnyAckResource[] = [
    ...(endpoint ? [endpoint] : []),
    ...(endpointConfig ? [endpointConfig] : []),
    ...input.models,
    ...input.scalableTargets,
    ...input.scalingPolicies,
  ];
  const binding = evaluateEndpointBinding(input.entityRef, resources);
  const findings = computeFindings({
    input,
    variantNames,
    awsEndpointName,
    resources,
    binding,
  });
  const policiesByName = [...input.scalingPolicies].sort(byName);
  const variants = variantNames.map((variantName): VariantJoin => {
    const config = endpointConfig?.spec.productionVariants?.find(
      v => v.variantName === variantName,
    );
    const status = endpoint?.status?.productionVariants?.find(
      v => v.variantName === variantName,
    );
    const resourceId = variantResourceId(awsEndpointName, variantName);
    const target = input.scalableTargets.find(
      t => t.spec.resourceID === resourceId,
    );
    const policies = policiesByName.filter(
      p => p.spec.resourceID === resourceId,
    );
    const price = config?.instanceType
      ? input.prices?.[config.instanceType]
      : undefined;
    return {
      variantName,
      config,
      status,
      resourceId,
      target,
      policies,
      policy: settingsPolicy(policies),
      ...(price
        ? {
            cost: variantCostFigures(price, {
              instances: status?.currentInstanceCount,
              minCapacity: target?.spec.minCapacity,
              maxCapacity: target?.spec.maxCapacity,
            }),
          }
        : {}),
    };
  });
  return {
    awsEndpointName,
    variantNames,
    resources,
    binding,
    findings,
    policiesByName,
    variants,
  };
}
