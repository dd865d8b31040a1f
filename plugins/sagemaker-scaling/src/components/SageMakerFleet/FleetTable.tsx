import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  EndpointStatusValue,
  FleetRow,
  FleetSortColumn,
  FleetVariant,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { EndpointStatusChip } from '../EndpointStatusChip';
import { FindingSeverityIcon } from './FindingSeverityIcon';
import { ESTIMATE_LABEL } from '../../lib/formatCost';
import {
  formatAtMaxShare,
  formatMonthlyRunRate,
  formatVariantCapacity,
  formatVariantLoad,
} from '../../lib/formatFleet';

const useStyles = makeStyles(theme => ({
  degraded: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
  degradedIcon: {
    fontSize: 14,
    color: theme.palette.warning.main,
  },
  finding: {
    minWidth: 240,
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  nowrap: { whiteSpace: 'nowrap' },
  header: { whiteSpace: 'nowrap' },
  // wide enough for a name and a degraded reason that wraps between words
  service: { minWidth: 200, maxWidth: 320 },
}));

/** The sort the table shows and changes. @internal */
export interface FleetSort {
  column: FleetSortColumn;
  order: 'asc' | 'desc';
}

interface FleetColumn {
  title: string;
  /** The backend's sort column; without one the column is not sortable. */
  sort?: FleetSortColumn;
  /** What the column shows, as the header's tooltip. */
  description?: string;
  /** Shown in the compact (card) layout too. */
  compact?: boolean;
  render(row: FleetRow, classes: ReturnType<typeof useStyles>): ReactNode;
}

/** One line per variant; the variant's name only when there are several. */
function perVariant(row: FleetRow, format: (v: FleetVariant) => string) {
  if (row.variants.length === 0) return '–';
  return row.variants.map(v => (
    <Typography key={v.variantName} variant="body2" component="div" noWrap>
      {row.variants.length > 1 ? `${v.variantName}: ` : ''}
      {format(v)}
    </Typography>
  ));
}

const COLUMNS: FleetColumn[] = [
  {
    title: 'Service',
    sort: 'name',
    compact: true,
    render: (row, classes) => (
      <div className={classes.service}>
        <EntityRefLink entityRef={row.entityRef} />
        {row.degraded && (
          <Typography variant="caption" className={classes.degraded}>
            <WarningIcon className={classes.degradedIcon} aria-hidden />
            {row.degraded}
          </Typography>
        )}
      </div>
    ),
  },
  {
    title: 'Owner',
    sort: 'owner',
    render: (row, classes) =>
      row.owner ? (
        <EntityRefLink
          entityRef={row.owner}
          defaultKind="group"
          className={classes.nowrap}
        />
      ) : (
        '–'
      ),
  },
  {
    title: 'System',
    sort: 'system',
    render: (row, classes) =>
      row.system ? (
        <EntityRefLink
          entityRef={row.system}
          defaultKind="system"
          className={classes.nowrap}
        />
      ) : (
        '–'
      ),
  },
  {
    title: 'Cluster',
    description: 'cluster / Kubernetes namespace of the endpoint',
    sort: 'cluster',
    render: (row, classes) => (
      <span className={classes.nowrap}>
        {row.cluster
          ? `${row.cluster} / ${row.endpointNamespace ?? 'default'}`
          : '–'}
      </span>
    ),
  },
  {
    title: 'Status',
    sort: 'status',
    compact: true,
    render: row => (
      <EndpointStatusChip
        status={row.endpointStatus as EndpointStatusValue | undefined}
      />
    ),
  },
  {
    title: 'Instances',
    description: 'current / desired instances of min..max, per variant',
    sort: 'capacity',
    compact: true,
    render: row => perVariant(row, formatVariantCapacity),
  },
  {
    title: 'Load / target',
    description:
      'latest invocations per instance against the target, per variant',
    sort: 'load',
    render: row => perVariant(row, formatVariantLoad),
  },
  {
    title: 'At max (7 d)',
    description:
      'share of the last 7 days at maximum capacity; n/a until 7 days are recorded',
    sort: 'atMaxShare',
    render: row => (
      <span
        title={
          row.atMaxShare7d === undefined
            ? 'less than 7 days recorded'
            : undefined
        }
      >
        {formatAtMaxShare(row.atMaxShare7d)}
      </span>
    ),
  },
  {
    title: 'Run rate',
    description: `per month at the current capacity, ${ESTIMATE_LABEL}`,
    sort: 'cost',
    render: (row, classes) => (
      <span title={ESTIMATE_LABEL} className={classes.nowrap}>
        {formatMonthlyRunRate(row.monthlyRunRateUsd)}
      </span>
    ),
  },
  {
    title: 'Top finding',
    sort: 'finding',
    compact: true,
    render: (row, classes) =>
      row.topFinding ? (
        <Box
          className={classes.finding}
          data-finding-code={row.topFinding.code}
        >
          <FindingSeverityIcon severity={row.topFinding.severity} />
          <Typography variant="body2">{row.topFinding.message}</Typography>
        </Box>
      ) : (
        'none'
      ),
  },
];

/**
 * The fleet's rows as a table; the column headers sort on the server (`onSort`), the
 * compact layout (entity cards) shows service, status, instances and the top finding.
 * @internal
 */
export function FleetTable(props: {
  rows: FleetRow[];
  sort?: FleetSort;
  onSort?: (sort: FleetSort) => void;
  compact?: boolean;
  caption: string;
}) {
  const classes = useStyles();
  const { sort, onSort } = props;
  const columns = props.compact ? COLUMNS.filter(c => c.compact) : COLUMNS;
  return (
    <Table size="small" aria-label={props.caption}>
      <TableHead>
        <TableRow>
          {columns.map(column => {
            const active = Boolean(sort && column.sort === sort.column);
            return (
              <TableCell
                key={column.title}
                sortDirection={active ? sort!.order : false}
                title={column.description}
                className={classes.header}
              >
                {column.sort && onSort ? (
                  <TableSortLabel
                    active={active}
                    direction={active ? sort!.order : 'asc'}
                    onClick={() =>
                      onSort({
                        column: column.sort!,
                        order: active && sort!.order === 'asc' ? 'desc' : 'asc',
                      })
                    }
                  >
                    {column.title}
                  </TableSortLabel>
                ) : (
                  column.title
                )}
              </TableCell>
            );
          })}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.entityRef} data-entity-ref={row.entityRef}>
            {columns.map(column => (
              <TableCell key={column.title}>
                {column.render(row, classes)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
