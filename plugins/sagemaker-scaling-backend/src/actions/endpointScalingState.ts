/**
 * The compact scaling state agent tools return: what a snapshot says about status,
 * capacity, load, findings, binding and freshness, without the manifests.
 */
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import { z } from 'zod';

const findingSchema = z.object({
  code: z.string().describe('What the finding is about, e.g. at-max-capacity'),
  severity: z
    .enum(['error', 'warning', 'info'])
    .describe(
      'error: the endpoint or its scaling is broken; warning: needs a look',
    ),
  message: z.string().describe('One sentence for people'),
  variantName: z
    .string()
    .optional()
    .describe('The production variant it is about, when it is about one'),
  since: z
    .string()
    .optional()
    .describe('Since when it has been true (ISO time)'),
});

const variantSchema = z.object({
  variantName: z.string().describe('Production variant name'),
  instanceType: z.string().optional().describe('SageMaker instance type'),
  currentInstanceCount: z.number().optional().describe('Instances serving now'),
  desiredInstanceCount: z
    .number()
    .optional()
    .describe('Instances Application Auto Scaling asked for'),
  minCapacity: z
    .number()
    .optional()
    .describe(
      'Fewest instances the scaling may go down to; absent without scaling',
    ),
  maxCapacity: z
    .number()
    .optional()
    .describe(
      'Most instances the scaling may go up to; absent without scaling',
    ),
  atMaxCapacity: z
    .boolean()
    .describe(
      'True when the variant runs at maxCapacity and cannot scale out further',
    ),
  metricType: z
    .string()
    .optional()
    .describe(
      'The metric the policy tracks, e.g. SageMakerVariantInvocationsPerInstance',
    ),
  targetValue: z
    .number()
    .optional()
    .describe(
      'The value of the metric per instance the policy keeps the variant at',
    ),
  latestLoadPerInstance: z
    .number()
    .optional()
    .describe(
      'Latest per-minute invocations per instance, to compare with targetValue',
    ),
  scaleInCooldown: z.number().optional().describe('Seconds between scale-ins'),
  scaleOutCooldown: z
    .number()
    .optional()
    .describe('Seconds between scale-outs'),
  disableScaleIn: z
    .boolean()
    .optional()
    .describe('True when the policy never removes instances'),
  settingsVersion: z
    .string()
    .describe(
      'Version of the settings as read: pass it as expectedVersion to update-ml-endpoint-scaling',
    ),
});

/** The output schema of the state: one endpoint's compact scaling state. @internal */
export const endpointScalingStateSchema = z.object({
  entityRef: z.string().describe('The catalog entity, kind:namespace/name'),
  cluster: z.string().describe('The Kubernetes cluster the endpoint is in'),
  namespace: z.string().describe('Its Kubernetes namespace'),
  endpointName: z.string().describe('The SageMaker Endpoint resource name'),
  status: z
    .string()
    .describe(
      'SageMaker endpoint status (InService, Creating, Updating, Failed, ...), or NotFound when the Endpoint resource does not exist',
    ),
  failureReason: z.string().optional().describe('Why the endpoint failed'),
  observedAt: z
    .string()
    .describe('When the data was last known to be current (ISO time)'),
  stale: z
    .boolean()
    .describe('True when the data may be out of date (cluster unreachable)'),
  staleReason: z.string().optional().describe('Why the data is stale'),
  binding: z
    .object({
      state: z
        .enum(['bound', 'unbound', 'bound-to-other', 'conflicting'])
        .describe('Only bound endpoints may be updated through this entity'),
      boundTo: z.array(z.string()).describe('Entity refs the resources name'),
      reason: z.string().describe('One sentence naming the rule'),
    })
    .describe('Which entity the endpoint resources belong to'),
  variants: z
    .array(variantSchema)
    .describe('Production variants, in endpoint order'),
  findings: z
    .array(findingSchema)
    .describe('Detected problems and notable states, most severe first'),
});

/** One endpoint's compact scaling state. @internal */
export type EndpointScalingState = z.infer<typeof endpointScalingStateSchema>;

/** The compact state of `snapshot`. @internal */
export function endpointScalingStateOf(
  snapshot: ScalingSnapshot,
): EndpointScalingState {
  return {
    entityRef: snapshot.entityRef,
    cluster: snapshot.cluster,
    namespace: snapshot.namespace,
    endpointName: snapshot.endpointName,
    status: snapshot.endpoint?.status ?? 'NotFound',
    failureReason: snapshot.endpoint?.failureReason,
    observedAt: snapshot.observedAt,
    stale: snapshot.stale,
    staleReason: snapshot.staleReason,
    binding: snapshot.binding,
    variants: snapshot.variants.map(v => ({
      variantName: v.variantName,
      instanceType: v.instanceType,
      currentInstanceCount: v.currentInstanceCount,
      desiredInstanceCount: v.desiredInstanceCount,
      minCapacity: v.minCapacity,
      maxCapacity: v.maxCapacity,
      atMaxCapacity: v.atMaxCapacity,
      metricType: v.metricType,
      targetValue: v.targetValue,
      latestLoadPerInstance: v.latestLoadPerInstance,
      scaleInCooldown: v.scaleInCooldown,
      scaleOutCooldown: v.scaleOutCooldown,
      disableScaleIn: v.disableScaleIn,
      settingsVersion: v.settingsVersion,
    })),
    findings: snapshot.findings.map(f => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      variantName: f.variantName,
      since: f.since,
    })),
  };
}
