import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { formatIsoRelative } from '../lib/formatRelativeTime';
import { classifyScalingError } from '../lib/classifyScalingError';
import { useNow } from './FreshnessIndicator';

/** The backend's reasons are lower-case clauses; the banner shows them as a sentence. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  const capitalized = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/**
 * Why the data below is greyed: the latest read failed (e.g. cluster unreachable) or
 * the backend itself only has stale data (it keeps serving its cache during an outage,
 * with the reason and the last time it was known current).
 * @internal
 */
export function StaleDataBanner(props: {
  error?: Error;
  staleReason?: string;
  observedAt: string;
}) {
  const now = useNow();
  const classified = props.error
    ? classifyScalingError(props.error)
    : undefined;
  const reason = classified
    ? classified.message
    : props.staleReason ?? 'The cluster data is out of date.';
  let title = 'Data may be out of date';
  if (classified) {
    title =
      classified.kind === 'unreachable'
        ? 'Cluster unreachable'
        : 'Could not refresh';
  } else if (/cannot be read|unreachable/i.test(reason)) {
    title = 'Cluster unreachable';
  }
  return (
    <Alert severity="warning" data-testid="sagemaker-stale-banner">
      <AlertTitle>{title}</AlertTitle>
      {asSentence(reason)} Showing the last known state, observed{' '}
      {formatIsoRelative(props.observedAt, now)}.
    </Alert>
  );
}
