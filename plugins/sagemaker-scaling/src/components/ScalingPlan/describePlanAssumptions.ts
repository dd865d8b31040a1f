import type { ScalingPlanResponse } from '../../api/planTypes';
import { formatUsd } from '../../lib/formatCost';

const INITIAL_SOURCE: Record<
  ScalingPlanResponse['assumptions']['initialInstances']['source'],
  string
> = {
  request: 'as asked',
  history: 'the count at the start of the window',
  minCapacity: 'the minimum: no count was recorded at the start',
};

/**
 * The assumptions a plan rests on, as sentences: the traffic replayed, the starting
 * instances, the provisioning delay and its source, the alarm rules, the price (or that
 * it is unknown and how to configure it).
 * @internal
 */
export function describePlanAssumptions(plan: ScalingPlanResponse): string[] {
  const { provisioningDelay, alarmRules, price, traffic, initialInstances } =
    plan.assumptions;
  const hours = Math.round((traffic.minutes / 60) * 10) / 10;
  const sentences = [
    `${
      traffic.source === 'cloudwatch'
        ? "Replays the variant's recorded traffic (CloudWatch Invocations per minute)"
        : 'Replays the given traffic'
    }: ${hours} h from ${new Date(traffic.from).toLocaleString()} to ${new Date(
      traffic.to,
    ).toLocaleString()}.`,
    `Both start at ${initialInstances.value} instances (${
      INITIAL_SOURCE[initialInstances.source]
    }).`,
    provisioningDelay.unavailableReason
      ? `${provisioningDelay.description} (${provisioningDelay.unavailableReason})`
      : provisioningDelay.description,
    alarmRules.description,
  ];
  if (price.unknown) {
    sentences.push(
      `No price is known for ${price.instanceType}, so there are no costs. ${price.howToConfigure}`,
    );
  } else {
    sentences.push(
      `Costs are estimates from list prices: ${formatUsd(
        price.usdPerHour,
      )} per instance-hour (${price.source}), 730 hours a month.`,
    );
  }
  return sentences;
}
