import { screen, within } from '@testing-library/react';
import {
  resolveInstancePrice,
  variantCostFigures,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { FakeSageMakerScalingApi } from '../../__testUtils__/FakeSageMakerScalingApi';
import {
  FAST_LIVE_OPTIONS,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { inServiceSnapshot } from '../../__fixtures__/snapshots';
import { EntitySageMakerScalingCard } from '../EntitySageMakerScalingCard';
import { VariantsTable } from '../VariantsTable';

/** The in-service fixture at 3 instances (min 2, max 6), priced as the backend would. */
function snapshotPricedAs(region?: string): ScalingSnapshot {
  const variant = {
    ...inServiceSnapshot.variants[0],
    currentInstanceCount: 3,
    desiredInstanceCount: 3,
    minCapacity: 2,
    maxCapacity: 6,
  };
  return {
    ...inServiceSnapshot,
    variants: [
      {
        ...variant,
        cost: variantCostFigures(
          resolveInstancePrice('ml.m5.large', { region }),
          {
            instances: 3,
            minCapacity: 2,
            maxCapacity: 6,
          },
        ),
      },
    ],
  };
}

describe('variant cost', () => {
  it('shows the monthly run rate on the card, as an estimate with its source', async () => {
    await renderWithEntity(
      <EntitySageMakerScalingCard liveOptions={FAST_LIVE_OPTIONS} />,
      { api: new FakeSageMakerScalingApi(snapshotPricedAs()) },
    );
    // 3 x $0.115 x 730 h = $251.85, shown in whole dollars.
    const line = await screen.findByTestId('sagemaker-run-rate');
    expect(line).toHaveTextContent(
      '≈ $252/month at 3 instances, estimate from list prices',
    );
    expect(
      screen.getByTitle(
        '$0.115 per instance-hour × 730 hours; price: bundled list price (us-east-1, 2026-07)',
      ),
    ).toBeInTheDocument();
  });

  it('says on the card that the price is unknown and how to configure it, without a number', async () => {
    await renderWithEntity(
      <EntitySageMakerScalingCard liveOptions={FAST_LIVE_OPTIONS} />,
      { api: new FakeSageMakerScalingApi(snapshotPricedAs('eu-west-1')) },
    );
    const line = await screen.findByTestId('sagemaker-run-rate');
    expect(line).toHaveTextContent(
      'Cost unknown: no price for ml.m5.large. To show it, set sagemakerScaling.prices.ml-m5-large in app-config',
    );
    expect(line.textContent).not.toMatch(/\$/);
  });

  it('shows $/h now, at min, at max and per month in the variants table', async () => {
    await renderWithEntity(<VariantsTable snapshot={snapshotPricedAs()} />, {
      api: new FakeSageMakerScalingApi(inServiceSnapshot),
    });
    expect(
      screen.getByRole('columnheader', {
        name: 'Cost (estimate from list prices)',
      }),
    ).toBeInTheDocument();
    const cell = screen.getByTestId('sagemaker-variant-cost');
    expect(cell).toHaveTextContent(
      '$0.345/h now · $0.23/h at min · $0.69/h at max',
    );
    expect(cell).toHaveTextContent('≈ $252/month at the current count');
    expect(
      within(screen.getByTestId('sagemaker-variant-row-AllTraffic')).getByTitle(
        'Price: bundled list price (us-east-1, 2026-07)',
      ),
    ).toBeInTheDocument();
  });

  it('says unknown in the table when there is no price', async () => {
    await renderWithEntity(
      <VariantsTable snapshot={snapshotPricedAs('eu-west-1')} />,
      { api: new FakeSageMakerScalingApi(inServiceSnapshot) },
    );
    expect(screen.getByTestId('sagemaker-variant-cost')).toHaveTextContent(
      'unknown (no price for ml.m5.large)',
    );
  });
});
