import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import type { LiveConnectionState } from '../hooks/useLiveScalingSnapshot';
import { formatRelativeTime } from '../lib/formatRelativeTime';

type Tone = 'live' | 'polling' | 'offline';

const useStyles = makeStyles<Theme, { tone: Tone }>(theme => ({
  dot: ({ tone }) => ({
    display: 'inline-block',
    width: 8,
    height: 8,
    borderRadius: '50%',
    marginRight: theme.spacing(0.75),
    backgroundColor: {
      live: theme.palette.success.main,
      polling: theme.palette.warning.main,
      offline: theme.palette.error.main,
    }[tone],
    // Hollow when not live, so the state is not told by colour alone.
    border:
      tone === 'live' ? 'none' : `2px solid ${theme.palette.background.paper}`,
    boxShadow:
      tone === 'live' ? 'none' : `0 0 0 1px ${theme.palette.text.secondary}`,
  }),
}));

/** Re-renders every second so relative times stay true. @internal */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A dot and words saying how the data arrives (live stream, polling, offline) and how
 * long ago it was confirmed.
 * @internal
 */
export function FreshnessIndicator(props: {
  connection: LiveConnectionState;
  lastUpdatedAt?: number;
  /** The backend serves cached data that is itself out of date. */
  stale?: boolean;
  /** The latest read failed. */
  failing?: boolean;
}) {
  const now = useNow();
  let tone: Tone = props.connection === 'live' ? 'live' : 'polling';
  let label = props.connection === 'live' ? 'Live' : 'Polling';
  if (props.failing || props.stale) {
    tone = 'offline';
    label = props.stale ? 'Stale' : 'Offline';
  } else if (props.connection === 'connecting') {
    label = 'Connecting';
  }
  const classes = useStyles({ tone });
  return (
    <Box display="flex" alignItems="center" data-testid="sagemaker-freshness">
      <span className={classes.dot} aria-hidden />
      <Typography variant="caption" color="textSecondary">
        {label}
        {props.lastUpdatedAt !== undefined &&
          ` · updated ${formatRelativeTime(props.lastUpdatedAt, now)}`}
      </Typography>
    </Box>
  );
}
