import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ScalingHistoryPoint } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  describeCapacity,
  describeLoad,
  toChartRows,
  type ChartRow,
} from './chartData';

/** Props of {@link ScalingChart}. @internal */
export interface ScalingChartProps {
  history: ScalingHistoryPoint[];
  variantName: string;
  /** Unit of the load axis, e.g. "invocations per instance per minute". */
  loadUnit: string;
  /** Where the history comes from, said under the charts. */
  source?: string;
}

const CHART_HEIGHT = 220;

/** What every line series shares: drawn at once, across gaps in the data. */
const LINE_STYLE = {
  strokeWidth: 2,
  connectNulls: true,
  isAnimationActive: false,
} as const;

/** Tick labels; with seconds when the whole chart spans only a few minutes. */
function timeFormatter(rows: ChartRow[]) {
  const span = rows.length ? rows[rows.length - 1].time - rows[0].time : 0;
  const options: Intl.DateTimeFormatOptions =
    span < 10 * 60_000
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : { hour: '2-digit', minute: '2-digit' };
  return (time: number) => new Date(time).toLocaleTimeString([], options);
}

/**
 * One captioned chart over time: grid, time axis, a labelled value axis, tooltip and
 * legend in the theme's colours around the given series, with the description both as
 * the image's accessible name and as a caption under it.
 */
function ChartFigure(props: {
  rows: ChartRow[];
  caption: string;
  /** What the chart is, for screen readers: "<title>. <description>". */
  title: string;
  description: string;
  yAxisLabel: string;
  /** Whole numbers only on the value axis (instance counts). */
  integerAxis?: boolean;
  /** The recharts series (Line, Area) drawn over the rows. */
  children: ReactNode;
}) {
  const theme = useTheme();
  const axis = {
    stroke: theme.palette.text.secondary,
    tick: { fill: theme.palette.text.secondary, fontSize: 12 },
  };
  return (
    <figure style={{ margin: 0 }}>
      <Typography component="figcaption" variant="subtitle2">
        {props.caption}
      </Typography>
      <div role="img" aria-label={`${props.title}. ${props.description}`}>
        <ResponsiveContainer
          width="100%"
          height={CHART_HEIGHT}
          initialDimension={{ width: 640, height: CHART_HEIGHT }}
        >
          <ComposedChart
            data={props.rows}
            margin={{ top: 8, right: 24, left: 8, bottom: 8 }}
          >
            <CartesianGrid
              stroke={theme.palette.divider}
              strokeDasharray="3 3"
            />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={timeFormatter(props.rows)}
              {...axis}
            />
            <YAxis
              allowDecimals={!props.integerAxis}
              label={{
                value: props.yAxisLabel,
                angle: -90,
                position: 'insideLeft',
                fill: theme.palette.text.secondary,
              }}
              {...axis}
            />
            <Tooltip
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                border: `1px solid ${theme.palette.divider}`,
                color: theme.palette.text.primary,
              }}
              labelFormatter={(time: number) => new Date(time).toLocaleString()}
            />
            <Legend wrapperStyle={{ color: theme.palette.text.primary }} />
            {props.children}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <Typography variant="caption" color="textSecondary">
        {props.description}
      </Typography>
    </figure>
  );
}

/**
 * Capacity (desired and current instances, min..max as a band) and load per instance
 * against the target, over time. Lines differ by dash pattern and markers as well as by
 * colour; colours come from the theme, so light and dark both read. Loaded lazily: this
 * module is the only one importing recharts.
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
