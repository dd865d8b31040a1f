import {
  DEFAULT_COOLDOWN_SECONDS,
  validateScalingSettings,
  type ScalingSettingsUpdate,
  type ValidationIssue,
  type VariantState,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** The numeric fields of the edit form. @internal */
export type NumericSettingField =
  | 'minCapacity'
  | 'maxCapacity'
  | 'targetValue'
  | 'scaleInCooldown'
  | 'scaleOutCooldown';

/** The edit form's state: numbers as typed, so half-typed input is kept. @internal */
export type ScalingFormValues = Record<NumericSettingField, string> & {
  disableScaleIn: boolean;
};

/** Field labels, also the inputs' accessible names. @internal */
export const SETTING_LABELS: Record<keyof ScalingFormValues, string> = {
  minCapacity: 'Min capacity',
  maxCapacity: 'Max capacity',
  targetValue: 'Target value',
  scaleInCooldown: 'Scale-in cooldown (s)',
  scaleOutCooldown: 'Scale-out cooldown (s)',
  disableScaleIn: 'Disable scale-in',
};

/** The settings of a variant as the cluster has them, with defaults for what is absent. @internal */
export function currentSettings(
  variant: VariantState,
): Omit<ScalingSettingsUpdate, 'variantName'> {
  const count =
    variant.desiredInstanceCount ?? variant.initialInstanceCount ?? 1;
  return {
    minCapacity: variant.minCapacity ?? count,
    maxCapacity: variant.maxCapacity ?? count,
    targetValue: variant.targetValue ?? 0,
    scaleInCooldown: variant.scaleInCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    scaleOutCooldown: variant.scaleOutCooldown ?? DEFAULT_COOLDOWN_SECONDS,
    disableScaleIn: variant.disableScaleIn ?? false,
  };
}

/** @internal */
export function toFormValues(
  settings: Omit<ScalingSettingsUpdate, 'variantName'>,
): ScalingFormValues {
  return {
    minCapacity: String(settings.minCapacity),
    maxCapacity: String(settings.maxCapacity),
    // 0 means "no policy yet": start empty so the user must choose a target.
    targetValue: settings.targetValue ? String(settings.targetValue) : '',
    scaleInCooldown: String(settings.scaleInCooldown),
    scaleOutCooldown: String(settings.scaleOutCooldown),
    disableScaleIn: settings.disableScaleIn,
  };
}

// decimal or exponent notation: the target value's bounds are 8.51592e-109..1.174271e+108
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The form as the validator sees it: empty fields absent, numbers parsed, anything
 * else left as typed so the validator names what is wrong with it.
 * @internal
 */
export function parseFormValues(
  values: ScalingFormValues,
): Record<string, unknown> {
  const parsed: Record<string, unknown> = {
    disableScaleIn: values.disableScaleIn,
  };
  for (const field of Object.keys(SETTING_LABELS)) {
    if (field === 'disableScaleIn') {
      continue;
    }
    const text = values[field as NumericSettingField].trim();
    if (text !== '') {
      parsed[field] = NUMBER_PATTERN.test(text) ? Number(text) : text;
    }
  }
  return parsed;
}

/** Issues of the form, by field; empty when valid. @internal */
export function validateForm(
  values: ScalingFormValues,
): Partial<Record<string, ValidationIssue[]>> {
  const byField: Partial<Record<string, ValidationIssue[]>> = {};
  for (const issue of validateScalingSettings(parseFormValues(values))) {
    (byField[issue.field] ??= []).push(issue);
  }
  return byField;
}

/** One row of the before/after review. @internal */
export interface SettingChange {
  field: keyof ScalingFormValues;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

function show(value: number | boolean): string {
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return String(value);
}

/** Before/after of every setting, for the confirmation step. @internal */
export function diffSettings(
  before: Omit<ScalingSettingsUpdate, 'variantName'>,
  after: Omit<ScalingSettingsUpdate, 'variantName'>,
): SettingChange[] {
  return (Object.keys(SETTING_LABELS) as (keyof ScalingFormValues)[]).map(
    field => ({
      field,
      label: SETTING_LABELS[field],
      before:
        field === 'targetValue' && !before.targetValue
          ? 'not set'
          : show(before[field]),
      after: show(after[field]),
      changed: before[field] !== after[field],
    }),
  );
}
