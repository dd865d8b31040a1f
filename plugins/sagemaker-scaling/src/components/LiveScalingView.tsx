import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { Progress } from '@backstage/core-components';
import type {
  EndpointLocation,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { LiveScalingSnapshot } from '../hooks/useLiveScalingSnapshot';
import { FindingsList } from './FindingsList';
import { EndpointNotFoundState, ScalingErrorState } from './ScalingErrorState';
import { StaleDataBanner } from './StaleDataBanner';

const useStyles = makeStyles({
  greyed: {
    opacity: 0.55,
    filter: 'grayscale(0.8)',
    transition: 'opacity 200ms',
  },
});

/**
 * Chooses the designed state of a live snapshot: loading, error without data, endpoint
 * missing from the cluster, or the data itself (greyed with the reason when the latest
 * read failed or the backend's data is stale). The children stay mounted across
 * refreshes, so open dialogs and local state survive live updates.
 * @internal
 */
export function LiveScalingView(props: {
  live: LiveScalingSnapshot;
  location: EndpointLocation;
  children: (snapshot: ScalingSnapshot) => ReactNode;
}) {
  const classes = useStyles();
  const { snapshot, error, loading } = props.live;

  if (loading) {
    return (
      <Box data-testid="sagemaker-loading" aria-busy="true">
        <Progress />
      </Box>
    );
  }
  if (!snapshot) {
    return <ScalingErrorState error={error!} location={props.location} />;
  }
  const degraded = Boolean(error) || snapshot.stale;
  const banner = degraded && (
    <StaleDataBanner
      error={error}
      staleReason={snapshot.staleReason}
      observedAt={snapshot.observedAt}
    />
  );
  if (!snapshot.endpoint) {
    // From stale data "not found" may be wrong: say so above it.
    return (
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        {banner}
        <EndpointNotFoundState
          location={{
            endpointName: snapshot.endpointName,
            namespace: snapshot.namespace,
            cluster: snapshot.cluster,
          }}
        />
        <FindingsList
          findings={snapshot.findings.filter(
            f => f.code !== 'endpoint-not-found',
          )}
        />
      </Box>
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      {banner}
      <div
        className={degraded ? classes.greyed : undefined}
        aria-disabled={degraded || undefined}
        data-testid={degraded ? 'sagemaker-stale-data' : 'sagemaker-data'}
      >
        {props.children(snapshot)}
      </div>
    </Box>
  );
}
