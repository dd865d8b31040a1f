import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import type { EndpointStatusValue } from '@mlplatform/plugin-sagemaker-scaling-common';
import { endpointStatusTone, type StatusTone } from '../lib/endpointStatusTone';
import { StatusToneIcon, statusToneColor } from './StatusToneIcon';

const useStyles = makeStyles<Theme, { tone: StatusTone }>(theme => ({
  chip: ({ tone }) => ({
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
    color: theme.palette.text.primary,
    border: `1px solid ${statusToneColor(theme, tone)}`,
    backgroundColor: 'transparent',
  }),
}));

/**
 * The endpoint's SageMaker status as a chip: the status text itself plus an icon, so it
 * reads without colour.
 * @internal
 */
export function EndpointStatusChip(props: {
  status: EndpointStatusValue | undefined;
}) {
  const tone = endpointStatusTone(props.status);
  const classes = useStyles({ tone });
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      icon={<StatusToneIcon tone={tone} />}
      label={props.status ?? 'Unknown'}
      data-testid="sagemaker-endpoint-status"
      aria-label={`Endpoint status: ${props.status ?? 'Unknown'}`}
    />
  );
}
