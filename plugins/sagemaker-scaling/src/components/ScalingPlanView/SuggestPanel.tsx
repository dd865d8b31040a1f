import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ScalingSettings } from '@mlplatform/plugin-sagemaker-scaling-common';
import { useScalingPlan } from '../../hooks/useScalingPlan';
import { classifyScalingError } from '../../lib/classifyScalingError';
import { ESTIMATE_LABEL, formatUsd } from '../../lib/formatCost';
import { PlanSummaryTable } from '../ScalingPlan/PlanSummaryTable';

/** Props of {@link SuggestPanel}. @internal */
export interface SuggestPanelProps {
  entityRef: CompoundEntityRef;
  variantName: string;
  /** The settings the sweep starts from (the plan form's, when valid). */
  settings?: ScalingSettings;
  hours: number;
  /** Puts the suggested settings into the plan form. */
  onUse(settings: ScalingSettings): void;
  /** Opens the edit dialog with the suggested settings; absent for users who may not edit. */
  onEdit?(settings: ScalingSettings): void;
}

/** Minutes as a whole number >= 0 within the window, or the problem in words. */
function parseThreshold(text: string, hours: number): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) {
    return 'Max minutes above target must be a whole number of minutes >= 0';
  }
  if (value > hours * 60) {
    return `Max minutes above target must be at most the window's ${
      hours * 60
    } minutes`;
  }
  return value;
}

/**
 * "Suggest": the planner sweeps candidate targets over the same traffic and proposes
 * the cheapest setting whose minutes above the current target stay within the threshold
 * the user picks; the pick can go into the plan form or, for owners, into the edit dialog.
 * @internal
 */
export function SuggestPanel(props: SuggestPanelProps) {
  const [thresholdText, setThresholdText] = useState('30');
  const [asked, setAsked] = useState<{
    settings: ScalingSettings;
    maxMinutesAboveTarget: number;
    hours: number;
  }>();
  const threshold = parseThreshold(thresholdText, props.hours);
  const state = useScalingPlan(
    props.entityRef,
    props.variantName,
    asked?.settings,
    asked
      ? {
          hours: asked.hours,
          suggest: { maxMinutesAboveTarget: asked.maxMinutesAboveTarget },
        }
      : {},
  );
  const suggestion = state.plan?.suggestion;
  const pick = suggestion?.pick;
  const share =
    typeof threshold === 'number'
      ? ((threshold / (props.hours * 60)) * 100).toLocaleString('en-US', {
          maximumFractionDigits: 1,
        })
      : undefined;

  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 12 }}
      data-testid="sagemaker-plan-suggest"
    >
      <Typography variant="subtitle1">Suggest the cheapest setting</Typography>
      <Box display="flex" alignItems="flex-start" style={{ gap: 12 }}>
        <TextField
          id="sagemaker-suggest-threshold"
          label="Max minutes above target"
          value={thresholdText}
          onChange={e => setThresholdText(e.target.value)}
          inputProps={{ inputMode: 'numeric' }}
          error={typeof threshold === 'string'}
          helperText={
            typeof threshold === 'string'
              ? threshold
              : `${share} % of the replayed window`
          }
          variant="outlined"
          size="small"
        />
        <Button
          variant="outlined"
          color="primary"
          disabled={typeof threshold === 'string' || !props.settings}
          onClick={() =>
            typeof threshold === 'number' &&
            props.settings &&
            setAsked({
              settings: props.settings,
              maxMinutesAboveTarget: threshold,
              hours: props.hours,
            })
          }
        >
          Suggest
        </Button>
      </Box>
      {state.loading && <LinearProgress aria-label="Looking for a setting" />}
      {state.error && !state.loading && (
        <Alert
          severity="warning"
          data-testid="sagemaker-suggest-error"
          action={
            <Button color="inherit" size="small" onClick={state.retry}>
              Suggest again
            </Button>
          }
        >
          No suggestion: {classifyScalingError(state.error).message}
        </Alert>
      )}
      {suggestion && !state.loading && (
        <Box data-testid="sagemaker-suggestion">
          <Typography variant="body2" gutterBottom>
            {suggestion.reason}
          </Typography>
          {pick && (
            <>
              <Typography variant="body1" gutterBottom>
                <strong>
                  Target {pick.settings.targetValue}, min{' '}
                  {pick.settings.minCapacity}, max {pick.settings.maxCapacity}
                </strong>
                {pick.summary.monthlyCostUsd !== undefined &&
                  ` — ≈ ${formatUsd(
                    pick.summary.monthlyCostUsd,
                  )}/month (${ESTIMATE_LABEL})`}
                {suggestion.current.monthlyCostUsd !== undefined &&
                  `, ≈ ${formatUsd(
                    suggestion.current.monthlyCostUsd,
                  )}/month now`}
              </Typography>
              <PlanSummaryTable
                current={suggestion.current}
                proposed={pick.summary}
              />
              <Box display="flex" mt={1} style={{ gap: 8 }}>
                <Button
                  color="primary"
                  variant="contained"
                  size="small"
                  onClick={() => props.onUse(pick.settings)}
                >
                  Use in plan
                </Button>
                {props.onEdit && (
                  <Button
                    color="primary"
                    variant="outlined"
                    size="small"
                    onClick={() => props.onEdit?.(pick.settings)}
                  >
                    Edit with these settings
                  </Button>
                )}
              </Box>
            </>
          )}
        </Box>
      )}
    </Box>
  );
}
