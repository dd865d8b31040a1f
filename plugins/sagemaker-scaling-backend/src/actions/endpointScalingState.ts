/**
 * The compact scaling state the agent tools return: what a snapshot says about status,
 * capacity, load, why each variant did (not) scale, cost, findings, binding and
 * freshness, without the manifests, resources and history a page draws.
 */
import type {
  EndpointBindingState,
  FindingSeverity,
  ScalingExplanation,
  ScalingSnapshot,
  VariantCost,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { RegistryZod } from './registryZod';

/** One variant in {@link EndpointScalingState}. @internal */
export interface EndpointVariantState {
  variantName: string;
  instanceType?: string;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
  minCapacity?: number;
  maxCapacity?: number;
  atMaxCapacity: boolean;
  metricType?: string;
  targetValue?: number;
  latestLoadPerInstance?: number;
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
  disableScaleIn?: boolean;
  settingsVersion: string;
  explanation?: Pick<
    ScalingExplanation,
    'summary' | 'state' | 'since' | 'until' | 'nextChange'
  > & { evidence: string[] };
  cost?: VariantCost;
}

/** One endpoint's compact scaling state. @internal */
export interface EndpointScalingState {
  entityRef: string;
  cluster: string;
  namespace: string;
  endpointName: string;
  status: string;
  failureReason?: string;
  observedAt: string;
  stale: boolean;
  staleReason?: string;
  binding: { state: EndpointBindingState; boundTo: string[]; reason: string };
  variants: EndpointVariantState[];
  findings: {
    code: string;
    severity: FindingSeverity;
    message: string;
    variantName?: string;
    since?: string;
  }[];
}

/** The output schema of {@link EndpointScalingState}, described for agents. @internal */
export function endpointScalingStateSchema(z: RegistryZod) {
  const finding = z.object({
    code: z
      .string()
      .describe('What the finding is about, e.g. at-max-capacity'),
    severity: z
      .enum(['error', 'warning', 'info'])
      .describe(
        'error: the endpoint or its scaling is broken; warning: needs a look; info: notable',
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
  const cost = z
    .object({
      unknown: z
        .boolean()
        .optional()
        .describe('True when no price is known for the instance type'),
      usdPerInstanceHour: z
        .number()
        .optional()
        .describe('Price of one instance per hour, USD'),
      usdPerHourNow: z
        .number()
        .optional()
        .describe('USD per hour with the instances in service now'),
      usdPerHourAtMin: z
        .number()
        .optional()
        .describe('USD per hour at minCapacity'),
      usdPerHourAtMax: z
        .number()
        .optional()
        .describe('USD per hour at maxCapacity'),
      monthlyRunRateUsd: z
        .number()
        .optional()
        .describe(
          'USD per 730-hour month at the current capacity (an estimate)',
        ),
      priceSource: z
        .string()
        .optional()
        .describe(
          'Where the price comes from (override, Price List API, bundled list price)',
        ),
      howToConfigure: z
        .string()
        .optional()
        .describe(
          'When the price is unknown: the app-config key that would set it',
        ),
    })
    .describe('What the variant costs, from on-demand list prices');
  const explanation = z
    .object({
      summary: z
        .string()
        .describe('Why the variant is (not) scaling, one sentence'),
      state: z
        .string()
        .describe(
          'In one word: steady, scaling-out, scaling-in, at-max, at-min, cooldown, scale-out-waiting, scale-in-waiting, scale-in-disabled, suspended, updating, not-autoscaled or unknown',
        ),
      since: z.string().optional().describe('Since when (ISO time)'),
      until: z
        .string()
        .optional()
        .describe(
          'When the state ends at the latest, e.g. a cooldown (ISO time)',
        ),
      evidence: z
        .array(z.string())
        .describe('The facts the explanation rests on, in plain words'),
      nextChange: z
        .object({
          direction: z.enum(['out', 'in']),
          condition: z.string().describe('What has to happen first'),
          notBefore: z
            .string()
            .optional()
            .describe('ISO time before which it cannot happen (a cooldown)'),
        })
        .optional()
        .describe('The next capacity change target tracking would make'),
    })
    .describe('Why the variant did or did not scale');
  const variant = z.object({
    variantName: z.string().describe('Production variant name'),
    instanceType: z.string().optional().describe('SageMaker instance type'),
    currentInstanceCount: z
      .number()
      .optional()
      .describe('Instances serving now'),
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
    scaleInCooldown: z
      .number()
      .optional()
      .describe('Seconds between scale-ins'),
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
    explanation: explanation.optional(),
    cost: cost.optional(),
  });
  return z.object({
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
      .array(variant)
      .describe('Production variants, in endpoint order'),
    findings: z
      .array(finding)
      .describe('Detected problems and notable states, most severe first'),
  });
}

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
    binding: {
      state: snapshot.binding.state,
      boundTo: snapshot.binding.boundTo,
      reason: snapshot.binding.reason,
    },
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
      explanation: v.explanation && {
        summary: v.explanation.summary,
        state: v.explanation.state,
        since: v.explanation.since,
        until: v.explanation.until,
        nextChange: v.explanation.nextChange,
        evidence: v.explanation.evidence.map(e => e.text),
      },
      cost: v.cost,
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
