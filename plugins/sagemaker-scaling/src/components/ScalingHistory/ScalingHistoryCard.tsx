import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import type {
  ScalingSnapshot,
  SettingChange,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { useCanUpdateScaling } from '../../hooks/useCanUpdateScaling';
import { useSettingChanges } from '../../hooks/useSettingChanges';
import { describeMetric } from '../../lib/formatScaling';
import { revertChangesSettings } from '../../lib/recordedSettingsDiff';
import { currentSettings } from '../../lib/scalingForm';
import { useNow } from '../FreshnessIndicator';
import { VariantSelect } from '../VariantSelect';
import { RevertChangeDialog } from './RevertChangeDialog';
import { SettingChangeEntry } from './SettingChangeEntry';

/**
 * Props of {@link ScalingHistoryCard}.
 * @internal
 */
export interface ScalingHistoryCardProps {
  entity: Entity;
  entityRef: CompoundEntityRef;
  /** The live snapshot: a new settingsVersion of the shown variant refreshes the history. */
  snapshot: ScalingSnapshot;
  /** Called with the backend's answer after a revert (the tab shows it at once). */
  onReverted(snapshot: ScalingSnapshot, change: SettingChange): void;
}

/**
 * "Change history": every change of a variant's scaling settings, newest first, made
 * here or out of band (kubectl, GitOps), as a timeline of diffs; owners can revert one.
 * @internal
 */
export function ScalingHistoryCard(props: ScalingHistoryCardProps) {
  const { snapshot } = props;
  // Only variants with a ScalableTarget have settings, and so a history.
  const variants = snapshot.variants.filter(v => v.scalableTargetName);
  const [variantName, setVariantName] = useState(variants[0]?.variantName);
  const variant =
    variants.find(v => v.variantName === variantName) ?? variants[0];
  const current = variant && currentSettings(variant);
  const history = useSettingChanges(
    props.entityRef,
    variant?.variantName,
    variant?.settingsVersion,
    current,
  );
  const canUpdate = useCanUpdateScaling(props.entity);
  const [reverting, setReverting] = useState<SettingChange>();
  const now = useNow(10_000);
  // Reverts go through the edit path, which needs the endpoint bound to this entity.
  const revertable = canUpdate && snapshot.binding.state === 'bound';

  let body;
  if (!variant) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No variant has a ScalableTarget, so there are no scaling settings to
        record.
      </Typography>
    );
  } else if (history.loading) {
    body = <Progress aria-label="Loading the change history" />;
  } else if (history.error) {
    body = (
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        <ResponseErrorPanel
          title="Could not load the change history"
          error={history.error}
        />
        <Box>
          <Button size="small" onClick={history.reload}>
            Retry
          </Button>
        </Box>
      </Box>
    );
  } else if (history.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No change of variant {variant.variantName}'s scaling settings recorded
        yet. Edits made here and changes made with kubectl or GitOps appear
        here.
      </Typography>
    );
  } else {
    body = (
      <>
        <List
          dense
          aria-label={`Changes of variant ${variant.variantName}`}
          data-testid="sagemaker-history"
        >
          {history.items.map(change => (
            <SettingChangeEntry
              key={change.id}
              change={change}
              now={now}
              metricUnit={describeMetric(variant)}
              onRevert={
                revertable &&
                change.result === 'success' &&
                current &&
                revertChangesSettings(current, change.before)
                  ? () => setReverting(change)
                  : undefined
              }
            />
          ))}
        </List>
        {history.moreError && (
          <Alert severity="error" role="alert">
            Could not load older changes: {history.moreError.message}
          </Alert>
        )}
        {history.hasMore && (
          <Button
            size="small"
            onClick={history.loadMore}
            disabled={history.loadingMore}
          >
            {history.loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Change history"
      subheader="Changes of the scaling settings, newest first"
      action={
        variants.length > 1 ? (
          <VariantSelect
            size="small"
            variants={variants}
            value={variant?.variantName ?? ''}
            onChange={setVariantName}
          />
        ) : undefined
      }
    >
      <div data-testid="sagemaker-history-card">{body}</div>
      <RevertChangeDialog
        entityRef={props.entityRef}
        change={reverting}
        variant={variants.find(v => v.variantName === reverting?.variantName)}
        onClose={() => setReverting(undefined)}
        onReverted={(result, change) => {
          setReverting(undefined);
          props.onReverted(result, change);
        }}
      />
    </InfoCard>
  );
}
