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
 * The six scaling settings as a compact row of inputs, each showing the issues the
 * shared validator (`lib/scalingForm`) found with it.
 * @internal
 */
export function PlanSettingsFields(props: {
  values: ScalingFormValues;
  issues: Partial<Record<string, ValidationIssue[]>>;
  onChange(field: keyof ScalingFormValues, value: string | boolean): void;
}) {
  const { values, issues } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 12 }}
    >
      {NUMERIC_FIELDS.map(field => (
        <TextField
          key={field}
          id={`sagemaker-plan-${field}`}
          label={SETTING_LABELS[field]}
          value={values[field]}
          onChange={e => props.onChange(field, e.target.value)}
          inputProps={{ inputMode: 'decimal' }}
          error={Boolean(issues[field])}
          helperText={issues[field]?.map(i => i.message).join('; ')}
          variant="outlined"
          size="small"
          style={{ width: 190 }}
          required
        />
      ))}
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
