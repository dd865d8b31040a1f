/**
 * The change history's wire types (`GET .../history`, `POST .../history/{id}/revert`):
 * every change of a variant's scaling settings, made here or out of band.
 */
import type { SCALING_SETTINGS_FIELDS, ScalingSettings } from './manifests';

/**
 * Who made a change: this plugin (an edit, a revert of an earlier change, or an agent
 * through the `update-ml-endpoint-scaling` action of the actions registry) or someone
 * else (kubectl, GitOps, another tool; seen by the backend's watch).
 * @public
 */
export type SettingChangeSource =
  | 'backstage'
  | 'revert'
  | 'update-ml-endpoint-scaling'
  | 'out-of-band';

/**
 * A variant's editable scaling settings as recorded before or after a change; a field the
 * resources did not set is absent.
 * @public
 */
export type RecordedScalingSettings = Partial<
  Pick<ScalingSettings, (typeof SCALING_SETTINGS_FIELDS)[number]>
>;

/** One recorded change of a variant's scaling settings. @public */
export interface SettingChange {
  id: number;
  /** The catalog entity the endpoint was bound to when the change was recorded. */
  entityRef?: string;
  cluster: string;
  namespace: string;
  /** The variant's Application Auto Scaling resource ID (`endpoint/<e>/variant/<v>`). */
  resourceId: string;
  endpointName: string;
  variantName: string;
  before: RecordedScalingSettings;
  after: RecordedScalingSettings;
  /** A user entity ref for changes made here; the field manager for out-of-band ones. */
  actor: string;
  source: SettingChangeSource;
  result: 'success' | 'failed';
  /** Why a change failed. */
  message?: string;
  /** ISO 8601. */
  createdAt: string;
}

/** A page of the change history, newest first. @public */
export interface SettingChangesPage {
  items: SettingChange[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** The settings that have a value: an unset one is left out, so a spread keeps the other side's. */
function definedOnly(
  settings: RecordedScalingSettings,
): RecordedScalingSettings {
  return Object.fromEntries(
    Object.entries(settings).filter(([, v]) => v !== undefined),
  ) as RecordedScalingSettings;
}

/**
 * The settings a revert of a change applies: the change's recorded before-settings over
 * the current ones (a field the record lacks keeps its current value), and scale-in
 * enabled where neither says (Application Auto Scaling's default). The backend applies
 * exactly this; the UI shows it before the owner confirms.
 * @public
 */
export function settingsRestoredBy(
  current: RecordedScalingSettings,
  before: RecordedScalingSettings,
): RecordedScalingSettings {
  return {
    disableScaleIn: false,
    ...definedOnly(current),
    ...definedOnly(before),
  };
}
