import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import WarningIcon from '@material-ui/icons/Warning';
import type { EndpointStatusValue } from '@mlplatform/plugin-sagemaker-scaling-common';
import { endpointStatusTone, type StatusTone } from '../lib/endpointStatusTone';

const useStyles = makeStyles<Theme, { tone: StatusTone }>(theme => {
  const toneColor = (tone: StatusTone) =>
    ({
      ok: theme.palette.success.main,
      pending: theme.palette.info.main,
      warning: theme.palette.warning.main,
      error: theme.palette.error.main,
      unknown: theme.palette.text.secondary,
    }[tone]);
  return {
    chip: ({ tone }) => ({
      margin: 0,
      fontWeight: theme.typography.fontWeightMedium as number,
      color: theme.palette.text.primary,
      border: `1px solid ${toneColor(tone)}`,
      backgroundColor: 'transparent',
    }),
    icon: ({ tone }) => ({ color: toneColor(tone) }),
  };
});

function StatusIcon(props: { tone: StatusTone; className: string }) {
  switch (props.tone) {
    case 'ok':
      return <CheckCircleIcon className={props.className} />;
    case 'pending':
      return <CircularProgress size={14} className={props.className} />;
    case 'warning':
      return <WarningIcon className={props.className} />;
    case 'error':
      return <ErrorIcon className={props.className} />;
    default:
      return <HelpIcon className={props.className} />;
  }
}

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
      icon={<StatusIcon tone={tone} className={classes.icon} />}
      label={props.status ?? 'Unknown'}
      data-testid="sagemaker-endpoint-status"
      aria-label={`Endpoint status: ${props.status ?? 'Unknown'}`}
    />
  );
}
