import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Alert from '@material-ui/lab/Alert';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useFleetPage } from '../../hooks/useFleetPage';
import { useFleetFilterOptions } from '../../hooks/useFleetFilterOptions';
import {
  fleetFiltersFromSearchParams,
  fleetFiltersToSearchParams,
  OWNER_ALL,
  OWNER_MINE,
  toFleetQuery,
  type FleetFilters,
} from '../../lib/fleetFilters';
import { FleetFilterBar } from './FleetFilterBar';
import { FleetPager } from './FleetPager';
import { FleetTable, type FleetSort } from './FleetTable';
import { FleetToolbar } from './FleetToolbar';

/**
 * Options of the fleet page.
 * @public
 */
export interface SageMakerFleetPageProps {
  /** Rows per page, 1..200; default 50. */
  pageSize?: number;
  /** How often the page is read again; default 30 s. */
  refreshIntervalMs?: number;
}

const DEFAULT_PAGE_SIZE = 50;

/**
 * The fleet of ML services: filters (kept in the URL), the sortable table, paging and
 * refresh, and the loading, empty and error states.
 * @internal
 */
export function SageMakerFleetView(props: SageMakerFleetPageProps) {
  const pageSize = props.pageSize ?? DEFAULT_PAGE_SIZE;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(
    () => fleetFiltersFromSearchParams(searchParams),
    [searchParams],
  );
  const onChange = useCallback(
    (change: Partial<FleetFilters>) =>
      setSearchParams(
        prev =>
          fleetFiltersToSearchParams({
            ...fleetFiltersFromSearchParams(prev),
            ...change,
          }),
        { replace: true },
      ),
    [setSearchParams],
  );
  const onSort = useCallback(
    (sort: FleetSort) => onChange({ sort: sort.column, order: sort.order }),
    [onChange],
  );
  const options = useFleetFilterOptions();
  const fleet = useFleetPage(
    { ...toFleetQuery(filters), limit: pageSize },
    { refreshIntervalMs: props.refreshIntervalMs },
  );
  const { page, error } = fleet;

  let body;
  if (!page && error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the ML endpoints"
      />
    );
  } else if (!page) {
    body = <Progress />;
  } else if (page.rows.length === 0) {
    const mine = filters.owner === OWNER_MINE;
    body = (
      <EmptyState
        missing="data"
        title="No ML endpoints match"
        description={
          mine
            ? 'None of your groups owns an ML service with a SageMaker endpoint that matches. Show every owner to see all you may read.'
            : 'No ML service you may read matches these filters.'
        }
        action={
          mine ? (
            <Button
              variant="contained"
              color="primary"
              onClick={() => onChange({ owner: OWNER_ALL })}
            >
              Show all owners
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <>
        {/* ten columns fit 1440 px with the sidebar open; narrower windows scroll the table, not the page */}
        <Paper variant="outlined" style={{ overflowX: 'auto' }}>
          <FleetTable
            rows={page.rows}
            sort={{ column: filters.sort, order: filters.order }}
            onSort={onSort}
            caption="ML endpoints"
          />
        </Paper>
        <FleetPager
          pageIndex={fleet.pageIndex}
          pageSize={pageSize}
          shown={page.rows.length}
          totalCount={page.totalCount}
          hasPrevious={fleet.hasPrevious}
          hasNext={fleet.hasNext}
          onPrevious={fleet.previous}
          onNext={fleet.next}
        />
      </>
    );
  }

  return (
    <>
      <FleetFilterBar filters={filters} options={options} onChange={onChange} />
      <FleetToolbar
        updatedAt={fleet.updatedAt}
        loading={fleet.loading}
        onRefresh={fleet.refresh}
      />
      {page && error && (
        <Alert severity="warning" role="alert" style={{ marginBottom: 8 }}>
          Could not refresh the list, showing the last one read: {error.message}
        </Alert>
      )}
      {body}
    </>
  );
}
