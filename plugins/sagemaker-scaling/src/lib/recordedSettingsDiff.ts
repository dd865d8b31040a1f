import {
  SCALING_SETTINGS_FIELDS,
  type RecordedScalingSettings,
  type ScalingSettingsUpdate,
  settingsRestoredBy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatNumber } from './formatScaling';
import { formatSeconds } from './formatRelativeTime';
import { SETTING_LABELS } from './scalingForm';

type Settings = Omit<ScalingSettingsUpdate, 'variantName'>;
type SettingField = (typeof SCALING_SETTINGS_FIELDS)[number];

/** One changed setting of a recorded change, formatted with its unit. @internal */
export interface RecordedFieldChange {
  field: SettingField;
  label: string;
  before: string;
  after: string;
}

/** Labels without the "(s)" the form needs: the values below carry their unit. */
const LABELS: Record<SettingField, string> = {
  ...SETTING_LABELS,
  scaleInCooldown: 'Scale-in cooldown',
  scaleOutCooldown: 'Scale-out cooldown',
};

/**
 * A setting's value as the history shows it: capacities in instances, the target in
 * the metric's unit, cooldowns in seconds (and minutes), scale-in as yes/no; "not set"
 * for a value the resources did not have.
 * @internal
 */
export function formatSettingValue(
  field: SettingField,
  value: number | boolean | undefined,
  metricUnit: string,
): string {
  if (value === undefined) {
    return 'not set';
  }
  switch (field) {
    case 'minCapacity':
    case 'maxCapacity':
      return `${value} ${value === 1 ? 'instance' : 'instances'}`;
    case 'targetValue':
      return `${formatNumber(value as number)} ${metricUnit}`;
    case 'scaleInCooldown':
    case 'scaleOutCooldown':
      return formatSeconds(value as number);
    default:
      return value ? 'yes' : 'no';
  }
}

/**
 * Scale-in is enabled unless a policy says otherwise (Application Auto Scaling's default),
 * so a policy gaining `disableScaleIn: false` (every edit and revert writes it) is no change.
 */
function withScaleInDefault(
  settings: RecordedScalingSettings,
): RecordedScalingSettings {
  return { ...settings, disableScaleIn: settings.disableScaleIn ?? false };
}

/** Only the settings a recorded change changed, before → after, in the rule table's order. @internal */
export function recordedFieldChanges(
  recordedBefore: RecordedScalingSettings,
  recordedAfter: RecordedScalingSettings,
  metricUnit: string,
): RecordedFieldChange[] {
  const before = withScaleInDefault(recordedBefore);
  const after = withScaleInDefault(recordedAfter);
  return SCALING_SETTINGS_FIELDS.filter(f => before[f] !== after[f]).map(
    field => ({
      field,
      label: LABELS[field],
      before: formatSettingValue(field, before[field], metricUnit),
      after: formatSettingValue(field, after[field], metricUnit),
    }),
  );
}

/** The full settings a revert of a change restores (common's rule over full settings). @internal */
export function revertedSettings(
  current: Settings,
  before: RecordedScalingSettings,
): Settings {
  return settingsRestoredBy(current, before) as Settings;
}

/** True when reverting to `before` would change any of the current settings. @internal */
export function revertChangesSettings(
  current: Settings,
  before: RecordedScalingSettings,
): boolean {
  const restored = revertedSettings(current, before);
  return SCALING_SETTINGS_FIELDS.some(f => restored[f] !== current[f]);
}

/**
 * True when the newest recorded change already ends at the current settings (every
 * field both have agrees): the history has caught up with what the cluster shows.
 * @internal
 */
export function historyMatchesSettings(
  after: RecordedScalingSettings,
  current: RecordedScalingSettings,
): boolean {
  return SCALING_SETTINGS_FIELDS.every(
    f =>
      after[f] === undefined ||
      current[f] === undefined ||
      after[f] === current[f],
  );
}
