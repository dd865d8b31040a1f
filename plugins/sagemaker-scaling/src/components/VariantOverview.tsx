import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CapacityBar } from './CapacityBar';
import { describeMetric, type VariantScaling } from '../lib/snapshotModel';

/**
 * One variant on the card: instance counts against min..max, and the target value
 * against the latest load per instance.
 * @internal
 */
export function VariantOverview(props: {
  scaling: VariantScaling;
  showName: boolean;
}) {
  const { variant, target, policy } = props.scaling;
  const metric = describeMetric(policy);
  return (
    <Box data-testid={`sagemaker-variant-${variant.variantName}`}>
      {props.showName && (
        <Typography variant="subtitle2">
          Variant {variant.variantName}
          {variant.instanceType ? ` · ${variant.instanceType}` : ''}
        </Typography>
      )}
      <CapacityBar
        variant={variant}
        minCapacity={target?.minCapacity}
        maxCapacity={target?.maxCapacity}
      />
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="sagemaker-load-vs-target"
        style={{ marginTop: 4 }}
      >
        {policy?.targetValue !== undefined ? (
          <>
            Load{' '}
            <strong>
              {variant.latestLoadPerInstance !== undefined
                ? formatNumber(variant.latestLoadPerInstance)
                : 'unknown'}
            </strong>{' '}
            · target <strong>{formatNumber(policy.targetValue)}</strong>{' '}
            {metric}
          </>
        ) : (
          <>
            No target-tracking policy
            {target
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
    </Box>
  );
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
