/**
 * The what-if planner behind `POST .../plan`: replays a variant's recorded traffic (or a
 * given series) through its current and a proposed set of scaling settings with common's
 * planner, with the provisioning delay measured from its activities and the price from
 * the price source, and optionally suggests settings. Reads only; changes nothing.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import {
  compareScalingSettings,
  PlannerInputError,
  provisioningDelayFromActivities,
  SCALE_IN_EFFECT_MINUTES,
  TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS,
  suggestScalingSettings,
  TARGET_TRACKING_HIGH_DATAPOINTS,
  TARGET_TRACKING_LOW_DATAPOINTS,
  TARGET_TRACKING_LOW_THRESHOLD_RATIO,
  validateInvocationSeries,
  type InvocationDatapoint,
  type ScalingActivity,
  type ScalingPlanRouteReplay,
  type ScalingPlanRouteResponse,
  type ScalingReplayResult,
  type ScalingSettings,
  type ScalingSnapshot,
  type VariantState,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { InstancePriceSource } from '../pricing/InstancePriceSource';
import type { PlannedInstancePrice } from '../pricing/InstancePriceSource';
import type { ScalingPlanRequest } from '../router/validation';
import type {
  ResolvedEndpoint,
  ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';
import type { InvocationHistoryReader } from './InvocationHistoryReader';

/** Hours of recorded traffic replayed when the request names none (14 days). @internal */
export const DEFAULT_PLAN_HOURS = 14 * 24;

/** The answer of `POST .../plan`. @internal */
export type ScalingPlan = ScalingPlanRouteResponse;

const ALARM_RULES: ScalingPlan['assumptions']['alarmRules'] = {
  highAlarmDatapoints: TARGET_TRACKING_HIGH_DATAPOINTS,
  lowAlarmDatapoints: TARGET_TRACKING_LOW_DATAPOINTS,
  lowAlarmThresholdRatio: TARGET_TRACKING_LOW_THRESHOLD_RATIO,
  scaleInEffectMinutes: SCALE_IN_EFFECT_MINUTES,
  description: `Scale-out after ${TARGET_TRACKING_HIGH_DATAPOINTS} consecutive minutes above the target; scale-in after ${TARGET_TRACKING_LOW_DATAPOINTS} consecutive minutes below ${Math.round(
    TARGET_TRACKING_LOW_THRESHOLD_RATIO * 100,
  )} % of it, taking effect ${SCALE_IN_EFFECT_MINUTES} minute later; cooldowns, min/max and disableScaleIn as in Application Auto Scaling target tracking.`,
};

/** See the file comment. @internal */
export class ScalingPlanService {
  readonly #snapshots: ScalingSnapshotService;
  readonly #invocations: InvocationHistoryReader;
  readonly #prices: InstancePriceSource;

  constructor(options: {
    snapshots: ScalingSnapshotService;
    invocations: InvocationHistoryReader;
    prices: InstancePriceSource;
  }) {
    this.#snapshots = options.snapshots;
    this.#invocations = options.invocations;
    this.#prices = options.prices;
  }

  /** Replays current and proposed settings for the request's variant. */
  async plan(
    target: ResolvedEndpoint,
    request: ScalingPlanRequest,
  ): Promise<ScalingPlan> {
    const snapshot = await this.#snapshots.snapshot(target);
    const variant = variantOf(snapshot, request.variantName);
    const current = currentSettings(variant);
    const proposed: ScalingSettings = request.settings;
    const awsEndpointName =
      snapshot.endpoint?.endpointName ?? target.endpointName;

    const [traffic, activities, price] = await Promise.all([
      this.#traffic(request, awsEndpointName, variant.variantName),
      this.#activities(target),
      variant.instanceType
        ? this.#prices.price(variant.instanceType)
        : Promise.resolve<PlannedInstancePrice>({
            unknown: true,
            instanceType: '(none)',
            howToConfigure: `variant ${variant.variantName} names no instance type, so it has no price`,
          }),
    ]);
    const delay = {
      ...provisioningDelayFromActivities(activities.list, {
        resourceId: `endpoint/${awsEndpointName}/variant/${variant.variantName}`,
      }),
      ...(activities.unavailableReason
        ? { unavailableReason: activities.unavailableReason }
        : {}),
    };
    const initial = initialInstancesOf(
      request,
      snapshot,
      variant,
      traffic.series[0].timestamp,
      current.minCapacity,
    );
    const replayInput = {
      series: traffic.series,
      initialInstances: initial.value,
      provisioningDelayMinutes: delay.minutes,
      price,
    };
    const comparison = compareScalingSettings({
      ...replayInput,
      current,
      proposed,
    });
    const suggestion = request.suggest
      ? suggestScalingSettings({
          ...replayInput,
          current,
          maxMinutesAboveLimit: request.suggest.maxMinutesAboveTarget,
          loadLimitPerInstance: current.targetValue,
          candidateTargets: request.suggest.targets,
          candidateMaxCapacities: request.suggest.maxima,
        })
      : undefined;
    const series = traffic.series;
    return {
      variantName: variant.variantName,
      current: replayOf(comparison.current),
      proposed: replayOf(comparison.proposed),
      difference: comparison.difference,
      assumptions: {
        provisioningDelay: delay,
        alarmRules: ALARM_RULES,
        price,
        traffic: {
          source: traffic.source,
          minutes: series.length,
          from: new Date(series[0].timestamp).toISOString(),
          to: new Date(series[series.length - 1].timestamp).toISOString(),
        },
        initialInstances: initial,
      },
      ...(suggestion ? { suggestion } : {}),
    };
  }

