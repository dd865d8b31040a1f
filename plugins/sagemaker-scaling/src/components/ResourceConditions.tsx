import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  AckCondition,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { StatusTone } from '../lib/endpointStatusTone';
import { snapshotResources } from '../lib/snapshotResources';
import { StatusToneIcon } from './StatusToneIcon';

/** How a condition reads: Synced/Ready true are ok, Terminal true is an error, etc. */
function conditionTone(condition: AckCondition): StatusTone {
  if (condition.status === 'Unknown') {
    return 'unknown';
  }
  const isTrue = condition.status === 'True';
  switch (condition.type) {
    case 'ACK.Terminal':
      return isTrue ? 'error' : 'ok';
    case 'ACK.Recoverable':
    case 'ACK.Advisory':
      return isTrue ? 'warning' : 'ok';
    default:
      // ACK.ResourceSynced, Ready, ACK.ReferencesResolved...
      return isTrue ? 'ok' : 'warning';
  }
}

const useStyles = makeStyles(theme => ({
  resource: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

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
          {resource.conditions.map(condition => (
            <Box key={condition.type} mt={0.5}>
              <Chip
                size="small"
                variant="outlined"
                icon={<StatusToneIcon tone={conditionTone(condition)} />}
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
          ))}
        </Box>
      ))}
    </Box>
  );
}
