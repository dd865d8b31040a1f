import { useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ScalingSnapshot,
  SettingChange,
  VariantState,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../../api';
import { useSubmission } from '../../hooks/useSubmission';
import { revertedSettings } from '../../lib/recordedSettingsDiff';
import { currentSettings, diffSettings } from '../../lib/scalingForm';
import { ApplyErrorAlert } from '../EditScalingDialog/ApplyErrorAlert';
import { SettingsDiffTable } from '../EditScalingDialog/SettingsDiffTable';

/**
 * Confirms the revert of one recorded change: the variant's settings as they are now
 * against the ones the revert restores, then `POST .../history/{id}/revert` with the
 * settingsVersion the comparison was made from (409 when they changed meanwhile).
 * @internal
 */
export function RevertChangeDialog(props: {
  entityRef: CompoundEntityRef;
  /** The change to revert; the dialog is open while set. */
  change: SettingChange | undefined;
  /** The live variant the change belongs to. */
  variant: VariantState | undefined;
  onClose(): void;
  onReverted(snapshot: ScalingSnapshot, change: SettingChange): void;
}) {
  const { change } = props;
  const api = useApi(sagemakerScalingApiRef);
  const { submitting, error, submit, clearError } = useSubmission();
  // The comparison is taken when the dialog opens (and on Reload), not on every live
  // update, so what is confirmed is what the version sent stands for.
  const variantRef = useRef(props.variant);
  variantRef.current = props.variant;
  const [base, setBase] = useState<VariantState>();
  const [restarts, setRestarts] = useState(0);
  useEffect(() => {
    if (!change) return;
    setBase(variantRef.current);
    clearError();
  }, [change, restarts, clearError]);

  const current = base && currentSettings(base);
  const restored =
    current && change && revertedSettings(current, change.before);
  const rows = current && restored ? diffSettings(current, restored) : [];

  const revert = async () => {
    if (!change || !base) return;
    await submit(async () => {
      const snapshot = await api.revertChange(props.entityRef, change.id, {
        expectedVersion: base.settingsVersion ?? '',
      });
      props.onReverted(snapshot, change);
    });
  };
  const close = () => {
    if (!submitting) props.onClose();
  };

  return (
    <Dialog
      open={Boolean(change)}
      onClose={close}
      aria-labelledby="sagemaker-revert-title"
      maxWidth="sm"
      fullWidth
      PaperProps={{ 'data-testid': 'sagemaker-revert-dialog' } as object}
    >
      <DialogTitle id="sagemaker-revert-title">Revert change</DialogTitle>
      <DialogContent>
        {change && (
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <Typography variant="body2">
              Restore the settings of variant {change.variantName} from before
              this change? The revert goes through the same checks as an edit
              and is recorded in the history.
            </Typography>
            <SettingsDiffTable changes={rows} />
            {error && (
              <ApplyErrorAlert
                error={error}
                reloadTo="compare with the current settings"
                onReload={() => setRestarts(n => n + 1)}
              />
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={revert}
          disabled={submitting || !base}
          startIcon={submitting ? <CircularProgress size={16} /> : undefined}
        >
          Revert
        </Button>
      </DialogActions>
    </Dialog>
  );
}
