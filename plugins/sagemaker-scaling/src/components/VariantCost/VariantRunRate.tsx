import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { VariantState } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  ESTIMATE_LABEL,
  formatUsd,
  formatUsdPerHour,
} from '../../lib/formatCost';

/**
 * One line with what a variant costs per month at its current instance count, as an
 * estimate from list prices (the price's source in the tooltip), or that its price is
 * unknown and how to configure one. Nothing while the instance type is not known.
 * @internal
 */
export function VariantRunRate(props: { variant: VariantState }) {
  const { cost, currentInstanceCount } = props.variant;
  if (!cost) return null;
  if (cost.unknown) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="sagemaker-run-rate"
      >
        Cost unknown: no price for {cost.instanceType}. To show it, set{' '}
        {cost.howToConfigure}
      </Typography>
    );
  }
  if (cost.monthlyRunRateUsd === undefined) return null;
  return (
    <Tooltip
      title={`${formatUsdPerHour(
        cost.usdPerInstanceHour,
      )} per instance-hour × 730 hours; price: ${cost.priceSource}`}
    >
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="sagemaker-run-rate"
      >
        ≈ <strong>{formatUsd(cost.monthlyRunRateUsd)}/month</strong> at{' '}
        {currentInstanceCount} instance{currentInstanceCount === 1 ? '' : 's'},{' '}
        {ESTIMATE_LABEL}
      </Typography>
    </Tooltip>
  );
}