  async #traffic(
    request: ScalingPlanRequest,
    awsEndpointName: string,
    variantName: string,
  ): Promise<{
    source: 'request' | 'cloudwatch';
    series: InvocationDatapoint[];
  }> {
    if (request.invocations !== undefined) {
      const issues = validateInvocationSeries(
        request.invocations,
        'invocations',
      );
      if (issues.length > 0) throw new PlannerInputError(issues);
      return {
        source: 'request',
        series: request.invocations as InvocationDatapoint[],
      };
    }
    const hours = request.hours ?? DEFAULT_PLAN_HOURS;
    const series = await this.#invocations.invocations(
      awsEndpointName,
      variantName,
      hours,
    );
    if (series.length === 0) {
      throw new InputError(
        `invocations: CloudWatch has no Invocations of ${awsEndpointName}/${variantName} in the last ${hours} hours; send an invocations series to replay`,
      );
    }
    return { source: 'cloudwatch', series };
  }

  /** This endpoint's activities; none (and why) when Application Auto Scaling is down. */
  async #activities(
    target: ResolvedEndpoint,
  ): Promise<{ list: ScalingActivity[]; unavailableReason?: string }> {
    try {
      return { list: await this.#snapshots.allActivities(target) };
    } catch (error) {
      return { list: [], unavailableReason: (error as Error).message };
    }
  }
}

function variantOf(snapshot: ScalingSnapshot, variantName?: string) {
  const variant = variantName
    ? snapshot.variants.find(v => v.variantName === variantName)
    : snapshot.variants[0];
  if (!variant) {
    throw new NotFoundError(
      variantName
        ? `variantName: endpoint ${snapshot.endpointName} has no variant ${variantName}`
        : `Endpoint ${snapshot.endpointName} has no production variant`,
    );
  }
  return variant;
}

/**
 * The variant's settings as they are; unset cooldowns and disableScaleIn take Application
 * Auto Scaling's defaults. A 400 names what is missing to compare with.
 */
function currentSettings(variant: VariantState): ScalingSettings {
  const { minCapacity, maxCapacity, targetValue } = variant;
  if (
    minCapacity === undefined ||
    maxCapacity === undefined ||
    targetValue === undefined
  ) {
    throw new InputError(
      `variantName: variant ${variant.variantName} has no ScalableTarget with a target-tracking policy to compare the proposed settings with`,
    );
  }
  return {
    minCapacity,
    maxCapacity,
    targetValue,
    scaleInCooldown:
      variant.scaleInCooldown ?? TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS,
    scaleOutCooldown:
      variant.scaleOutCooldown ?? TARGET_TRACKING_DEFAULT_COOLDOWN_SECONDS,
    disableScaleIn: variant.disableScaleIn ?? false,
  };
}

/** The request's count, else the last recorded count at or before the start, else min. */
function initialInstancesOf(
  request: ScalingPlanRequest,
  snapshot: ScalingSnapshot,
  variant: VariantState,
  start: number,
  minCapacity: number,
): ScalingPlan['assumptions']['initialInstances'] {
  if (request.initialInstances !== undefined) {
    return { value: request.initialInstances, source: 'request' };
  }
  let recorded: number | undefined;
  for (const point of snapshot.history) {
    if (point.variantName !== variant.variantName) continue;
    if (Date.parse(point.timestamp) > start) break;
    recorded = point.currentInstanceCount ?? recorded;
  }
  return recorded !== undefined
    ? { value: recorded, source: 'history' }
    : { value: minCapacity, source: 'minCapacity' };
}

function replayOf(result: ScalingReplayResult): ScalingPlanRouteReplay {
  return {
    timeline: result.timeline.map(p => ({
      timestamp: new Date(p.timestamp).toISOString(),
      instances: p.instances,
      loadPerInstance: p.loadPerInstance,
    })),
    summary: result.summary,
  };
}
