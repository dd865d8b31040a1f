import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { VariantState } from '@mlplatform/plugin-sagemaker-scaling-common';
import { CapacityBar } from './CapacityBar';
import { ScalingExplanation } from './ScalingExplanation';
import { VariantRunRate } from './VariantCost';
import { describeMetric, formatNumber } from '../lib/formatScaling';

/**
 * One variant on the card: instance counts against min..max, why it did (not) scale,
 * and the target value against the latest load per instance.
 * @internal
 */
export function VariantOverview(props: {
  variant: VariantState;
  showName: boolean;
}) {
  const { variant } = props;
  return (
    <Box data-testid={`sagemaker-variant-${variant.variantName}`}>
      {props.showName && (
        <Typography variant="subtitle2">
          Variant {variant.variantName}
          {variant.instanceType ? ` · ${variant.instanceType}` : ''}
        </Typography>
      )}
      <CapacityBar variant={variant} />
      {variant.explanation && (
        <ScalingExplanation explanation={variant.explanation} />
      )}
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="sagemaker-load-vs-target"
        style={{ marginTop: 4 }}
      >
        {variant.targetValue !== undefined ? (
          <>
            Load{' '}
            <strong>
              {variant.latestLoadPerInstance !== undefined
                ? formatNumber(variant.latestLoadPerInstance)
                : 'unknown'}
            </strong>{' '}
            · target <strong>{formatNumber(variant.targetValue)}</strong>{' '}
            {describeMetric(variant)}
          </>
        ) : (
          <>
            No target-tracking policy
            {variant.scalableTargetName
              ? ': the instance count changes only by hand'
              : `: instance count stays at ${
                  variant.desiredInstanceCount ??
                  variant.initialInstanceCount ??
                  'its initial value'
                } (no ScalableTarget registered)`}
            .
          </>
        )}
      </Typography>
      <VariantRunRate variant={variant} />
    </Box>
  );
}
