/**
 * The what-if plan as agent tools return it: the replays' summaries, the difference,
 * the traffic replayed and the suggestion, without the minute-by-minute timelines.
 */
import { z } from 'zod';
import type { ScalingPlan } from '../planning/ScalingPlanService';

const replaySummarySchema = z
  .object({
    minutes: z.number().describe('Minutes replayed'),
    instanceHours: z
      .number()
      .describe('Instance-hours in service over the replay'),
    monthlyCostUsd: z
      .number()
      .optional()
      .describe(
        'Cost at this rate for a 730-hour month; absent when the price is unknown',
      ),
    minutesAboveTarget: z
      .number()
      .describe('Minutes whose load per instance was above the target'),
    peakInstances: z.number().describe('Most instances in service'),
    minutesAtMax: z
      .number()
      .describe('Minutes with maxCapacity instances in service'),
    scaleOutEvents: z.number().describe('Scale-outs in the replay'),
    scaleInEvents: z.number().describe('Scale-ins in the replay'),
  })
  .describe('What the settings would have done with the replayed traffic');

const settingsSchema = z.object({
  minCapacity: z.number(),
  maxCapacity: z.number(),
  targetValue: z.number(),
  scaleInCooldown: z.number(),
  scaleOutCooldown: z.number(),
  disableScaleIn: z.boolean(),
});

/** Output schema of the plan action. @internal */
export const scalingPlanSummarySchema = z.object({
  variantName: z.string().describe('The production variant planned'),
  current: replaySummarySchema.describe('The current settings, replayed'),
  proposed: replaySummarySchema.describe('The proposed settings, replayed'),
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
        .describe('proposed - current minutes above each one’s own target'),
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
  assumptions: z
    .string()
    .describe('How the replay models target tracking (alarms, cooldowns)'),
  suggestion: z
    .object({
      pick: z
        .object({ settings: settingsSchema, summary: replaySummarySchema })
        .optional()
        .describe(
          'The cheapest acceptable candidate; absent when none is acceptable',
        ),
      reason: z.string().describe('Why this pick, or why none'),
    })
    .optional()
    .describe('Present when suggest was asked for'),
});

/** The compact form of `plan`. @internal */
export function scalingPlanSummaryOf(
  plan: ScalingPlan,
): z.infer<typeof scalingPlanSummarySchema> {
  return {
    variantName: plan.variantName,
    current: plan.current.summary,
    proposed: plan.proposed.summary,
    difference: plan.difference,
    traffic: plan.assumptions.traffic,
    assumptions: plan.assumptions.alarmRules.description,
    suggestion: plan.suggestion && {
      pick: plan.suggestion.pick && {
        settings: plan.suggestion.pick.settings,
        summary: plan.suggestion.pick.summary,
      },
      reason: plan.suggestion.reason,
    },
  };
}
