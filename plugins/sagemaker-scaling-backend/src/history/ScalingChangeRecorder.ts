import { randomUUID } from 'node:crypto';
import {
  parseVariantResourceId,
  SCALING_SETTINGS_FIELDS,
  type ScalingSettingsUpdate,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ScalingApplyObjects } from '../scaling/buildScalingApplyObjects';
import {
  editableSettingsOf,
  type EditableSettings,
} from '../scaling/settingsVersion';
import {
  endpointLocationOf,
  type ResolvedEndpoint,
} from '../snapshot/ScalingSnapshotService';
import type {
  SettingChangeSource,
  SettingChangeStore,
} from './SettingChangeStore';

/** Who asks for an update through the plugin, and why. @internal */
export interface ScalingChangeOrigin {
  /** The caller's user (or service) ref. */
  actor: string;
  source: Exclude<SettingChangeSource, 'out-of-band'>;
}

/**
 * What ScalingUpdateService tells the history about each update it attempted on a
 * known variant: before → after, and whether it was applied.
 * @internal
 */
export interface ScalingChangeRecorder {
  recordUpdate(change: {
    target: ResolvedEndpoint;
    origin: ScalingChangeOrigin;
    objects: ScalingApplyObjects;
    update: ScalingSettingsUpdate;
    error?: Error;
  }): Promise<void>;
}

/** The settings after `update`: the previous ones with the update's fields over them. */
function settingsAfter(
  before: EditableSettings,
  update: ScalingSettingsUpdate,
): EditableSettings {
  const after: EditableSettings = { ...before };
  for (const field of SCALING_SETTINGS_FIELDS) {
    const value = (update as EditableSettings)[field];
    if (value !== undefined) (after as any)[field] = value;
  }
  return after;
}

/** Records the plugin's own updates in the {@link SettingChangeStore}. @internal */
export class StoreScalingChangeRecorder implements ScalingChangeRecorder {
  constructor(private readonly store: SettingChangeStore) {}

  async recordUpdate(
    change: Parameters<ScalingChangeRecorder['recordUpdate']>[0],
  ) {
    const { target, origin, objects, update, error } = change;
    const location = endpointLocationOf(target);
    const before = editableSettingsOf(
      objects.previous.scalableTarget,
      objects.previous.scalingPolicy,
    );
    const resourceId = objects.scalableTarget.spec.resourceID;
    await this.store.record({
      changeKey: `${origin.source}:${randomUUID()}`,
      entityRef: location.entityRef,
      cluster: location.cluster,
      namespace:
        objects.scalableTarget.metadata.namespace ?? location.namespace,
      resourceId,
      endpointName:
        parseVariantResourceId(resourceId)?.endpointName ??
        location.endpointName,
      variantName: objects.variantName,
      before,
      after: settingsAfter(before, update),
      actor: origin.actor,
      source: origin.source,
      result: error ? 'failed' : 'success',
      message: error?.message,
    });
  }
}
