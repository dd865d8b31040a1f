import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_BOUND_ENTITY,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../api';
import { useSubmission } from '../hooks/useSubmission';
import { classifyScalingError } from '../lib/classifyScalingError';
import { snapshotResources } from '../lib/snapshotResources';

/**
 * Confirms adopting an unbound endpoint (made with kubectl) for the entity: says what
 * is written where and that it is audited, then calls the adopt route.
 * @internal
 */
export function AdoptEndpointDialog(props: {
  open: boolean;
  entityRef: CompoundEntityRef;
  snapshot: ScalingSnapshot;
  onClose(): void;
  /** Called with the backend's answer after the endpoint was adopted. */
  onAdopted(snapshot: ScalingSnapshot): void;
}) {
  const { snapshot } = props;
  const api = useApi(sagemakerScalingApiRef);
  const { submitting, error, submit, clearError } = useSubmission();
  const resources = snapshotResources(snapshot);

  const adopt = () =>
    submit(async () =>
      props.onAdopted(await api.adoptEndpoint(props.entityRef)),
    );
  const close = () => {
    if (!submitting) {
      clearError();
      props.onClose();
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={close}
      aria-labelledby="sagemaker-adopt-title"
      maxWidth="sm"
      fullWidth
      PaperProps={{ 'data-testid': 'sagemaker-adopt-dialog' } as object}
    >
      <DialogTitle id="sagemaker-adopt-title">
        Adopt endpoint {snapshot.endpointName}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          No catalog entity owns this endpoint yet (it was made outside
          Backstage, e.g. with kubectl). Adopting it writes the annotation{' '}
          <code>
            {ANNOTATION_BOUND_ENTITY}: {snapshot.entityRef}
          </code>{' '}
          to its {resources.length} resources in namespace {snapshot.namespace}{' '}
          of cluster {snapshot.cluster} (
          {resources.map(r => `${r.ref.kind} ${r.ref.name}`).join(', ')}).
        </Typography>
        <Typography variant="body2" paragraph>
          Afterwards the owners of {snapshot.entityRef} can change its scaling
          here, and no other entity can. The adoption is recorded in the audit
          log with your name.
        </Typography>
        {error && (
          <Alert
            severity="error"
            role="alert"
            data-testid="sagemaker-adopt-error"
          >
            <AlertTitle>The endpoint was not adopted</AlertTitle>
            {classifyScalingError(error).message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={adopt}
          disabled={submitting}
          startIcon={submitting ? <CircularProgress size={16} /> : undefined}
        >
          Adopt
        </Button>
      </DialogActions>
    </Dialog>
  );
}
