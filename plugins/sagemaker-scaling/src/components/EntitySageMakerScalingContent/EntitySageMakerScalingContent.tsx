import { useState, type ReactElement, type ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Snackbar from '@material-ui/core/Snackbar';
import Alert from '@material-ui/lab/Alert';
import EditIcon from '@material-ui/icons/Edit';
import LinkIcon from '@material-ui/icons/Link';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getCompoundEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  getEndpointLocation,
  type EndpointLocation,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  useLiveScalingSnapshot,
  type LiveScalingOptions,
  type LiveScalingSnapshot,
} from '../../hooks/useLiveScalingSnapshot';
import { describeMetric } from '../../lib/formatScaling';
import { activityHistory, mergeHistory } from '../../lib/chartHistory';
import { useCanUpdateScaling } from '../../hooks/useCanUpdateScaling';
import { useRecordedHistory } from '../../hooks/useRecordedHistory';
import { useScalingView } from '../../hooks/useScalingView';
import { ActivityTimeline } from '../ActivityTimeline';
import { AdoptEndpointDialog } from '../AdoptEndpointDialog';
import { EditScalingDialog } from '../EditScalingDialog';
import { LiveScalingView } from '../LiveScalingView';
import { MissingAnnotationState } from '../MissingAnnotationState';
import { ResourceConditions } from '../ResourceConditions';
import { ResourceYaml } from '../ResourceYaml';
import { LazyScalingChart } from '../ScalingChart';
import { ScalingHistoryCard } from '../ScalingHistory';
import { ScalingOverview } from '../ScalingOverview';
import { ScalingPlanView } from '../ScalingPlanView';
import { VariantSelect } from '../VariantSelect';
import { VariantsTable } from '../VariantsTable';
import { ScalingViewPanel, ScalingViewTabs } from './ScalingViewTabs';

/**
 * Props of {@link EntitySageMakerScalingContent}.
 * @public
 */
export interface EntitySageMakerScalingContentProps {
  /** Stream and polling timings. */
  liveOptions?: LiveScalingOptions;
}

/** The look of the actions in the overview card's header. */
function ActionButton(props: {
  icon: ReactElement;
  onClick(): void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      startIcon={props.icon}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.children}
    </Button>
  );
}

/**
 * Edit for an endpoint bound to this entity (with a variant that autoscales), Adopt for
 * one no entity owns yet; nothing for users without the update permission, and nothing
 * for an endpoint bound to another entity or to several (only an operator can fix that).
 */
function ScalingActions(props: {
  entity: Entity;
  snapshot: ScalingSnapshot;
  editable: boolean;
  onEdit(): void;
  onAdopt(): void;
}) {
  const canUpdate = useCanUpdateScaling(props.entity);
  if (!canUpdate) {
    return null;
  }
  if (props.editable) {
    return (
      <ActionButton
        icon={<EditIcon />}
        onClick={props.onEdit}
        testId="sagemaker-edit-scaling"
      >
        Edit scaling
      </ActionButton>
    );
  }
  if (props.snapshot.binding.state === 'unbound' && props.snapshot.endpoint) {
    return (
      <ActionButton
        icon={<LinkIcon />}
        onClick={props.onAdopt}
        testId="sagemaker-adopt-endpoint"
      >
        Adopt
      </ActionButton>
    );
  }
  return null;
}

function ChartCard(props: { snapshot: ScalingSnapshot }) {
  const { variants } = props.snapshot;
  const recorded = useRecordedHistory(props.snapshot);
  const fromBackend = props.snapshot.history.length > 0;
  // The backend's history is complete and on the cluster's clock (as are AWS's activity and
  // metric times); only without it do the activities give the past and the snapshots seen
  // since the page opened the present (on our clock, which may not match the cluster's).
  const history = fromBackend
    ? props.snapshot.history
    : mergeHistory(activityHistory(props.snapshot), recorded);
  const [variantName, setVariantName] = useState(variants[0]?.variantName);
  const selected =
    variants.find(v => v.variantName === variantName) ?? variants[0];
  return (
    <InfoCard
      title="Capacity and load"
      action={
        variants.length > 1 ? (
          <VariantSelect
            size="small"
            variants={variants}
            value={selected?.variantName ?? ''}
            onChange={setVariantName}
          />
        ) : undefined
      }
    >
      {selected ? (
        <LazyScalingChart
          history={history}
          source={
            fromBackend
              ? 'backend'
              : 'activities and live updates since this page opened'
          }
          variantName={selected.variantName}
          loadUnit={describeMetric(selected)}
        />
      ) : (
        'No production variants.'
      )}
    </InfoCard>
  );
}

