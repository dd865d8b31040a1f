import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  AckCondition,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { snapshotResources } from '../lib/snapshotResources';

type Health = 'good' | 'bad' | 'warn' | 'unknown';

/** How a condition reads: Synced/Ready true are good, Terminal true is bad, etc. */
function conditionHealth(condition: AckCondition): Health {
  if (condition.status === 'Unknown') {
    return 'unknown';
  }
  const isTrue = condition.status === 'True';
  switch (condition.type) {
    case 'ACK.Terminal':
      return isTrue ? 'bad' : 'good';
    case 'ACK.Recoverable':
    case 'ACK.Advisory':
      return isTrue ? 'warn' : 'good';
    default:
      // ACK.ResourceSynced, Ready, ACK.ReferencesResolved...
      return isTrue ? 'good' : 'warn';
  }
}

const useStyles = makeStyles(theme => ({
  resource: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  good: { color: theme.palette.success.main },
  bad: { color: theme.palette.error.main },
  warn: { color: theme.palette.warning.main },
  unknown: { color: theme.palette.text.secondary },
}));

function HealthIcon(props: { health: Health; className: string }) {
  switch (props.health) {
    case 'good':
      return <CheckCircleIcon className={props.className} />;
    case 'bad':
      return <ErrorIcon className={props.className} />;
    case 'warn':
      return <WarningIcon className={props.className} />;
    default:
      return <HelpIcon className={props.className} />;
  }
}

/**
 * The ACK conditions of all five resources as chips (type and status in words, with an
 * icon) and the controller's message under each.
 * @internal
 */
export function ResourceConditions(props: { snapshot: ScalingSnapshot }) {
  const classes = useStyles();
  return (
    <Box data-testid="sagemaker-conditions">
      {snapshotResources(props.snapshot).map(resource => (
        <Box
          key={`${resource.ref.kind}/${resource.ref.name}`}
          className={classes.resource}
        >
          <Typography variant="subtitle2">
            {resource.ref.kind} {resource.ref.name}
          </Typography>
          {resource.conditions.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              No conditions reported yet.
            </Typography>
          )}
          {resource.conditions.map(condition => {
            const health = conditionHealth(condition);
            return (
              <Box key={condition.type} mt={0.5}>
                <Chip
                  size="small"
                  variant="outlined"
                  icon={
                    <HealthIcon health={health} className={classes[health]} />
                  }
                  label={`${condition.type.replace(/^ACK\./, '')}: ${
                    condition.status
                  }`}
                />
                {(condition.message || condition.reason) && (
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="span"
                    style={{ marginLeft: 8 }}
                  >
                    {condition.message ?? condition.reason}
                  </Typography>
                )}
              </Box>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}
