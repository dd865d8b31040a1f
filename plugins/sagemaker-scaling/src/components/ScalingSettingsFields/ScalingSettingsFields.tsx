import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import type { ValidationIssue } from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  SETTING_LABELS,
  type NumericSettingField,
  type ScalingFormValues,
} from '../../lib/scalingForm';

const NUMERIC_FIELDS: NumericSettingField[] = [
  'minCapacity',
  'maxCapacity',
  'targetValue',
  'scaleInCooldown',
  'scaleOutCooldown',
];

/**
 * Props of {@link ScalingSettingsFields}.
 * @internal
 */
export interface ScalingSettingsFieldsProps {
  /** Prefix of the inputs' ids, unique on the page (the Plan view can open the edit dialog). */
  idPrefix: string;
  values: ScalingFormValues;
  /** The validator's issues to show now, by field (`lib/scalingForm`'s `validateForm`). */
  issues: Partial<Record<string, ValidationIssue[]>>;
  onChange(field: keyof ScalingFormValues, value: string | boolean): void;
  onBlur?(field: NumericSettingField): void;
  /** Hints under the inputs that have no issue to show. */
  hints?: Partial<Record<NumericSettingField, string>>;
  /** `stack`: one input per line (a dialog); `row`: compact inputs that wrap (a card). */
  layout: 'stack' | 'row';
}

/**
 * The six scaling settings as inputs (min/max capacity, target value, cooldowns,
 * disable scale-in), each showing the issues it is given; used by the edit dialog and
 * the Plan view so both ask for the settings the same way.
 * @internal
 */
export function ScalingSettingsFields(props: ScalingSettingsFieldsProps) {
  const { values, issues, hints, layout } = props;
  const row = layout === 'row';
  return (
    <Box
      display="flex"
      flexDirection={row ? 'row' : 'column'}
      flexWrap={row ? 'wrap' : 'nowrap'}
      alignItems={row ? 'flex-start' : 'stretch'}
      style={{ gap: row ? 12 : 16 }}
    >
      {NUMERIC_FIELDS.map(field => {
        const fieldIssues = issues[field];
        return (
          <TextField
            key={field}
            id={`${props.idPrefix}-${field}`}
            label={SETTING_LABELS[field]}
            value={values[field]}
            onChange={e => props.onChange(field, e.target.value)}
            onBlur={() => props.onBlur?.(field)}
            inputProps={{ inputMode: 'decimal' }}
            error={Boolean(fieldIssues)}
            helperText={
              fieldIssues
                ? fieldIssues.map(i => i.message).join('; ')
                : hints?.[field]
            }
            variant="outlined"
            size="small"
            style={row ? { width: 190 } : undefined}
            required
          />
        );
      })}
      <FormControlLabel
        control={
          <Checkbox
            checked={values.disableScaleIn}
            onChange={e => props.onChange('disableScaleIn', e.target.checked)}
            color="primary"
          />
        }
        label={SETTING_LABELS.disableScaleIn}
      />
    </Box>
  );
}
