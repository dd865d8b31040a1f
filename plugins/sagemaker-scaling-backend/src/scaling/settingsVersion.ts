/**
 * `settingsVersion`: the token of a variant's editable settings a client read, sent
 * back as `expectedVersion` so an edit made from an old state is refused.
 */
import { InputError } from '@backstage/errors';
import {
  SCALING_SETTINGS_FIELDS,
  type RecordedScalingSettings,
  type ScalableTarget,
  type ScalingPolicy,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { EndpointResources } from '../snapshot/ScalingSnapshotService';
import { variantScalingObjects } from './variantScalingObjects';

/** The settings `PUT .../scaling` edits, as one variant's objects hold them now. */
export type EditableSettings = RecordedScalingSettings;

/** What a settingsVersion token carries. @internal */
export interface SettingsVersion {
  /** `metadata.resourceVersion` of the ScalableTarget, '-' when there is none. */
  targetResourceVersion: string;
  /** `metadata.resourceVersion` of the ScalingPolicy, '-' when there is none. */
  policyResourceVersion: string;
  settings: EditableSettings;
}

/** The editable settings of a variant's target and policy. @internal */
export function editableSettingsOf(
  target: ScalableTarget | undefined,
  policy: ScalingPolicy | undefined,
): EditableSettings {
  const tracking = policy?.spec.targetTrackingScalingPolicyConfiguration;
  return {
    minCapacity: target?.spec.minCapacity,
    maxCapacity: target?.spec.maxCapacity,
    targetValue: tracking?.targetValue,
    scaleInCooldown: tracking?.scaleInCooldown,
    scaleOutCooldown: tracking?.scaleOutCooldown,
    disableScaleIn: tracking?.disableScaleIn,
  };
}

/**
 * The token: base64url of `rvTarget.rvPolicy.<settings as JSON>`. The settings are in it
 * so a conflict can say what changed from what; clients treat it as opaque.
 * @internal
 */
export function encodeSettingsVersion(
  target: ScalableTarget | undefined,
  policy: ScalingPolicy | undefined,
): string {
  const settings = editableSettingsOf(target, policy);
  const text = [
    target?.metadata.resourceVersion || '-',
    policy?.metadata.resourceVersion || '-',
    JSON.stringify(SCALING_SETTINGS_FIELDS.map(f => settings[f] ?? null)),
  ].join('.');
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The settingsVersion of one variant, from the objects `PUT .../scaling` edits. @internal */
export function variantSettingsVersion(
  resources: Pick<EndpointResources, 'scalableTargets' | 'scalingPolicies'>,
  awsEndpointName: string,
  variantName: string,
): string {
  const { target, policy } = variantScalingObjects(
    resources,
    awsEndpointName,
    variantName,
  );
  return encodeSettingsVersion(target, policy);
}

/** Decodes a token; an InputError naming `expectedVersion` when it is not one. @internal */
export function decodeSettingsVersion(token: string): SettingsVersion {
  const invalid = () =>
    new InputError(
      'Invalid scaling settings: expectedVersion: is not a settingsVersion this API returned (take it from the variant in GET .../scaling)',
    );
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^([^.]+)\.([^.]+)\.(\[.*\])$/.exec(text);
  if (!match) throw invalid();
  let values: unknown;
  try {
    values = JSON.parse(match[3]);
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(values) ||
    values.length !== SCALING_SETTINGS_FIELDS.length
  ) {
    throw invalid();
  }
  const settings: EditableSettings = {};
  SCALING_SETTINGS_FIELDS.forEach((field, i) => {
    if (values[i] !== null) (settings as any)[field] = values[i];
  });
  return {
    targetResourceVersion: match[1],
    policyResourceVersion: match[2],
    settings,
  };
}

/**
 * How the settings changed between the token and now, one phrase per field
 * (`maxCapacity changed from 2 to 3`); empty when only other fields or the status moved.
 * @internal
 */
export function describeSettingsChanges(
  before: EditableSettings,
  now: EditableSettings,
): { field: keyof EditableSettings; text: string }[] {
  const show = (v: unknown) => (v === undefined ? 'unset' : String(v));
  return SCALING_SETTINGS_FIELDS.filter(f => before[f] !== now[f]).map(
    field => ({
      field,
      text: `${field} changed from ${show(before[field])} to ${show(
        now[field],
      )}`,
    }),
  );
}
