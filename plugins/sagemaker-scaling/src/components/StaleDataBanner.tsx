import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { formatIsoRelative } from '../lib/formatRelativeTime';
import { classifyScalingError } from '../lib/classifyScalingError';
import { useNow } from './FreshnessIndicator';

/**
 * Why the data below is greyed: the latest read failed (e.g. cluster unreachable) or
 * the backend itself only has stale data.
 * @internal
 */
export function StaleDataBanner(props: {
  error?: Error;
  staleReason?: string;
  observedAt: string;
}) {
  const now = useNow();
  const reason = props.error
    ? classifyScalingError(props.error).message
    : props.staleReason ?? 'The cluster data is out of date.';
  const title =
    props.error && classifyScalingError(props.error).kind !== 'unreachable'
      ? 'Could not refresh'
      : 'Cluster unreachable';
  return (
    <Alert severity="warning" data-testid="sagemaker-stale-banner">
      <AlertTitle>{title}</AlertTitle>
      {reason} Showing the last known state, observed{' '}
      {formatIsoRelative(props.observedAt, now)}.
    </Alert>
  );
}