function ScalingDetails(props: {
  entity: Entity;
  entityRef: CompoundEntityRef;
  snapshot: ScalingSnapshot;
  live: LiveScalingSnapshot;
}) {
  const { snapshot, live } = props;
  const [editing, setEditing] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [view, selectView] = useScalingView();
  // Only an endpoint bound to this entity may be changed here, and only a variant
  // with a ScalableTarget.
  const editable =
    snapshot.binding.state === 'bound' &&
    snapshot.variants.some(v => v.scalableTargetName);

  return (
    <>
      <ScalingViewTabs value={view} onChange={selectView} />
      <ScalingViewPanel view="overview" selected={view}>
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12} md={5}>
            <InfoCard title="SageMaker scaling" variant="gridItem">
              <ScalingOverview
                snapshot={snapshot}
                connection={live.connection}
                lastUpdatedAt={live.lastUpdatedAt}
                failing={Boolean(live.error)}
                actions={
                  <ScalingActions
                    entity={props.entity}
                    snapshot={snapshot}
                    editable={editable}
                    onEdit={() => setEditing(true)}
                    onAdopt={() => setAdopting(true)}
                  />
                }
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7}>
            <ChartCard snapshot={snapshot} />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Production variants" noPadding>
              <VariantsTable snapshot={snapshot} />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Scaling activity">
              <ActivityTimeline
                entityRef={props.entityRef}
                activities={snapshot.activities}
                available={snapshot.activitiesAvailable}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Conditions">
              <ResourceConditions snapshot={snapshot} />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Resources">
              <ResourceYaml snapshot={snapshot} />
            </InfoCard>
          </Grid>
        </Grid>
      </ScalingViewPanel>
      <ScalingViewPanel view="plan" selected={view}>
        <ScalingPlanView
          entity={props.entity}
          entityRef={props.entityRef}
          snapshot={snapshot}
          onApplied={(result, variantName) => {
            live.replaceSnapshot(result);
            setNotice(`Scaling settings of variant ${variantName} applied.`);
          }}
        />
      </ScalingViewPanel>
      <ScalingViewPanel view="history" selected={view}>
        <ScalingHistoryCard
          entity={props.entity}
          entityRef={props.entityRef}
          snapshot={snapshot}
          onReverted={(result, change) => {
            live.replaceSnapshot(result);
            setNotice(
              `Change ${change.id} of variant ${change.variantName} reverted.`,
            );
          }}
        />
      </ScalingViewPanel>
      {editable && (
        <EditScalingDialog
          open={editing}
          entityRef={props.entityRef}
          snapshot={snapshot}
          onClose={() => setEditing(false)}
          onApplied={(result, variantName) => {
            live.replaceSnapshot(result);
            setEditing(false);
            setNotice(`Scaling settings of variant ${variantName} applied.`);
          }}
        />
      )}
      {snapshot.binding.state === 'unbound' && (
        <AdoptEndpointDialog
          open={adopting}
          entityRef={props.entityRef}
          snapshot={snapshot}
          onClose={() => setAdopting(false)}
          onAdopted={result => {
            live.replaceSnapshot(result);
            setAdopting(false);
            setNotice(
              `Endpoint ${result.endpointName} adopted: its scaling can be edited here now.`,
            );
          }}
        />
      )}
      <Snackbar
        open={Boolean(notice)}
        autoHideDuration={6000}
        onClose={() => setNotice(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity="success"
          onClose={() => setNotice(undefined)}
          data-testid="sagemaker-apply-success"
        >
          {notice}
        </Alert>
      </Snackbar>
    </>
  );
}

function LiveContent(props: {
  entity: Entity;
  location: EndpointLocation;
  liveOptions?: LiveScalingOptions;
}) {
  const entityRef = getCompoundEntityRef(props.entity);
  const live = useLiveScalingSnapshot(entityRef, props.liveOptions);
  return (
    <LiveScalingView live={live} location={props.location}>
      {snapshot => (
        <ScalingDetails
          entity={props.entity}
          entityRef={entityRef}
          snapshot={snapshot}
          live={live}
        />
      )}
    </LiveScalingView>
  );
}

/**
 * The "Scaling" tab of an ML service, in three sub-views chosen by tabs and kept in the
 * URL (`?view=overview|plan|history`, default overview): Overview (status, capacity and
 * load chart, variants, activity timeline, conditions, the resources as YAML), Plan (try
 * settings on recorded traffic) and History (the changes of the scaling settings, with
 * revert); editing and reverting for those allowed to. One live snapshot serves all.
 * @public
 */
export function EntitySageMakerScalingContent(
  props: EntitySageMakerScalingContentProps = {},
) {
  const { entity } = useEntity();
  const location = getEndpointLocation(entity);
  if (!location) {
    return (
      <InfoCard title="SageMaker scaling">
        <MissingAnnotationState />
      </InfoCard>
    );
  }
  return (
    <LiveContent
      entity={entity}
      location={location}
      liveOptions={props.liveOptions}
    />
  );
}
