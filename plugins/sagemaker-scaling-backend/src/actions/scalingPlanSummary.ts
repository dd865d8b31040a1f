/**
 * The what-if plan as the agent tool returns it: the replays' totals, the difference,
 * the assumptions in words and the suggestion, without the minute-by-minute timelines
 * and candidate lists a chart draws.
 */
import type {
  ScalingReplaySummary,
  ScalingSettings,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ScalingPlan } from '../planning/ScalingPlanService';
import type { RegistryZod } from './registryZod';

/** The compact plan. @internal */
export interface ScalingPlanSummary {
  variantName: string;
  current: ScalingReplaySummary;
  proposed: ScalingReplaySummary;
  difference: ScalingPlan['difference'];
  traffic: ScalingPlan['assumptions']['traffic'];
  initialInstances: ScalingPlan['assumptions']['initialInstances'];
  assumptions: string[];
  suggestion?: {
    pick?: { settings: ScalingSettings; summary: ScalingReplaySummary };
    reason: string;
  };
}

/** The output schema of `plan-ml-endpoint-scaling`. @internal */
export function scalingPlanSummarySchema(z: RegistryZod) {
  const replay = z
    .object({
      minutes: z.number().describe('Minutes replayed'),
      instanceHours: z
        .number()
        .describe('Instance-hours in service over the replay'),
      costUsd: z
        .number()
        .optional()
        .describe(
          'Cost of the replayed period; absent when the price is unknown',
        ),
      monthlyCostUsd: z
        .number()
        .optional()
        .describe(
          'Cost at this rate for a 730-hour month; absent when the price is unknown',
        ),
      minutesAboveTarget: z
        .number()
        .describe(
          "Minutes whose load per instance was above the settings' target",
        ),
      minutesAboveLoadLimit: z
        .number()
        .optional()
        .describe('Minutes above the load limit of a suggestion'),
      peakInstances: z.number().describe('Most instances in service'),
      minutesAtMax: z
        .number()
        .describe('Minutes with maxCapacity instances in service'),
      scaleOutEvents: z.number().describe('Scale-outs in the replay'),
      scaleInEvents: z.number().describe('Scale-ins in the replay'),
    })
    .describe('What the settings would have done with the replayed traffic');
  const settings = z.object({
    minCapacity: z.number(),
    maxCapacity: z.number(),
    targetValue: z.number(),
    scaleInCooldown: z.number(),
    scaleOutCooldown: z.number(),
    disableScaleIn: z.boolean(),
  });
  return z.object({
    variantName: z.string().describe('The production variant planned'),
    current: replay.describe('The current settings, replayed'),
    proposed: replay.describe('The proposed settings, replayed'),
    difference: z
      .object({
        instanceHours: z.number().describe('proposed - current instance-hours'),
        monthlyCostUsd: z
          .number()
          .optional()
          .describe(
            'proposed - current monthly cost; absent when the price is unknown',
          ),
        minutesAboveTarget: z
          .number()
          .describe("proposed - current minutes above each one's own target"),
        minutesAboveCurrentTarget: z
          .number()
          .describe('proposed - current minutes above the current target'),
      })
      .describe('Proposed minus current; negative is less'),
    traffic: z
      .object({
        source: z
          .enum(['request', 'cloudwatch'])
          .describe('The invocations given, or the ones CloudWatch recorded'),
        minutes: z.number(),
        from: z.string().describe('ISO time'),
        to: z.string().describe('ISO time'),
      })
      .describe('The traffic replayed'),
    initialInstances: z
      .object({
        value: z.number(),
        source: z.enum(['request', 'history', 'minCapacity']),
      })
      .describe(
        'Instances at the start of the replay, and where the figure comes from',
      ),
    assumptions: z
      .array(z.string())
      .describe(
        'How the replay models target tracking, provisioning and price, in words',
      ),
    suggestion: z
      .object({
        pick: z
          .object({ settings, summary: replay })
          .optional()
          .describe(
            'The cheapest acceptable candidate; absent when none is acceptable',
          ),
        reason: z.string().describe('Why this pick, or why none'),
      })
      .optional()
      .describe('Present when suggest was asked for'),
  });
}

/** The compact form of `plan`. @internal */
export function scalingPlanSummaryOf(plan: ScalingPlan): ScalingPlanSummary {
  const { price, provisioningDelay, alarmRules } = plan.assumptions;
  return {
    variantName: plan.variantName,
    current: plan.current.summary,
    proposed: plan.proposed.summary,
    difference: plan.difference,
    traffic: plan.assumptions.traffic,
    initialInstances: plan.assumptions.initialInstances,
    assumptions: [
      alarmRules.description,
      provisioningDelay.description,
      price.unknown
        ? `No price for ${price.instanceType}: ${price.howToConfigure}`
        : `USD ${price.usdPerHour} per instance-hour (${price.source})`,
    ],
    suggestion: plan.suggestion && {
      pick: plan.suggestion.pick && {
        settings: plan.suggestion.pick.settings,
        summary: plan.suggestion.pick.summary,
      },
      reason: plan.suggestion.reason,
    },
  };
}
