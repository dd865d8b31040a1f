import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { VariantState } from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatInstanceCounts } from '../lib/formatScaling';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 12,
    borderRadius: 6,
    backgroundColor: theme.palette.action.hover,
    border: `1px solid ${theme.palette.divider}`,
    marginTop: theme.spacing(0.5),
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    borderRadius: 6,
    backgroundColor: theme.palette.primary.main,
  },
  desired: {
    position: 'absolute',
    top: -3,
    bottom: -3,
    width: 3,
    marginLeft: -1.5,
    backgroundColor: theme.palette.text.primary,
  },
  counts: {
    display: 'flex',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/**
 * Current and desired instances against the min..max range of the ScalableTarget.
 * The numbers are always written out; the bar is a picture of the same numbers.
 * @internal
 */
export function CapacityBar(props: { variant: VariantState }) {
  const classes = useStyles();
  const { variant } = props;
  const { minCapacity, maxCapacity, atMaxCapacity } = variant;
  const current = variant.currentInstanceCount;
  const desired = variant.desiredInstanceCount;
  const hasRange = minCapacity !== undefined && maxCapacity !== undefined;
  // The bar spans 0..max so that min shows as a position too.
  const scale = Math.max(maxCapacity ?? 0, current ?? 0, desired ?? 0, 1);
  const percent = (n: number) => `${Math.min(100, (n / scale) * 100)}%`;

  return (
    <Box>
      <Box className={classes.counts}>
        <Typography
          variant="body1"
          component="span"
          data-testid="sagemaker-instance-counts"
        >
          <strong>{formatInstanceCounts(variant)}</strong>
        </Typography>
        <Typography
          variant="body2"
          component="span"
          color="textSecondary"
          data-testid="sagemaker-capacity-range"
        >
          {hasRange
            ? `min ${minCapacity} · max ${maxCapacity}${
                atMaxCapacity ? ' (at max)' : ''
              }`
            : 'fixed capacity (no autoscaling)'}
        </Typography>
      </Box>
      <div
        className={classes.track}
        role="meter"
        aria-label={`Instances of variant ${variant.variantName}`}
        aria-valuemin={minCapacity ?? 0}
        aria-valuemax={maxCapacity ?? scale}
        aria-valuenow={current ?? 0}
        aria-valuetext={`${formatInstanceCounts(variant)}${
          hasRange ? `, min ${minCapacity}, max ${maxCapacity}` : ''
        }`}
      >
        {current !== undefined && (
          <div className={classes.fill} style={{ width: percent(current) }} />
        )}
        {desired !== undefined && (
          <div
            className={classes.desired}
            style={{ left: percent(desired) }}
            title={`desired ${desired}`}
          />
        )}
      </div>
    </Box>
  );
}
