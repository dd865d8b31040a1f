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

/** An hourly figure to the tenth of a cent: "$0.345", "$1.408", "$12.50" from $10 on. @internal */
export function formatUsdPerHour(usd: number): string {
  if (Math.abs(usd) >= 10) return formatUsd(usd);
  return `$${Math.abs(usd).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
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
