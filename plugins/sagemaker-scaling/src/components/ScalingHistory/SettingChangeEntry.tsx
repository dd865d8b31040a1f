import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import UndoIcon from '@material-ui/icons/Undo';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  SettingChange,
  SettingChangeSource,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatIsoRelative } from '../../lib/formatRelativeTime';
import { recordedFieldChanges } from '../../lib/recordedSettingsDiff';

const SOURCE_LABELS: Record<SettingChangeSource, string> = {
  backstage: 'edit',
  revert: 'revert',
  'update-ml-endpoint-scaling': 'agent tool',
  'out-of-band': 'out of band',
};

const useStyles = makeStyles(theme => ({
  entry: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: theme.spacing(0.5),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  diff: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  failed: { color: theme.palette.error.main },
  failedChip: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** A user (or group) entity ref as a catalog link; anything else (a service) as text. */
function Actor(props: { change: SettingChange }) {
  const { actor, source } = props.change;
  if (source === 'out-of-band') {
    return <span>out of band: {actor}</span>;
  }
  if (/^(user|group):/i.test(actor)) {
    return <EntityRefLink entityRef={actor} />;
  }
  return <span>{actor}</span>;
}

/**
 * One recorded change: when (relative, the exact time in a tooltip), who, how (edit,
 * revert, out of band), whether it failed, and only the settings it changed, before →
 * after; with a Revert action when the caller may and it would change something.
 * @internal
 */
export function SettingChangeEntry(props: {
  change: SettingChange;
  now: number;
  metricUnit: string;
  /** Shown (with the Revert button) only when set. */
  onRevert?: () => void;
}) {
  const classes = useStyles();
  const { change } = props;
  const fields = recordedFieldChanges(
    change.before,
    change.after,
    props.metricUnit,
  );
  const when = new Date(change.createdAt);
  return (
    <ListItem
      divider
      className={classes.entry}
      data-testid={`sagemaker-history-entry-${change.id}`}
    >
      <Box className={classes.header}>
        <Tooltip title={when.toLocaleString()}>
          <Typography
            variant="body2"
            component="time"
            dateTime={change.createdAt}
          >
            {formatIsoRelative(change.createdAt, props.now)}
          </Typography>
        </Tooltip>
        <Typography variant="body2" component="span">
          <Actor change={change} />
        </Typography>
        <Chip
          size="small"
          variant="outlined"
          label={SOURCE_LABELS[change.source]}
        />
        {change.result === 'failed' && (
          <Chip size="small" className={classes.failedChip} label="failed" />
        )}
        <Box flexGrow={1} />
        {props.onRevert && (
          <Button
            size="small"
            color="primary"
            startIcon={<UndoIcon />}
            onClick={props.onRevert}
            aria-label={`Revert change ${change.id}`}
          >
            Revert
          </Button>
        )}
      </Box>
      {change.result === 'failed' && change.message && (
        <Typography variant="body2" className={classes.failed}>
          {change.message}
        </Typography>
      )}
      {fields.length > 0 ? (
        <ul className={classes.diff} aria-label="Changed settings">
          {fields.map(f => (
            <li key={f.field}>
              <Typography variant="body2">
                {f.label}: {f.before} → {f.after}
              </Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No setting changed.
        </Typography>
      )}
    </ListItem>
  );
}
