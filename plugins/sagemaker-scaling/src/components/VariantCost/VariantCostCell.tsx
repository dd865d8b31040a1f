import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { VariantState } from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatUsd, formatUsdPerHour } from '../../lib/formatCost';

const perHour = (usd: number | undefined) =>
  usd === undefined ? '–' : `${formatUsdPerHour(usd)}/h`;

/**
 * A variant's cost in the variants table: $/h now, at min and at max, and per month,
 * with the price's source as a tooltip; unknown says so and how to configure a price.
 * @internal
 */
export function VariantCostCell(props: { variant: VariantState }) {
  const { cost } = props.variant;
  if (!cost) return <>–</>;
  if (cost.unknown) {
    return (
      <Tooltip title={cost.howToConfigure}>
        <span data-testid="sagemaker-variant-cost">
          unknown (no price for {cost.instanceType})
        </span>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={`Price: ${cost.priceSource}`}>
      <span data-testid="sagemaker-variant-cost">
        <Typography variant="body2" component="span">
          {perHour(cost.usdPerHourNow)} now · {perHour(cost.usdPerHourAtMin)} at
          min · {perHour(cost.usdPerHourAtMax)} at max
        </Typography>
        <br />
        <Typography variant="body2" component="span">
          ≈{' '}
          {cost.monthlyRunRateUsd === undefined
            ? '–'
            : `${formatUsd(cost.monthlyRunRateUsd)}/month`}{' '}
          at the current count
        </Typography>
      </span>
    </Tooltip>
  );
}
