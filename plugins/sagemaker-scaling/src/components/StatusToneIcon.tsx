import CircularProgress from '@material-ui/core/CircularProgress';
import { useTheme, type Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import WarningIcon from '@material-ui/icons/Warning';
import type { StatusTone } from '../lib/endpointStatusTone';

/** The theme colour a tone is shown in. @internal */
export function statusToneColor(theme: Theme, tone: StatusTone): string {
  return {
    ok: theme.palette.success.main,
    pending: theme.palette.info.main,
    warning: theme.palette.warning.main,
    error: theme.palette.error.main,
    unknown: theme.palette.text.secondary,
  }[tone];
}

/**
 * A tone's icon in the tone's colour: the shape tells the tone apart without colour
 * (a spinner for pending). `className` is passed on, e.g. the one a Chip gives its icon.
 * @internal
 */
export function StatusToneIcon(props: {
  tone: StatusTone;
  className?: string;
}) {
  const theme = useTheme();
  const iconProps = {
    className: props.className,
    style: { color: statusToneColor(theme, props.tone) },
  };
  switch (props.tone) {
    case 'ok':
      return <CheckCircleIcon {...iconProps} />;
    case 'pending':
      return <CircularProgress size={14} {...iconProps} />;
    case 'warning':
      return <WarningIcon {...iconProps} />;
    case 'error':
      return <ErrorIcon {...iconProps} />;
    default:
      return <HelpIcon {...iconProps} />;
  }
}
