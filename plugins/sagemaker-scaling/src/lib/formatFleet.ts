import type { FleetVariant } from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatUsd } from './formatCost';
import { formatNumber } from './formatScaling';

const show = (n: number | undefined) => (n === undefined ? '–' : String(n));

/** "2/3 of 1..4": current / desired instances against the range, "1/1, fixed" without one. @internal */
export function formatVariantCapacity(variant: FleetVariant): string {
  const counts = `${show(variant.currentInstanceCount)}/${show(
    variant.desiredInstanceCount,
  )}`;
  if (variant.minCapacity === undefined || variant.maxCapacity === undefined) {
    return `${counts}, fixed`;
  }
  return `${counts} of ${variant.minCapacity}..${variant.maxCapacity}`;
}

/** Whether the variant wants (or, without a desired count, has) its maximum. @internal */
export function isVariantAtMax(variant: FleetVariant): boolean {
  return (
    variant.maxCapacity !== undefined &&
    (variant.desiredInstanceCount ?? variant.currentInstanceCount ?? 0) >=
      variant.maxCapacity
  );
}

/** "42 / 60": latest invocations per instance against the target. @internal */
export function formatVariantLoad(variant: FleetVariant): string {
  if (variant.targetValue === undefined) {
    return variant.latestLoadPerInstance === undefined
      ? '–'
      : `${formatNumber(variant.latestLoadPerInstance)}, no target`;
  }
  const load =
    variant.latestLoadPerInstance === undefined
      ? '–'
      : formatNumber(variant.latestLoadPerInstance);
  return `${load} / ${formatNumber(variant.targetValue)}`;
}

/** "12%" of the last 7 days at max; "n/a" while less than 7 days are recorded. @internal */
export function formatAtMaxShare(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${Math.round(share * 100)}%`;
}

/** "$83/mo", or "unknown" when a price is not known. @internal */
export function formatMonthlyRunRate(usd: number | undefined): string {
  return usd === undefined ? 'unknown' : `${formatUsd(usd)}/mo`;
}
