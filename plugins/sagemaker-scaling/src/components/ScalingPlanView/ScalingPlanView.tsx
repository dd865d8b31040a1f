import { useEffect, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import type {
  ScalingSettings,
  ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { useCanUpdateScaling } from '../../hooks/useCanUpdateScaling';
import { useScalingPlan } from '../../hooks/useScalingPlan';
import { describeMetric } from '../../lib/formatScaling';
import {
  currentSettings,
  diffSettings,
  parseFormValues,
  toFormValues,
  validateForm,
  type ScalingFormValues,
} from '../../lib/scalingForm';
import { EditScalingDialog } from '../EditScalingDialog';
import { PlanComparison } from '../ScalingPlan';
import { ScalingSettingsFields } from '../ScalingSettingsFields';
import { VariantSelect } from '../VariantSelect';
import { DEFAULT_PLAN_WINDOW_HOURS, PLAN_WINDOWS } from './planWindows';
import { SuggestPanel } from './SuggestPanel';

/** Props of {@link ScalingPlanView}. @internal */
export interface ScalingPlanViewProps {
  entity: Entity;
  entityRef: CompoundEntityRef;
  snapshot: ScalingSnapshot;
  /** Called with the backend's answer after settings were applied from here. */
  onApplied(snapshot: ScalingSnapshot, variantName: string): void;
}

/**
 * The tab's "Plan" view: anyone who may read tries settings without changing anything.
 * The variant's settings (validated like the edit dialog's) are replayed beside the
 * current ones over a window of recorded traffic, and "Suggest" asks the planner for the
 * cheapest setting within a threshold; owners may open the edit dialog with it.
 * @internal
 */
export function ScalingPlanView(props: ScalingPlanViewProps) {
  const { snapshot } = props;
  const canUpdate = useCanUpdateScaling(props.entity);
  // The planner replays a variant's current settings, so it needs a ScalableTarget.
  const variants = useMemo(
    () => snapshot.variants.filter(v => v.scalableTargetName),
    [snapshot],
  );
  const [variantName, setVariantName] = useState(
    variants[0]?.variantName ?? '',
  );
  const selected = variants.find(v => v.variantName === variantName);
  const [values, setValues] = useState<ScalingFormValues>();
  const [hours, setHours] = useState(DEFAULT_PLAN_WINDOW_HOURS);
  const [editFrom, setEditFrom] = useState<ScalingSettings>();

  // The form starts from the variant's settings when it is chosen; live updates do not
  // overwrite what the user is trying.
  const selectedName = selected?.variantName;
  useEffect(() => {
    const variant = variants.find(v => v.variantName === selectedName);
    if (variant) setValues(toFormValues(currentSettings(variant)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedName]);

  const issues = useMemo(() => (values ? validateForm(values) : {}), [values]);
  const valid = values !== undefined && Object.keys(issues).length === 0;
  const settings = valid
    ? (parseFormValues(values!) as unknown as ScalingSettings)
    : undefined;
  const changed =
    settings && selected
      ? diffSettings(currentSettings(selected), settings).some(c => c.changed)
      : false;
  const planState = useScalingPlan(
    props.entityRef,
    variantName,
    changed ? settings : undefined,
    { hours },
  );

  // A fresh endpoint has no Invocations in CloudWatch, so its replay fails; ask again
  // once the live snapshot shows load on the variant for the first time.
  const hasLoad = (selected?.latestLoadPerInstance ?? 0) > 0;
  const { error: planError, retry: replayAgain } = planState;
  useEffect(() => {
    if (hasLoad && planError) replayAgain();
    // Only the arrival of load triggers this, not every new error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasLoad]);

  if (!selected || !values) {
    return (
      <InfoCard title="Plan">
        <Typography variant="body2" color="textSecondary">
          No variant autoscales, so there is nothing to replay.
        </Typography>
      </InfoCard>
    );
  }

  return (
    <InfoCard
      title="Plan"
      subheader="Try settings on this endpoint's recorded traffic; nothing is changed."
    >
      <Box
        display="flex"
        flexDirection="column"
        style={{ gap: 16 }}
        data-testid="sagemaker-plan-view"
      >
        <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
          {variants.length > 1 && (
            <VariantSelect
              size="small"
              variants={variants}
              value={variantName}
              onChange={setVariantName}
            />
          )}
          <TextField
            select
            size="small"
            id="sagemaker-plan-window"
            label="Replay window"
            value={hours}
            onChange={e => setHours(Number(e.target.value))}
            style={{ minWidth: 160 }}
          >
            {PLAN_WINDOWS.map(w => (
              <MenuItem key={w.hours} value={w.hours}>
                Last {w.label}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <ScalingSettingsFields
          idPrefix="sagemaker-plan"
          layout="row"
          values={values}
          issues={issues}
          onChange={(field, value) =>
            setValues(prev => (prev ? { ...prev, [field]: value } : prev))
          }
        />
        <PlanComparison
          state={planState}
          loadUnit={describeMetric(selected)}
          idleText={
            valid
              ? 'Change a setting to see it replayed beside the current ones.'
              : 'Fix the settings above to replay them.'
          }
        />
        <Divider />
        <SuggestPanel
          entityRef={props.entityRef}
          variantName={variantName}
          settings={settings}
          hours={hours}
          onUse={s => setValues(toFormValues(s))}
          onEdit={
            canUpdate && snapshot.binding.state === 'bound'
              ? setEditFrom
              : undefined
          }
        />
      </Box>
      {editFrom && (
        <EditScalingDialog
          open
          entityRef={props.entityRef}
          snapshot={snapshot}
          initialSettings={{ variantName, settings: editFrom }}
          onClose={() => setEditFrom(undefined)}
          onApplied={(result, name) => {
            setEditFrom(undefined);
            props.onApplied(result, name);
          }}
        />
      )}
    </InfoCard>
  );
}
