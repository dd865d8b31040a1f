import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { sagemakerScalingApiRef } from '../../api';
import type { InstancePriceEstimate } from '../../api/planTypes';
import { classifyScalingError } from '../../lib/classifyScalingError';
import { ESTIMATE_LABEL, formatUsd } from '../../lib/formatCost';

/** Name of the field extension, as templates write it in `ui:field`. @public */
export const SAGEMAKER_COST_ESTIMATE_FIELD = 'SageMakerCostEstimate';

/** Wait for the form to settle before asking for a price. */
const PRICE_DEBOUNCE_MS = 300;

/** The form values the estimate reads, wherever in the form's pages they are. */
interface CostInputs {
  instanceType?: unknown;
  minCapacity?: unknown;
  maxCapacity?: unknown;
}

const wholeNumber = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : undefined;

/**
 * Display-only template field: the estimated cost range at min..max instances of the
 * chosen instance type, from the backend's prices. Reads `instanceType`, `minCapacity`
 * and `maxCapacity` of the whole form (the scaffolder passes it as
 * `formContext.formData`); it adds no value of its own.
 * @public
 */
export function SageMakerCostEstimateField(
  props: FieldExtensionComponentProps<null>,
) {
  const api = useApi(sagemakerScalingApiRef);
  const form = ((props.formContext as { formData?: CostInputs } | undefined)
    ?.formData ?? {}) as CostInputs;
  const instanceType =
    typeof form.instanceType === 'string' ? form.instanceType : undefined;
  const minCapacity = wholeNumber(form.minCapacity);
  const maxCapacity = wholeNumber(form.maxCapacity);
  // The prices route needs all three, with min <= max (the form reports that rule).
  const ready =
    instanceType !== undefined &&
    minCapacity !== undefined &&
    maxCapacity !== undefined &&
    minCapacity <= maxCapacity;
  const [estimate, setEstimate] = useState<InstancePriceEstimate>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    setEstimate(undefined);
    setError(undefined);
    if (
      instanceType === undefined ||
      minCapacity === undefined ||
      maxCapacity === undefined ||
      minCapacity > maxCapacity
    ) {
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .getPrices(
          { instanceType, minCapacity, maxCapacity },
          { signal: controller.signal },
        )
        .then(
          answer => !controller.signal.aborted && setEstimate(answer),
          failure => !controller.signal.aborted && setError(failure),
        );
    }, PRICE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, instanceType, minCapacity, maxCapacity]);

  return (
    <Box my={1} data-testid="sagemaker-cost-estimate">
      <Typography variant="subtitle1">
        {props.schema.title ?? 'Estimated cost'}
      </Typography>
      {!ready && (
        <Typography variant="body2" color="textSecondary">
          Choose an instance type and the minimum and maximum instances to see
          what the endpoint costs.
        </Typography>
      )}
      {error && (
        <Alert severity="warning">
          No cost estimate: {classifyScalingError(error).message}
        </Alert>
      )}
      {estimate && <EstimateText estimate={estimate} />}
    </Box>
  );
}

function EstimateText(props: { estimate: InstancePriceEstimate }) {
  const { estimate } = props;
  if (estimate.unknown) {
    return (
      <Typography variant="body2">
        No price is known for {estimate.instanceType}, so there is no estimate.{' '}
        {estimate.howToConfigure}
      </Typography>
    );
  }
  return (
    <Typography variant="body2">
      ≈ {formatUsd(estimate.perMonth.atMin)}–
      {formatUsd(estimate.perMonth.atMax)} per month (
      {formatUsd(estimate.perHour.atMin)}–{formatUsd(estimate.perHour.atMax)}{' '}
      per hour) between the minimum and the maximum of instances,{' '}
      {formatUsd(estimate.usdPerInstanceHour)} per instance-hour;{' '}
      {ESTIMATE_LABEL} ({estimate.source}).
    </Typography>
  );
}
