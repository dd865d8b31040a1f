import { InfoCard } from '@backstage/core-components';
import { useRouteRef, type RouteFunc } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import {
  getEndpointLocation,
  type EndpointLocation,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  useLiveScalingSnapshot,
  type LiveScalingOptions,
} from '../../hooks/useLiveScalingSnapshot';
import { LiveScalingView } from '../LiveScalingView';
import { MissingAnnotationState } from '../MissingAnnotationState';
import { ScalingOverview } from '../ScalingOverview';

/** Title of the card, also its accessible name. */
const CARD_TITLE = 'SageMaker scaling';

/**
 * Props of {@link EntitySageMakerScalingCard}.
 * @public
 */
export interface EntitySageMakerScalingCardProps {
  /** Path of the scaling tab below the entity page; default `scaling`. */
  detailsPath?: string;
  /** Stream and polling timings. */
  liveOptions?: LiveScalingOptions;
}

function useDetailsLink(entity: Entity, detailsPath: string) {
  let entityRoute: RouteFunc<{ name: string; kind: string; namespace: string }>;
  try {
    // useRouteRef throws only after all of its inner hooks ran (hook order stays
    // stable), when the app did not bind the catalog's entity route, e.g. in the dev
    // app; the card then simply has no link.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityRoute = useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
  const base = entityRoute(entityRouteParams(entity)).replace(/\/$/, '');
  return `${base}/${detailsPath.replace(/^\//, '')}`;
}

function LiveCard(props: {
  entity: Entity;
  location: EndpointLocation;
  detailsLink?: string;
  liveOptions?: LiveScalingOptions;
}) {
  const live = useLiveScalingSnapshot(
    getCompoundEntityRef(props.entity),
    props.liveOptions,
  );
  return (
    <InfoCard
      title={CARD_TITLE}
      deepLink={
        props.detailsLink
          ? { title: 'View details', link: props.detailsLink }
          : undefined
      }
    >
      <LiveScalingView live={live} location={props.location}>
        {snapshot => (
          <ScalingOverview
            snapshot={snapshot}
            connection={live.connection}
            lastUpdatedAt={live.lastUpdatedAt}
            failing={Boolean(live.error)}
          />
        )}
      </LiveScalingView>
    </InfoCard>
  );
}

/**
 * Overview card of an ML service's SageMaker endpoint scaling: status, instances
 * against min..max, target against load, last activity, findings and freshness.
 * @public
 */
export function EntitySageMakerScalingCard(
  props: EntitySageMakerScalingCardProps = {},
) {
  const { entity } = useEntity();
  const location = getEndpointLocation(entity);
  const detailsLink = useDetailsLink(entity, props.detailsPath ?? 'scaling');
  if (!location) {
    return (
      <InfoCard title={CARD_TITLE}>
        <MissingAnnotationState />
      </InfoCard>
    );
  }
  return (
    <LiveCard
      entity={entity}
      location={location}
      detailsLink={detailsLink}
      liveOptions={props.liveOptions}
    />
  );
}
