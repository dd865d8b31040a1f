import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { FINDING_CODES } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  OWNER_ALL,
  OWNER_MINE,
  type FleetFilters,
} from '../../lib/fleetFilters';
import type {
  FilterOption,
  FleetFilterOptions,
} from '../../hooks/useFleetFilterOptions';

/** Wait after the last keystroke before searching, so typing does not flood the backend. */
export const SEARCH_DEBOUNCE_MS = 300;

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  search: { minWidth: 240, flexGrow: 1 },
}));

const FINDING_OPTIONS: FilterOption[] = [
  { value: 'error', label: 'Any error' },
  { value: 'warning', label: 'Any warning' },
  { value: 'info', label: 'Any note' },
  ...FINDING_CODES.map(code => ({
    value: code,
    label: code.replace(/-/g, ' '),
  })),
];

/** A labelled native select: readable by screen readers and keyboard as it is. */
function FilterSelect(props: {
  label: string;
  value: string;
  first: FilterOption[];
  options: FilterOption[];
  onChange(value: string): void;
}) {
  const classes = useStyles();
  // The URL may select what the lists lack (a link from an entity card, a failed read).
  const known = [...props.first, ...props.options].some(
    o => o.value === props.value,
  );
  const options = known
    ? props.options
    : [{ value: props.value, label: props.value }, ...props.options];
  const id = `sagemaker-fleet-${props.label.toLocaleLowerCase('en-US')}`;
  return (
    <TextField
      select
      id={id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      // a native select always shows a value, so its label stays above it
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      className={classes.select}
    >
      {[...props.first, ...options].map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * The fleet page's filters: owner (my groups, all, or one group), system, cluster, finding
 * (a severity or a code) and a search by name, debounced.
 * @internal
 */
export function FleetFilterBar(props: {
  filters: FleetFilters;
  options: FleetFilterOptions;
  onChange(change: Partial<FleetFilters>): void;
}) {
  const classes = useStyles();
  const { filters, options, onChange } = props;
  const [search, setSearch] = useState(filters.q ?? '');

  useEffect(() => {
    const q = search.trim() || undefined;
    if (q === filters.q) return undefined;
    const timer = setTimeout(() => onChange({ q }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, filters.q, onChange]);

  return (
    <Box className={classes.bar} role="search" aria-label="Filter ML endpoints">
      <FilterSelect
        label="Owner"
        value={filters.owner}
        first={[
          { value: OWNER_MINE, label: 'My groups' },
          { value: OWNER_ALL, label: 'All' },
        ]}
        options={options.groups}
        onChange={owner => onChange({ owner })}
      />
      <FilterSelect
        label="System"
        value={filters.system ?? ''}
        first={[{ value: '', label: 'All' }]}
        options={options.systems}
        onChange={system => onChange({ system: system || undefined })}
      />
      <FilterSelect
        label="Cluster"
        value={filters.cluster ?? ''}
        first={[{ value: '', label: 'All' }]}
        options={options.clusters}
        onChange={cluster => onChange({ cluster: cluster || undefined })}
      />
      <FilterSelect
        label="Finding"
        value={filters.finding ?? ''}
        first={[{ value: '', label: 'Any or none' }]}
        options={FINDING_OPTIONS}
        onChange={finding => onChange({ finding: finding || undefined })}
      />
      <TextField
        id="sagemaker-fleet-search"
        label="Search by name"
        type="search"
        variant="outlined"
        size="small"
        value={search}
        onChange={e => setSearch(e.target.value)}
        className={classes.search}
      />
    </Box>
  );
}
