import type { ReactElement, ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import VerticalAlignTopIcon from '@material-ui/icons/VerticalAlignTop';
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
import { TwoLineText } from './TwoLineText';
import { ESTIMATE_LABEL } from '../../lib/formatCost';
import {
  formatAtMaxShare,
  formatMonthlyRunRate,
  formatVariantCapacity,
  formatVariantLoad,
  isVariantAtMax,
} from '../../lib/formatFleet';

const useStyles = makeStyles(theme => ({
  // ten columns in a 1440 px window with the sidebar open: half of MUI's cell padding
  cell: {
    padding: theme.spacing(0.75, 1),
    '&:first-child': { paddingLeft: theme.spacing(2) },
    '&:last-child': { paddingRight: theme.spacing(2) },
  },
  numeric: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  header: { whiteSpace: 'nowrap' },
  service: { minWidth: 160, maxWidth: 220 },
  degraded: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  degradedIcon: {
    fontSize: 14,
    marginTop: 1,
    flexShrink: 0,
    color: theme.palette.warning.main,
  },
  nowrap: { whiteSpace: 'nowrap' },
  atMaxIcon: {
    fontSize: 14,
    marginLeft: theme.spacing(0.25),
    verticalAlign: 'text-bottom',
    color: theme.palette.warning.main,
  },
  finding: {
    minWidth: 160,
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
}));

type Classes = ReturnType<typeof useStyles>;

/** The sort the table shows and changes. @internal */
export interface FleetSort {
  column: FleetSortColumn;
  order: 'asc' | 'desc';
}

interface FleetColumn {
  /** A short header; `description` says the rest. */
  title: string;
  /** The backend's sort column; without one the column is not sortable. */
  sort?: FleetSortColumn;
  /** What the column shows, as the header's tooltip. */
  description?: string;
  /** Numbers: right-aligned, with digits of equal width. */
  numeric?: boolean;
  /** Shown in the compact (card) layout too. */
  compact?: boolean;
  render(row: FleetRow, classes: Classes): ReactNode;
}

/** One line per variant; the variant's name only when there are several. */
function perVariant(
  row: FleetRow,
  format: (v: FleetVariant) => string,
  marker?: (v: FleetVariant) => ReactNode,
) {
  if (row.variants.length === 0) return '–';
  return row.variants.map(v => (
    <Typography key={v.variantName} variant="body2" component="div" noWrap>
      <span>
        {row.variants.length > 1 ? `${v.variantName}: ` : ''}
        {format(v)}
      </span>
      {marker?.(v)}
    </Typography>
  ));
}

/** A column showing one of the row's entity refs as a link, or a dash. */
function refColumn(
  title: string,
  field: 'owner' | 'system',
  defaultKind: string,
): FleetColumn {
  return {
    title,
    sort: field,
    render: (row, classes) => {
      const ref = row[field];
      return ref ? (
        <EntityRefLink
          entityRef={ref}
          defaultKind={defaultKind}
          className={classes.nowrap}
        />
      ) : (
        '–'
      );
    },
  };
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
          <div className={classes.degraded}>
            <WarningIcon className={classes.degradedIcon} aria-hidden />
            <TwoLineText
              text={row.degraded}
              variant="caption"
              color="textSecondary"
            />
          </div>
        )}
      </div>
    ),
  },
  refColumn('Owner', 'owner', 'group'),
  refColumn('System', 'system', 'system'),
  {
    title: 'Cluster',
    description:
      'Cluster, and below it the Kubernetes namespace of the endpoint',
    sort: 'cluster',
    render: (row, classes) =>
      row.cluster ? (
        <div className={classes.nowrap}>
          <Typography variant="body2">{row.cluster}</Typography>
          <Typography variant="caption" color="textSecondary">
            {row.endpointNamespace ?? 'default'}
          </Typography>
        </div>
      ) : (
        '–'
      ),
  },
  {
    title: 'Status',
    description: 'SageMaker status of the endpoint',
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
    description:
      'Current/desired instances of min..max, per variant; the arrow marks a variant at its maximum',
    sort: 'capacity',
    numeric: true,
    compact: true,
    render: (row, classes) =>
      perVariant(row, formatVariantCapacity, v =>
        isVariantAtMax(v) ? (
          <VerticalAlignTopIcon
            className={classes.atMaxIcon}
            titleAccess="at max"
          />
        ) : null,
      ),
  },
  {
    title: 'Load',
    description:
      'Latest invocations per instance / the scaling target, per variant',
    sort: 'load',
    numeric: true,
    render: row => perVariant(row, formatVariantLoad),
  },
  {
    title: 'At max',
    description:
      'Share of the last 7 days at maximum capacity; n/a until 7 days are recorded',
    sort: 'atMaxShare',
    numeric: true,
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
    description: `Cost per month at the current capacity, ${ESTIMATE_LABEL}`,
    sort: 'cost',
    numeric: true,
    render: row => (
      <span title={ESTIMATE_LABEL}>
        {formatMonthlyRunRate(row.monthlyRunRateUsd)}
      </span>
    ),
  },
  {
    title: 'Top finding',
    description: 'The most severe finding of the service',
    sort: 'finding',
    compact: true,
    render: (row, classes) =>
      row.topFinding ? (
        <div
          className={classes.finding}
          data-finding-code={row.topFinding.code}
        >
          <FindingSeverityIcon severity={row.topFinding.severity} />
          <TwoLineText text={row.topFinding.message} />
        </div>
      ) : (
        'none'
      ),
  },
];

/** A header's title (the sort button or a text), with the column's description as its tooltip. */
function HeaderTitle(props: { column: FleetColumn; children: ReactElement }) {
  const { description } = props.column;
  if (!description) return props.children;
  return (
    <Tooltip title={description} enterDelay={300}>
      {props.children}
    </Tooltip>
  );
}

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
                align={column.numeric ? 'right' : 'left'}
                className={`${classes.cell} ${classes.header}`}
              >
                <HeaderTitle column={column}>
                  {column.sort && onSort ? (
                    <TableSortLabel
                      active={active}
                      direction={active ? sort!.order : 'asc'}
                      onClick={() =>
                        onSort({
                          column: column.sort!,
                          order:
                            active && sort!.order === 'asc' ? 'desc' : 'asc',
                        })
                      }
                    >
                      {column.title}
                    </TableSortLabel>
                  ) : (
                    <span>{column.title}</span>
                  )}
                </HeaderTitle>
              </TableCell>
            );
          })}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.entityRef} data-entity-ref={row.entityRef}>
            {columns.map(column => (
              <TableCell
                key={column.title}
                align={column.numeric ? 'right' : 'left'}
                className={`${classes.cell} ${
                  column.numeric ? classes.numeric : ''
                }`}
              >
                {column.render(row, classes)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
