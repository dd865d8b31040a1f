import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  describeNotScaledReason,
  isNotScaledActivity,
  type ScalingActivity,
  type ScalingActivityStatusCode,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';
import { formatIsoRelative } from '../lib/formatRelativeTime';
import { useNow } from './FreshnessIndicator';

function StatusIcon(props: {
  status: ScalingActivityStatusCode;
  notScaled: boolean;
}) {
  if (props.notScaled) {
    return <InfoIcon color="action" aria-hidden />;
  }
  switch (props.status) {
    case 'Successful':
      return <CheckCircleIcon color="primary" aria-hidden />;
    case 'Failed':
    case 'Unfulfilled':
      return <ErrorIcon color="error" aria-hidden />;
    case 'Overridden':
      return <WarningIcon aria-hidden />;
    default:
      return <HourglassEmptyIcon aria-hidden />;
  }
}

function formatTime(iso: string | undefined) {
  if (!iso) {
    return undefined;
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

const PAGE_SIZE = 20;

/**
 * Scaling activities, newest first: description, cause, status and times. Older pages
 * come from the activities endpoint on demand.
 * @internal
 */
export function ActivityTimeline(props: {
  entityRef: CompoundEntityRef;
  activities: ScalingActivity[];
  available: boolean;
}) {
  const api = useApi(sagemakerScalingApiRef);
  const now = useNow(10_000);
  const [older, setOlder] = useState<ScalingActivity[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [exhausted, setExhausted] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error>();
  const { kind, namespace, name } = props.entityRef;

  // A different entity starts a fresh history.
  useEffect(() => {
    setOlder([]);
    setCursor(undefined);
    setExhausted(false);
  }, [kind, namespace, name]);

  const seen = new Set(props.activities.map(a => a.activityId));
  const activities = [
    ...props.activities,
    ...older.filter(a => !seen.has(a.activityId)),
  ];

  const loadOlder = async () => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.getActivities(
        { kind, namespace, name },
        { limit: PAGE_SIZE, cursor },
      );
      setOlder(prev => {
        const known = new Set(prev.map(a => a.activityId));
        return [...prev, ...page.items.filter(a => !known.has(a.activityId))];
      });
      setCursor(page.nextCursor);
      setExhausted(!page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoading(false);
    }
  };

  if (!props.available && activities.length === 0) {
    return (
      <Alert severity="warning">
        Scaling activities are unavailable: Application Auto Scaling could not
        be reached.
      </Alert>
    );
  }

  return (
    <Box>
      {activities.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No scaling activity recorded yet.
        </Typography>
      ) : (
        <List
          dense
          aria-label="Scaling activities"
          data-testid="sagemaker-activities"
        >
          {activities.map(activity => (
            <ListItem key={activity.activityId} alignItems="flex-start" divider>
              <ListItemIcon>
                <StatusIcon
                  status={activity.statusCode}
                  notScaled={isNotScaledActivity(activity)}
                />
              </ListItemIcon>
              <ListItemText
                // Causes hold long unbroken alarm names: let them wrap anywhere.
                style={{ overflowWrap: 'anywhere', minWidth: 0 }}
                primary={
                  <>
                    {/* AWS records a decision not to scale as Failed; it is none. */}
                    <strong>
                      {isNotScaledActivity(activity)
                        ? 'Not scaled'
                        : activity.statusCode}
                    </strong>{' '}
                    · {activity.description}
                  </>
                }
                secondary={
                  <>
                    <span>Cause: {activity.cause}</span>
                    {activity.notScaledReasons?.map(reason => (
                      <span key={reason.code}>
                        <br />
                        Not scaled ({reason.code}):{' '}
                        {describeNotScaledReason(reason)}
                      </span>
                    ))}
                    {activity.statusMessage && (
                      <>
                        <br />
                        <span>{activity.statusMessage}</span>
                      </>
                    )}
                    <br />
                    <span title={activity.startTime}>
                      Started {formatTime(activity.startTime)} (
                      {formatIsoRelative(activity.startTime, now)})
                      {activity.endTime &&
                        ` · ended ${formatTime(activity.endTime)}`}
                    </span>
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
      {error && <Alert severity="error">{error.message}</Alert>}
      {!exhausted && activities.length > 0 && (
        <Button onClick={loadOlder} disabled={loading} size="small">
          {loading ? 'Loading…' : 'Load older activities'}
        </Button>
      )}
    </Box>
  );
}
