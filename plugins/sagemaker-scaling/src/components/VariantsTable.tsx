import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ScalingSnapshot } from '@mlplatform/plugin-sagemaker-scaling-common';
import { formatSeconds } from '../lib/formatRelativeTime';
import { describeMetric, formatInstanceCounts } from '../lib/formatScaling';
import { ESTIMATE_LABEL } from '../lib/formatCost';
import { VariantCostCell } from './VariantCost';

const dash = (value: unknown) =>
  value === undefined || value === null ? '–' : String(value);

/**
 * Per production variant: model, instance type, counts, weight and what scales it.
 * @internal
 */
export function VariantsTable(props: { snapshot: ScalingSnapshot }) {
  return (
    <Table
      size="small"
      aria-label="Production variants"
      data-testid="sagemaker-variants"
    >
      <TableHead>
        <TableRow>
          <TableCell>Variant</TableCell>
          <TableCell>Model</TableCell>
          <TableCell>Instance type</TableCell>
          <TableCell>Instances (current / desired)</TableCell>
          <TableCell>Weight (current / desired)</TableCell>
          <TableCell>Capacity range</TableCell>
          <TableCell>Target tracking</TableCell>
          <TableCell>Cooldowns (in / out)</TableCell>
          <TableCell>Cost ({ESTIMATE_LABEL})</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.snapshot.variants.map(variant => (
          <TableRow
            key={variant.variantName}
            data-testid={`sagemaker-variant-row-${variant.variantName}`}
          >
            <TableCell
              component="th"
              scope="row"
              style={{ whiteSpace: 'nowrap' }}
            >
              {variant.variantName}
            </TableCell>
            <TableCell>{dash(variant.modelName)}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {dash(variant.instanceType)}
            </TableCell>
            <TableCell>{formatInstanceCounts(variant)}</TableCell>
            <TableCell>
              {dash(variant.currentWeight)} / {dash(variant.desiredWeight)}
            </TableCell>
            <TableCell>
              {variant.scalableTargetName
                ? `min ${dash(variant.minCapacity)} · max ${dash(
                    variant.maxCapacity,
                  )}`
                : 'not autoscaled'}
            </TableCell>
            <TableCell>
              {variant.targetValue !== undefined
                ? `${variant.targetValue} ${describeMetric(variant)}${
                    variant.disableScaleIn ? ' (scale-in disabled)' : ''
                  }`
                : 'no policy'}
            </TableCell>
            <TableCell>
              {variant.scalingPolicyName
                ? `${formatSeconds(variant.scaleInCooldown)} / ${formatSeconds(
                    variant.scaleOutCooldown,
                  )}`
                : '–'}
            </TableCell>
            <TableCell>
              <VariantCostCell variant={variant} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
