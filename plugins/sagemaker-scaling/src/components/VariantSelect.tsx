import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { VariantState } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * A "Variant" drop-down over the given production variants, by name.
 * @internal
 */
export function VariantSelect(props: {
  variants: Pick<VariantState, 'variantName'>[];
  value: string;
  onChange(variantName: string): void;
  size?: 'small' | 'medium';
}) {
  return (
    <TextField
      select
      size={props.size}
      label="Variant"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
    >
      {props.variants.map(v => (
        <MenuItem key={v.variantName} value={v.variantName}>
          {v.variantName}
        </MenuItem>
      ))}
    </TextField>
  );
}
