import { useTheme } from '@material-ui/core/styles';
import InfoIcon from '@material-ui/icons/Info';
import type { FindingSeverity } from '@mlplatform/plugin-sagemaker-scaling-common';
import { StatusToneIcon } from '../StatusToneIcon';

/**
 * A finding's severity as an icon with an accessible name: the status icons for errors
 * and warnings, an info icon for notes.
 * @internal
 */
export function FindingSeverityIcon(props: { severity: FindingSeverity }) {
  const theme = useTheme();
  const label = { error: 'Error', warning: 'Warning', info: 'Info' }[
    props.severity
  ];
  return (
    <span role="img" aria-label={label} style={{ display: 'inline-flex' }}>
      {props.severity === 'info' ? (
        <InfoIcon fontSize="small" style={{ color: theme.palette.info.main }} />
      ) : (
        <StatusToneIcon tone={props.severity} />
      )}
    </span>
  );
}
