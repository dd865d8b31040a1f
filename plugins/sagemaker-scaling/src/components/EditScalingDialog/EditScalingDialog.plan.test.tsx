import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEventModule from '@testing-library/user-event';
import {
  backendError,
  FakeSageMakerScalingApi,
} from '../../__testUtils__/FakeSageMakerScalingApi';
import {
  FAST_LIVE_OPTIONS,
  renderWithEntity,
} from '../../__testUtils__/renderWithEntity';
import { inServiceSnapshot } from '../../__fixtures__/snapshots';
import {
  constantLoadPlan,
  FIXTURE_CURRENT_SETTINGS,
} from '../../__fixtures__/plans';
import { provisioningDelayFromActivities } from '@mlplatform/plugin-sagemaker-scaling-common';
import { EntitySageMakerScalingContent } from '../EntitySageMakerScalingContent';

const userEvent = userEventModule.setup({ delay: null });
// The replay waits for typing to pause; give it time beyond the debounce.
const PLAN_WAIT = { timeout: 4000 };

async function openEditDialog(api: FakeSageMakerScalingApi) {
  await renderWithEntity(
    <EntitySageMakerScalingContent liveOptions={FAST_LIVE_OPTIONS} />,
    { api },
  );
  await userEvent.click(await screen.findByTestId('sagemaker-edit-scaling'));
  return screen.findByTestId('sagemaker-edit-dialog');
}

function setTarget(dialog: HTMLElement, value: string) {
  const input = within(dialog).getByLabelText('Target value', { exact: false });
  act(() => {
    fireEvent.change(input, { target: { value } });
  });
}

const planCalls = (api: FakeSageMakerScalingApi) =>
  api.calls.filter(c => c.method === 'planScaling');

describe('EditScalingDialog plan preview', () => {
  // The chart module (recharts) is loaded lazily; loading it once up front keeps the
  // tests' waits about the replay, not about transforming recharts on a busy machine.
  beforeAll(() => import('../ScalingPlan/PlanChart'), 120_000);

  it('replays a changed target before saving: instances, totals side by side, monthly difference, assumptions', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planResult = constantLoadPlan({
      ...FIXTURE_CURRENT_SETTINGS,
      targetValue: 75,
    });
    const dialog = await openEditDialog(api);
    expect(within(dialog).queryByTestId('sagemaker-plan-preview')).toBeNull();

    // Typing 7 then 75: one replay, of what the form says once typing paused.
    setTarget(dialog, '7');
    setTarget(dialog, '75');
    const difference = await within(dialog).findByTestId(
      'sagemaker-plan-monthly-difference',
      {},
      PLAN_WAIT,
    );
    expect(difference).toHaveTextContent(
      '−$72.76 per month (less than now) — ≈ $252 now, ≈ $179 proposed, estimate from list prices.',
    );
    expect(planCalls(api)).toHaveLength(1);
    expect(planCalls(api)[0].body).toEqual({
      variantName: 'AllTraffic',
      settings: { ...FIXTURE_CURRENT_SETTINGS, targetValue: 75 },
    });

    const preview = within(dialog).getByTestId('sagemaker-plan-preview');
    const row = (label: string) =>
      within(preview).getByText(label).closest('tr')?.textContent;
    expect(row('Instance-hours')).toBe('Instance-hours64.3');
    expect(row('Minutes at maximum')).toBe('Minutes at maximum12016');
    expect(row('Scale-ins')).toBe('Scale-ins01');
    const chart = await within(preview).findByTestId(
      'sagemaker-plan-chart',
      {},
      { timeout: 60_000 },
    );
    expect(
      within(chart).getByLabelText(
        'Plan chart. Current settings peak at 3 instances, the proposed at 3.',
      ),
    ).toBeInTheDocument();
    expect(preview).toHaveTextContent(
      "Replays the variant's recorded traffic (CloudWatch Invocations per minute): 2 h from",
    );
    expect(preview).toHaveTextContent(
      'Both start at 3 instances (the count at the start of the window).',
    );
    expect(preview).toHaveTextContent(
      provisioningDelayFromActivities([]).description,
    );
    expect(preview).toHaveTextContent(
      'Costs are estimates from list prices: $0.12 per instance-hour',
    );

    // The review step still shows what the change costs.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );
    expect(
      within(dialog).getByTestId('sagemaker-plan-monthly-difference'),
    ).toHaveTextContent('−$72.76 per month');
  }, 120_000);

  it('shows a failed replay without blocking the save', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planError = await backendError(
      400,
      'InputError',
      'settings.targetValue must be greater than 0',
    );
    const dialog = await openEditDialog(api);
    setTarget(dialog, '75');
    expect(
      await within(dialog).findByTestId('sagemaker-plan-error', {}, PLAN_WAIT),
    ).toHaveTextContent(
      'The replay is not available: settings.targetValue must be greater than 0',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Review changes' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );
    expect(
      await screen.findByTestId('sagemaker-apply-success'),
    ).toBeInTheDocument();
  });

  it('says the cost difference is unknown, and how to configure a price, without a price', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planResult = constantLoadPlan(
      { ...FIXTURE_CURRENT_SETTINGS, targetValue: 75 },
      {
        unknown: true,
        instanceType: 'ml.m5.large',
        howToConfigure:
          'Set sagemakerScaling.prices.ml-m5-large to its USD per instance-hour.',
      },
    );
    const dialog = await openEditDialog(api);
    setTarget(dialog, '75');
    const difference = await within(dialog).findByTestId(
      'sagemaker-plan-monthly-difference',
      {},
      PLAN_WAIT,
    );
    expect(difference).toHaveTextContent(
      'Cost difference unknown: no price for this instance type. Set sagemakerScaling.prices.ml-m5-large to its USD per instance-hour.',
    );
    expect(difference).not.toHaveTextContent('$');
    const preview = within(dialog).getByTestId('sagemaker-plan-preview');
    expect(
      within(preview).getByText('Cost of the replayed period').closest('tr'),
    ).toHaveTextContent('price unknownprice unknown');
  });

  it('replays nothing while the form is invalid', async () => {
    const api = new FakeSageMakerScalingApi(inServiceSnapshot);
    api.planResult = constantLoadPlan(FIXTURE_CURRENT_SETTINGS);
    const dialog = await openEditDialog(api);
    setTarget(dialog, '-5');
    await new Promise(resolve => setTimeout(resolve, 900));
    await waitFor(() => expect(planCalls(api)).toHaveLength(0));
    expect(within(dialog).queryByTestId('sagemaker-plan-preview')).toBeNull();
  });
});
