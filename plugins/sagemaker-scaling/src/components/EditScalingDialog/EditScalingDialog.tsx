import { useEffect, useMemo, useRef, useState } from 'react';
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
  ScalingSettingsUpdate,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../../api';
import { useScalingPlan } from '../../hooks/useScalingPlan';
import { useSubmission } from '../../hooks/useSubmission';
import {
  currentSettings,
  diffSettings,
  parseFormValues,
  SETTING_LABELS,
  toFormValues,
  validateForm,
  type ScalingFormValues,
} from '../../lib/scalingForm';
import { describeMetric } from '../../lib/formatScaling';
import { PlanComparison } from '../ScalingPlan';
import { ScalingSettingsFields } from '../ScalingSettingsFields';
import { VariantSelect } from '../VariantSelect';
import { ApplyErrorAlert } from './ApplyErrorAlert';
import { SettingsDiffTable } from './SettingsDiffTable';

type Settings = Omit<ScalingSettingsUpdate, 'variantName'>;

// Hints under the inputs; the target value's names the variant's metric.
const HINTS = {
  minCapacity: 'Fewest instances, at least 1',
  maxCapacity: 'Most instances',
  scaleInCooldown: 'Wait after a scale-in, 0–86400 s',
  scaleOutCooldown: 'Wait after a scale-out, 0–86400 s',
};

/**
 * Props of {@link EditScalingDialog}.
 * @internal
 */
export interface EditScalingDialogProps {
  open: boolean;
  entityRef: CompoundEntityRef;
  /** The live snapshot; the form starts from it when opened and is not reset by updates. */
  snapshot: ScalingSnapshot;
  onClose(): void;
  /** Called with the backend's answer after a successful update. */
  onApplied(snapshot: ScalingSnapshot, variantName: string): void;
  /**
   * Settings to fill the form with instead of the variant's current ones (e.g. the Plan
   * view's suggestion); read when the dialog mounts or opens.
   */
  initialSettings?: { variantName: string; settings: Settings };
}

/**
 * Edits min/max capacity, target value, cooldowns and scale-in of one variant: inline
 * validation with the template's rules, the change replayed over recent traffic, then a
 * before/after review, then apply.
 * @internal
 */
