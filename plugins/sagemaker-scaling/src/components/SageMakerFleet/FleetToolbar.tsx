import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { formatRelativeTime } from '../../lib/formatRelativeTime';

/**
 * When the list was read and a button to read it again now; the time ticks so "updated
 * 40 s ago" stays true between refreshes.
 * @internal
 */
export function FleetToolbar(props: {
  updatedAt?: number;
  loading: boolean;
  onRefresh(): void;
}) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Box display="flex" alignItems="center" justifyContent="flex-end">
      <Typography variant="body2" color="textSecondary">
        {props.loading
          ? 'Updating…'
          : props.updatedAt !== undefined &&
            `Updated ${formatRelativeTime(
              props.updatedAt,
              Math.max(now, props.updatedAt),
            )}`}
      </Typography>
      <Tooltip title="Refresh">
        <span>
          <IconButton
            aria-label="Refresh"
            size="small"
            onClick={props.onRefresh}
            disabled={props.loading}
          >
            <RefreshIcon />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}
