import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  isNotScaledActivity,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { EndpointStatusChip } from './EndpointStatusChip';
import { FindingsList } from './FindingsList';
import { FreshnessIndicator, useNow } from './FreshnessIndicator';
import { VariantOverview } from './VariantOverview';
import type { LiveConnectionState } from '../hooks/useLiveScalingSnapshot';
import { formatIsoRelative } from '../lib/formatRelativeTime';
import { endpointStatusTone } from '../lib/endpointStatusTone';

/**
 * The essentials of a snapshot: status, freshness, capacity per variant, target vs
 * load, the last scaling activity and the findings. Shown on the card and atop the tab.
 * @internal
 */
export function ScalingOverview(props: {
  snapshot: ScalingSnapshot;
  connection: LiveConnectionState;
  lastUpdatedAt?: number;
  failing: boolean;
  /** Extra controls next to the status, e.g. the edit or adopt button. */
  actions?: ReactNode;
}) {
  const { snapshot } = props;
  const now = useNow();
  const endpoint = snapshot.endpoint;
  const { variants, findings } = snapshot;
  // Decisions not to scale are explained next to the capacity; this line is the last change.
  const lastActivity = snapshot.activities.find(a => !isNotScaledActivity(a));
  const pending = endpointStatusTone(endpoint?.status) === 'pending';

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <EndpointStatusChip status={endpoint?.status} />
          <FreshnessIndicator
            connection={props.connection}
            lastUpdatedAt={props.lastUpdatedAt}
            stale={snapshot.stale}
            failing={props.failing}
          />
        </Box>
        {props.actions}
      </Box>

      {pending && (
        <Alert severity="info" data-testid="sagemaker-pending">
          SageMaker is{' '}
          {endpoint?.status === 'Creating' ? 'creating' : 'updating'} endpoint{' '}
          {endpoint?.endpointName}; this usually takes several minutes. Instance
          counts appear once it is InService.
        </Alert>
      )}

      {variants.map(variant => (
        <VariantOverview
          key={variant.variantName}
          variant={variant}
          showName={variants.length > 1}
        />
      ))}

      <Divider />
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="sagemaker-last-activity"
      >
        {lastActivity ? (
          <>
            Last scaling: {lastActivity.description} ({lastActivity.statusCode},{' '}
            {formatIsoRelative(lastActivity.startTime, now)})
          </>
        ) : (
          <>
            {snapshot.activitiesAvailable
              ? 'No scaling activity recorded yet.'
              : 'Scaling activities are unavailable right now (Application Auto Scaling could not be reached).'}
          </>
        )}
      </Typography>

      <FindingsList findings={findings} />
    </Box>
  );
}
