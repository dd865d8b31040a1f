import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';
import { Line } from 'recharts';
import type { ScalingPlanResponse } from '../../api/planTypes';
import { planChartRows } from '../../lib/planChartRows';
import { ChartFigure, LINE_STYLE } from '../ScalingChart/ChartFigure';

/** Props of {@link PlanChart}. @internal */
export interface PlanChartProps {
  plan: ScalingPlanResponse;
  /** Unit of the load axis, e.g. "invocations per instance per minute". */
  loadUnit: string;
}

/**
 * Instances of the current and the proposed settings over the replayed traffic, and the
 * load per instance each gives. Loaded lazily: it imports recharts.
 * @internal
 */
export function PlanChart(props: PlanChartProps) {
  const theme = useTheme();
  const rows = planChartRows(props.plan);
  const { current, proposed } = props.plan;
  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 16 }}
      data-testid="sagemaker-plan-chart"
    >
      <ChartFigure
        rows={rows}
        caption="Replayed instances: current vs proposed"
        title="Plan chart"
        description={`Current settings peak at ${current.summary.peakInstances} instances, the proposed at ${proposed.summary.peakInstances}.`}
        yAxisLabel="Instances"
        integerAxis
      >
        <Line
          name="Current settings"
          dataKey="current"
          type="stepAfter"
          stroke={theme.palette.text.secondary}
          strokeDasharray="6 3"
          dot={false}
          {...LINE_STYLE}
        />
        <Line
          name="Proposed settings"
          dataKey="proposed"
          type="stepAfter"
          stroke={theme.palette.primary.main}
          dot={false}
          {...LINE_STYLE}
        />
      </ChartFigure>
      <ChartFigure
        rows={rows}
        caption={`Load per instance (${props.loadUnit})`}
        title="Plan load chart"
        description={`Above its target: current ${current.summary.minutesAboveTarget} min, proposed ${proposed.summary.minutesAboveTarget} min.`}
        yAxisLabel="Load / instance"
      >
        <Line
          name="With current settings"
          dataKey="currentLoad"
          type="monotone"
          stroke={theme.palette.text.secondary}
          strokeDasharray="6 3"
          dot={false}
          {...LINE_STYLE}
        />
        <Line
          name="With proposed settings"
          dataKey="proposedLoad"
          type="monotone"
          stroke={theme.palette.primary.main}
          dot={false}
          {...LINE_STYLE}
        />
      </ChartFigure>
    </Box>
  );
}

export default PlanChart;
