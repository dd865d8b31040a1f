import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ScalingReplaySummary } from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatUsd } from '../../lib/formatCost';

const ROWS: {
  label: string;
  value(summary: ScalingReplaySummary): string;
}[] = [
  {
    label: 'Instance-hours',
    value: s =>
      s.instanceHours.toLocaleString('en-US', { maximumFractionDigits: 1 }),
  },
  {
    label: 'Cost of the replayed period',
    value: s =>
      s.costUsd === undefined ? 'price unknown' : formatUsd(s.costUsd),
  },
  { label: 'Peak instances', value: s => String(s.peakInstances) },
  { label: 'Minutes above target', value: s => String(s.minutesAboveTarget) },
  { label: 'Minutes at maximum', value: s => String(s.minutesAtMax) },
  { label: 'Scale-outs', value: s => String(s.scaleOutEvents) },
  { label: 'Scale-ins', value: s => String(s.scaleInEvents) },
];

/**
 * The totals of the current and the proposed replay side by side.
 * @internal
 */
export function PlanSummaryTable(props: {
  current: ScalingReplaySummary;
  proposed: ScalingReplaySummary;
}) {
  return (
    <Table
      size="small"
      aria-label="Replay summary"
      data-testid="sagemaker-plan-summary"
    >
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell align="right">Current</TableCell>
          <TableCell align="right">Proposed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {ROWS.map(row => (
          <TableRow key={row.label}>
            <TableCell component="th" scope="row">
              {row.label}
            </TableCell>
            <TableCell align="right">{row.value(props.current)}</TableCell>
            <TableCell align="right">{row.value(props.proposed)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
