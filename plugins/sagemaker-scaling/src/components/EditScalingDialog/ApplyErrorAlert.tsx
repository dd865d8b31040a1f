import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { classifyScalingError } from '../../lib/classifyScalingError';

/**
 * Why a change of the scaling settings (an edit or a revert) was not applied: a 409 says
 * the settings changed since the dialog opened, with a Reload; anything else its message.
 * @internal
 */
export function ApplyErrorAlert(props: {
  error: Error;
  onReload(): void;
  /** What Reload lets the user do next, e.g. "edit the current settings". */
  reloadTo: string;
}) {
  const { kind, message } = classifyScalingError(props.error);
  if (kind === 'conflict') {
    return (
      <Alert
        severity="warning"
        data-testid="sagemaker-apply-conflict"
        role="alert"
        action={
          <Button color="inherit" size="small" onClick={props.onReload}>
            Reload
          </Button>
        }
      >
        <AlertTitle>Changed since you opened it</AlertTitle>
        {message} Reload to {props.reloadTo}; nothing was applied.
      </Alert>
    );
  }
  return (
    <Alert severity="error" data-testid="sagemaker-apply-error" role="alert">
      <AlertTitle>
        {kind === 'forbidden'
          ? 'Not allowed to change scaling'
          : 'The change was not applied'}
      </AlertTitle>
      {message}
    </Alert>
  );
}
