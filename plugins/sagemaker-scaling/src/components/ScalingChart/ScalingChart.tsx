import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Area, Line } from 'recharts';
import type { ScalingHistoryPoint } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  describeCapacity,
  describeLoad,
  toChartRows,
  type ChartRow,
} from './chartData';
import { ChartFigure, LINE_STYLE } from './ChartFigure';

/** Props of {@link ScalingChart}. @internal */
export interface ScalingChartProps {
  history: ScalingHistoryPoint[];
  variantName: string;
  /** Unit of the load axis, e.g. "invocations per instance per minute". */
  loadUnit: string;
  /** Where the history comes from, said under the charts. */
  source?: string;
}

/**
 * Capacity (desired and current instances, min..max as a band) and load per instance
 * against the target, over time. Lines differ by dash pattern and markers as well as by
 * colour; colours come from the theme, so light and dark both read. Loaded lazily: it
 * imports recharts.
 * @internal
 */
export function ScalingChart(props: ScalingChartProps) {
  const theme = useTheme();
  const rows: ChartRow[] = toChartRows(props.history, props.variantName);
  if (rows.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="sagemaker-chart-empty"
      >
        No capacity history yet for variant {props.variantName}. It appears once
        the backend has recorded scaling data.
      </Typography>
    );
  }

  const capacityText = describeCapacity(rows);
  const loadText = describeLoad(rows);
  const hasLoad = rows.some(
    r => r.load !== undefined || r.target !== undefined,
  );

  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap: 24 }}
      data-testid="sagemaker-chart"
    >
      <ChartFigure
        rows={rows}
        caption={`Instances of variant ${props.variantName}`}
        title="Capacity chart"
        description={capacityText}
        yAxisLabel="Instances"
        integerAxis
      >
        <Area
          name="Min–max capacity"
          dataKey="range"
          type="stepAfter"
          stroke={theme.palette.text.secondary}
          strokeDasharray="2 4"
          fill={theme.palette.text.secondary}
          fillOpacity={0.12}
          isAnimationActive={false}
        />
        <Line
          name="Desired instances"
          dataKey="desired"
          type="stepAfter"
          stroke={theme.palette.primary.main}
          dot={false}
          {...LINE_STYLE}
        />
        <Line
          name="Current instances"
          dataKey="current"
          type="stepAfter"
          stroke={theme.palette.secondary.main}
          strokeDasharray="6 3"
          dot={{ r: 3 }}
          {...LINE_STYLE}
        />
      </ChartFigure>

      {hasLoad && (
        <ChartFigure
          rows={rows}
          caption={`Load per instance against the target (${props.loadUnit})`}
          title="Load chart"
          description={loadText}
          yAxisLabel="Load / instance"
        >
          <Line
            name="Load per instance"
            dataKey="load"
            type="monotone"
            stroke={theme.palette.primary.main}
            dot={{ r: 2 }}
            {...LINE_STYLE}
          />
          <Line
            name="Target"
            dataKey="target"
            type="stepAfter"
            stroke={theme.palette.error.main}
            strokeDasharray="8 4"
            dot={false}
            {...LINE_STYLE}
          />
        </ChartFigure>
      )}
      {props.source && (
        <Typography variant="caption" color="textSecondary">
          Source: {props.source}.
        </Typography>
      )}
    </Box>
  );
}

export default ScalingChart;
