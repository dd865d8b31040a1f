import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useFleetPage } from '../../hooks/useFleetPage';
import {
  fleetFiltersToSearchParams,
  OWNER_ALL,
  toFleetQuery,
  type FleetFilters,
} from '../../lib/fleetFilters';
import { sagemakerFleetRouteRef } from '../../routes';
import { FleetTable } from '../SageMakerFleet/FleetTable';

/**
 * Props of {@link EntitySageMakerFleetCard}.
 * @public
 */
export interface EntitySageMakerFleetCardProps {
  /** Rows shown; the link leads to the rest. Default 10. */
  limit?: number;
  /** How often the card reads the list again; default 30 s. */
  refreshIntervalMs?: number;
}

/** A Group's services are those it owns; a System's those in it. */
function filtersFor(entity: Entity): Partial<FleetFilters> | undefined {
  const ref = stringifyEntityRef(entity);
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'group':
      return { owner: ref };
    case 'system':
      return { owner: OWNER_ALL, system: ref };
    default:
      return undefined;
  }
}

function useFleetPageLink(filters: Partial<FleetFilters>) {
  let fleetRoute: () => string;
  try {
    // Throws (after its inner hooks ran, so hook order stays stable) when the app has
    // not mounted the fleet page; the card then has no link.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    fleetRoute = useRouteRef(sagemakerFleetRouteRef);
  } catch {
    return undefined;
  }
  return `${fleetRoute()}?${fleetFiltersToSearchParams(filters)}`;
}

function FleetCardBody(props: {
  filters: Partial<FleetFilters>;
  limit: number;
  refreshIntervalMs?: number;
}) {
  const fleet = useFleetPage(
    {
      ...toFleetQuery({
        owner: OWNER_ALL,
        sort: 'name',
        order: 'asc',
        ...props.filters,
      }),
      limit: props.limit,
    },
    { refreshIntervalMs: props.refreshIntervalMs },
  );
  const { page, error } = fleet;
  if (!page && error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!page) {
    return <Progress />;
  }
  if (page.rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No ML services with a SageMaker endpoint here.
      </Typography>
    );
  }
  return (
    <>
      <FleetTable rows={page.rows} compact caption="ML endpoints" />
      {page.totalCount > page.rows.length && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 8 }}
        >
          Showing {page.rows.length} of {page.totalCount}.
        </Typography>
      )}
    </>
  );
}

/**
 * The ML endpoints of a Group (the services it owns) or a System (the services in it),
 * compact, with a link to the full "ML endpoints" page filtered the same way.
 * @public
 */
export function EntitySageMakerFleetCard(props: EntitySageMakerFleetCardProps) {
  const { entity } = useEntity();
  const filters = filtersFor(entity);
  const link = useFleetPageLink(filters ?? {});
  return (
    <InfoCard
      title="ML endpoints"
      deepLink={
        link && filters ? { title: 'View in ML endpoints', link } : undefined
      }
    >
      {filters ? (
        <FleetCardBody
          filters={filters}
          limit={props.limit ?? 10}
          refreshIntervalMs={props.refreshIntervalMs}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          This card lists the ML endpoints of a Group or a System.
        </Typography>
      )}
    </InfoCard>
  );
}
