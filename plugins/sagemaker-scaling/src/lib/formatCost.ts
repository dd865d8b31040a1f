/** The words every cost figure is labelled with: they are estimates, not a bill. */
export const ESTIMATE_LABEL = 'estimate from list prices';

/** "$83" for large amounts, "$1.21" for small ones; whole dollars from $100 on. @internal */
export function formatUsd(usd: number): string {
  const digits = Math.abs(usd) >= 100 ? 0 : 2;
  return `$${Math.abs(usd).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })}`;
}

/** A difference with its sign: "+$41", "−$12.50", "$0.00". @internal */
export function formatUsdDifference(usd: number): string {
  if (usd === 0) return formatUsd(0);
  return `${usd > 0 ? '+' : '−'}${formatUsd(usd)}`;
}

/** "more"/"less"/"the same" per month, in words. @internal */
export function describeMonthlyDifference(usd: number): string {
  if (Math.round(usd * 100) === 0) return 'about the same per month';
  return `${formatUsdDifference(usd)} per month (${
    usd > 0 ? 'more' : 'less'
  } than now)`;
}
