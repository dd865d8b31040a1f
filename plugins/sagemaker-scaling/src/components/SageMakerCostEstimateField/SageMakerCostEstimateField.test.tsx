import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  HOURS_PER_MONTH,
  resolveInstancePrice,
  variantCostFigures,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { sagemakerScalingApiRef } from '../../api';
import type { InstancePriceEstimate } from '../../api/planTypes';
import { FakeSageMakerScalingApi } from '../../__testUtils__/FakeSageMakerScalingApi';
import { SageMakerCostEstimateField } from './SageMakerCostEstimateField';

/** The prices answer for ml.m5.large at 1..4 instances, from common's price rules. */
function m5LargeEstimate(): InstancePriceEstimate {
  const price = resolveInstancePrice('ml.m5.large');
  if (price.unknown) throw new Error('ml.m5.large has a bundled price');
  const figures = variantCostFigures(price, {
    instances: 1,
    minCapacity: 1,
    maxCapacity: 4,
  });
  if (figures.unknown) throw new Error('known price');
  // Both counts are given, so both figures are there.
  const atMin = figures.usdPerHourAtMin!;
  const atMax = figures.usdPerHourAtMax!;
  return {
    instanceType: 'ml.m5.large',
    usdPerInstanceHour: price.usdPerHour,
    perHour: { atMin, atMax },
    perMonth: {
      hours: HOURS_PER_MONTH,
      atMin: atMin * HOURS_PER_MONTH,
      atMax: atMax * HOURS_PER_MONTH,
    },
    source: figures.priceSource,
    label: 'estimate from list prices',
  };
}

async function renderField(
  api: FakeSageMakerScalingApi,
  formData: Record<string, unknown>,
) {
  const props = {
    schema: { title: 'Estimated cost', type: 'null' },
    formContext: { formData },
    formData: null,
    onChange: () => undefined,
    idSchema: { $id: 'root_costEstimate' },
  } as unknown as Parameters<typeof SageMakerCostEstimateField>[0];
  await renderInTestApp(
    <TestApiProvider apis={[[sagemakerScalingApiRef, api]]}>
      <SageMakerCostEstimateField {...props} />
    </TestApiProvider>,
  );
}

describe('SageMakerCostEstimateField', () => {
  it('shows the monthly range at min..max of the chosen instance type, labelled as an estimate', async () => {
    const api = new FakeSageMakerScalingApi();
    api.priceResult = m5LargeEstimate();
    await renderField(api, {
      instanceType: 'ml.m5.large',
      minCapacity: 1,
      maxCapacity: 4,
      name: 'churn-prediction',
    });
    const field = screen.getByTestId('sagemaker-cost-estimate');
    expect(
      await screen.findByText(/per month/, {}, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(field).toHaveTextContent(
      '≈ $83.95–$336 per month ($0.12–$0.46 per hour) between the minimum and the maximum of instances, $0.12 per instance-hour; estimate from list prices (',
    );
    expect(api.calls.filter(c => c.method === 'getPrices')).toEqual([
      {
        method: 'getPrices',
        body: { instanceType: 'ml.m5.large', minCapacity: 1, maxCapacity: 4 },
      },
    ]);
  });

  it('says when the price is unknown and how to configure one, with no number', async () => {
    const api = new FakeSageMakerScalingApi();
    api.priceResult = {
      unknown: true,
      instanceType: 'ml.p5.48xlarge',
      howToConfigure:
        'Set sagemakerScaling.prices.ml-p5-48xlarge to its USD per instance-hour.',
    };
    await renderField(api, {
      instanceType: 'ml.p5.48xlarge',
      minCapacity: 1,
      maxCapacity: 2,
    });
    const text = await screen.findByText(
      /No price is known/,
      {},
      { timeout: 3000 },
    );
    expect(text).toHaveTextContent(
      'No price is known for ml.p5.48xlarge, so there is no estimate. Set sagemakerScaling.prices.ml-p5-48xlarge to its USD per instance-hour.',
    );
    expect(screen.getByTestId('sagemaker-cost-estimate')).not.toHaveTextContent(
      '$',
    );
  });

  it('asks for the instance type and capacities before asking the backend', async () => {
    const api = new FakeSageMakerScalingApi();
    await renderField(api, { minCapacity: 1, maxCapacity: 2 });
    expect(screen.getByTestId('sagemaker-cost-estimate')).toHaveTextContent(
      'Choose an instance type and the minimum and maximum instances to see what the endpoint costs.',
    );
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(api.calls).toEqual([]);
  });
});
