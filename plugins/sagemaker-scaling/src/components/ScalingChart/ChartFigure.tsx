/**
 * The frame every chart of the plugin shares. Imports recharts: only imported by
 * lazily loaded chart modules.
 */
import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const CHART_HEIGHT = 220;

/** What every line series shares: drawn at once, across gaps in the data. @internal */
export const LINE_STYLE = {
  strokeWidth: 2,
  connectNulls: true,
  isAnimationActive: false,
} as const;

/** Tick labels; with seconds when the whole chart spans only a few minutes. */
function timeFormatter(rows: ReadonlyArray<{ time: number }>) {
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
 * @internal
 */
export function ChartFigure(props: {
  /** Rows of the series, each with its time in ms since the epoch. */
  rows: { time: number }[];
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