export function EditScalingDialog(props: EditScalingDialogProps) {
  const { open, snapshot } = props;
  const api = useApi(sagemakerScalingApiRef);
  // Only variants with a ScalableTarget can be changed: the backend updates the target
  // (and creates a missing target-tracking policy) but does not register new targets.
  const variants = useMemo(
    () => snapshot.variants.filter(v => v.scalableTargetName),
    [snapshot],
  );
  const [variantName, setVariantName] = useState(
    props.initialSettings?.variantName ?? variants[0]?.variantName ?? '',
  );
  const [baseline, setBaseline] = useState<Settings>();
  // The settingsVersion the form started from; the backend refuses the update with 409
  // when the settings changed since.
  const [baseVersion, setBaseVersion] = useState<string>();
  const [values, setValues] = useState<ScalingFormValues>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const {
    submitting,
    error: applyError,
    submit,
    clearError: clearApplyError,
  } = useSubmission();

  // Live updates must not overwrite what the user is typing: the form is (re)started
  // only when the dialog opens or another variant is chosen.
  const variantsRef = useRef(variants);
  variantsRef.current = variants;
  const initialRef = useRef(props.initialSettings);
  initialRef.current = props.initialSettings;
  const [restarts, setRestarts] = useState(0);
  useEffect(() => {
    if (!open) {
      return;
    }
    const variant =
      variantsRef.current.find(v => v.variantName === variantName) ??
      variantsRef.current[0];
    if (!variant) {
      return;
    }
    const settings = currentSettings(variant);
    setBaseline(settings);
    setBaseVersion(variant.settingsVersion);
    const initial = initialRef.current;
    setValues(
      toFormValues(
        initial?.variantName === variant.variantName
          ? initial.settings
          : settings,
      ),
    );
    setTouched(new Set());
    setStep('edit');
    clearApplyError();
  }, [open, variantName, restarts, clearApplyError]);

  const issues = useMemo(() => (values ? validateForm(values) : {}), [values]);
  const valid = Object.keys(issues).length === 0;
  // A field shows its issues once it was left or typed in, or after "Review changes".
  const shownIssues = Object.fromEntries(
    Object.entries(issues).filter(([field]) => touched.has(field)),
  );
  const after =
    values && valid ? (parseFormValues(values) as Settings) : undefined;
  const changes = baseline && after ? diffSettings(baseline, after) : [];
  const changed = changes.some(c => c.changed);
  const selected = variants.find(v => v.variantName === variantName);
  // The change replayed over recent traffic before it is saved; it never blocks saving.
  const planState = useScalingPlan(
    props.entityRef,
    variantName,
    open && changed ? after : undefined,
  );
  const planPreview = changed && (
    <PlanComparison state={planState} loadUnit={describeMetric(selected)} />
  );

  const update = (field: keyof ScalingFormValues, value: string | boolean) => {
    setValues(prev => (prev ? { ...prev, [field]: value } : prev));
    setTouched(prev => new Set(prev).add(field));
  };

  const review = () => {
    setTouched(new Set(Object.keys(SETTING_LABELS)));
    if (valid && changed) {
      clearApplyError();
      setStep('review');
    }
  };

  const apply = async () => {
    if (!after) {
      return;
    }
    await submit(async () => {
      const result = await api.updateScaling(props.entityRef, {
        variantName,
        ...after,
        expectedVersion: baseVersion ?? '',
      });
      props.onApplied(result, variantName);
    });
  };

  const close = () => {
    if (!submitting) {
      props.onClose();
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby="sagemaker-edit-scaling-title"
      maxWidth="md"
      fullWidth
      PaperProps={{ 'data-testid': 'sagemaker-edit-dialog' } as object}
    >
      <DialogTitle id="sagemaker-edit-scaling-title">Edit scaling</DialogTitle>
      <DialogContent>
        {values && step === 'edit' && (
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            {variants.length > 1 && (
              <VariantSelect
                variants={variants}
                value={variantName}
                onChange={setVariantName}
              />
            )}
            {variants.length === 1 && (
              <Typography variant="body2" color="textSecondary">
                Variant {variantName}
              </Typography>
            )}
            <ScalingSettingsFields
              idPrefix="sagemaker"
              layout="stack"
              values={values}
              issues={shownIssues}
              onChange={update}
              onBlur={field => setTouched(prev => new Set(prev).add(field))}
              hints={{
                ...HINTS,
                targetValue: `Desired ${describeMetric(selected)}`,
              }}
            />
            {valid && !changed && (
              <Typography variant="body2" color="textSecondary">
                No changes yet.
              </Typography>
            )}
            {planPreview}
          </Box>
        )}
        {step === 'review' && (
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <Typography variant="body2">
              Apply these settings to variant {variantName} of endpoint{' '}
              {snapshot.endpointName}? Application Auto Scaling uses them from
              the next evaluation.
            </Typography>
            <SettingsDiffTable changes={changes} />
            {planPreview}
            {applyError && (
              <ApplyErrorAlert
                error={applyError}
                reloadTo="edit the current settings"
                // Starts over from the settings as they are now (live updates brought them).
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
        {step === 'edit' ? (
          <Button
            color="primary"
            variant="contained"
            onClick={review}
            disabled={!values || (valid && !changed)}
          >
            Review changes
          </Button>
        ) : (
          <>
            <Button onClick={() => setStep('edit')} disabled={submitting}>
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={apply}
              disabled={submitting}
              startIcon={
                submitting ? <CircularProgress size={16} /> : undefined
              }
            >
              Apply
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
