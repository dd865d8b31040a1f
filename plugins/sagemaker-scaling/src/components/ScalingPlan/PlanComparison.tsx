import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ScalingPlanResponse } from '../../api/planTypes';
import type { ScalingPlanState } from '../../hooks/useScalingPlan';
import { classifyScalingError } from '../../lib/classifyScalingError';
import {
  describeMonthlyDifference,
  ESTIMATE_LABEL,
  formatUsd,
} from '../../lib/formatCost';
import { describePlanAssumptions } from './describePlanAssumptions';
import { LazyPlanChart } from './LazyPlanChart';
import { PlanSummaryTable } from './PlanSummaryTable';

/** Props of {@link PlanComparison}. @internal */
export interface PlanComparisonProps {
  state: ScalingPlanState;
  /** Unit of the load axis, e.g. "invocations per instance per minute". */
  loadUnit: string;
  /** Said instead of the comparison while there is nothing to replay (invalid form). */
  idleText?: string;
}

/**
 * The current and the proposed settings replayed over the variant's recent traffic:
 * the monthly cost difference, a chart, the totals side by side and the assumptions.
 * A failed replay is reported here with a way to ask again, and blocks nothing else.
 * @internal
 */
export function PlanComparison(props: PlanComparisonProps) {
  const { loading, plan, error, retry } = props.state;
  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 12 }}
      data-testid="sagemaker-plan-preview"
    >
      <Typography variant="subtitle1">Replayed over recent traffic</Typography>
      {loading && <LinearProgress aria-label="Replaying the settings" />}
      {error && !loading && (
        <Alert
          severity="warning"
          data-testid="sagemaker-plan-error"
          action={
            <Button color="inherit" size="small" onClick={retry}>
              Replay again
            </Button>
          }
        >
          The replay is not available: {classifyScalingError(error).message}
        </Alert>
      )}
      {!plan && !error && !loading && props.idleText && (
        <Typography variant="body2" color="textSecondary">
          {props.idleText}
        </Typography>
      )}
      {plan && (
        <>
          <MonthlyDifference plan={plan} />
          <LazyPlanChart plan={plan} loadUnit={props.loadUnit} />
          <PlanSummaryTable
            current={plan.current.summary}
            proposed={plan.proposed.summary}
          />
          <Box component="ul" m={0} pl={2}>
            {describePlanAssumptions(plan).map(sentence => (
              <Typography key={sentence} component="li" variant="caption">
                {sentence}
              </Typography>
            ))}
          </Box>
        </>
      )}
    </Box>
  );
}

function MonthlyDifference(props: { plan: ScalingPlanResponse }) {
  const { current, proposed, difference, assumptions } = props.plan;
  const monthly = difference.monthlyCostUsd;
  const price = assumptions.price;
  return (
    <Typography variant="body1" data-testid="sagemaker-plan-monthly-difference">
      {monthly === undefined ? (
        <>
          Cost difference unknown: no price for this instance type.
          {price.unknown && ` ${price.howToConfigure}`}
        </>
      ) : (
        <>
          <strong>{describeMonthlyDifference(monthly)}</strong>
          {current.summary.monthlyCostUsd !== undefined &&
            proposed.summary.monthlyCostUsd !== undefined &&
            ` — ≈ ${formatUsd(
              current.summary.monthlyCostUsd,
            )} now, ≈ ${formatUsd(proposed.summary.monthlyCostUsd)} proposed`}
          , {ESTIMATE_LABEL}.
        </>
      )}
    </Typography>
  );
}
